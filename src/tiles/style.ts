import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { ATTRIBUTION } from '../layers/catalog.js';
import { today } from '../layers/dates.js';
import { parseTimeRule, type TimeRule } from '../layers/time/index.js';
import { applyTimeRule, portRoleHolds } from './time-filter.js';
import {
  AGENCY_COLOURS,
  BASE_COLOURS,
  CORRIDOR_COLOURS,
  CORRIDOR_FALLBACK,
  FLIGHT_FALLBACK,
  FLIGHT_KIND_COLOURS,
  GROUP_COLOURS,
  GROUP_FALLBACK,
  LOW_CONFIDENCE_OPACITY,
  PORT_ROLE_COLOURS,
  PORT_ROLE_PRIORITY,
  PRESENCE_OPACITY,
  STATE_ACTOR_STYLE,
} from '../cartography/palette.js';

// The MapLibre style of the Gauntlet map, drawn from the one vector source the tile server publishes
// (`gauntlet`, one source-layer per Gauntlet layer id). Colours live in palette.ts.

export const SOURCE = 'gauntlet';
/** The only font we serve (glyphs.ts); every symbol layer uses it. */
export const TEXT_FONT = ['Noto Sans Regular'];

export interface StyleOptions {
  /** TileJSON of the `gauntlet` source, e.g. https://host/tiles.json; absolute, as GL JS needs. */
  tileJsonUrl: string;
  /** Glyph URL template with {fontstack} and {range}, e.g. https://host/fonts/{fontstack}/{range}.pbf */
  glyphsUrl: string;
  attribution?: string;
  /** Which facts the map shows (time-filter.ts); default `latest`: every fact not ended, as of today. */
  timeRule?: TimeRule;
}

type Expr = ExpressionSpecification;

const isLow: Expr = ['==', ['get', 'confidence'], 'low'];
/** Not `isNotLow`: QGIS 3.22's converter reads `!` only before `has`. */
const isNotLow: Expr = ['!=', ['get', 'confidence'], 'low'];
/** Territories of criminal groups; `actor: "state"` areas (abuse by officials) have their own layers. */
const isCriminal: Expr = ['!=', ['get', 'actor'], 'state'];
const isState: Expr = ['==', ['get', 'actor'], 'state'];
/** `opacity` for ordinary features, LOW_CONFIDENCE_OPACITY of it for `confidence: low` ones: a `match`, which QGIS reads (not a product). */
const confidenceOpacity = (opacity = 1): Expr => matchBy('confidence', { low: opacity * LOW_CONFIDENCE_OPACITY }, opacity);

/**
 * ["match", property, [k1], v1, …, fallback] from a lookup table. Labels are one-element arrays: QGIS 3.22's style
 * converter reads only array labels (a bare string becomes an empty IN () and every feature gets the fallback).
 */
function matchBy(property: string, table: Readonly<Record<string, string | number>>, fallback: string | number): Expr {
  const pairs = Object.entries(table).flatMap(([k, v]) => [[k], v]);
  return ['match', ['to-string', ['get', property]], ...pairs, fallback] as unknown as Expr;
}

const scaled = (table: Readonly<Record<string, number>>, factor: number) =>
  Object.fromEntries(Object.entries(table).map(([k, v]) => [k, v * factor]));

/** Linear interpolation over zoom: byZoom(4, 1, 10, 3). Outputs may be data expressions. */
function byZoom(...stops: (number | Expr)[]): Expr {
  return ['interpolate', ['linear'], ['zoom'], ...stops] as Expr;
}

const textLayout = { 'text-font': TEXT_FONT } as const;
const halo = { 'text-halo-color': BASE_COLOURS.halo, 'text-halo-width': 1.4, 'text-halo-blur': 0.3 } as const;

function layers(rule: TimeRule): LayerSpecification[] {
  const src = { source: SOURCE } as const;
  const groupColour = matchBy('group', GROUP_COLOURS, GROUP_FALLBACK);
  const corridorColour = matchBy('corridor', CORRIDOR_COLOURS, CORRIDOR_FALLBACK);
  const flightColour = matchBy('kind', FLIGHT_KIND_COLOURS, FLIGHT_FALLBACK);
  const journeyFirst: Expr = ['match', ['get', 'corridor'], 'journey', 2, 1];
  // The journey is drawn wider; `extra` widens the white casing beneath.
  const routeWidth = (extra = 0): Expr =>
    byZoom(3, ['match', ['get', 'corridor'], 'journey', 3 + extra, 1.8 + extra], 10, ['match', ['get', 'corridor'], 'journey', 6 + extra, 4 + extra]);

  return [
    { id: 'background', type: 'background', paint: { 'background-color': BASE_COLOURS.water } },

    // --- base geography, light and quiet
    {
      id: 'countries-fill', type: 'fill', ...src, 'source-layer': 'countries',
      paint: {
        'fill-color': ['match', ['get', 'name'], ['Mexico'], BASE_COLOURS.mexico, ['United States of America'], BASE_COLOURS.usa, BASE_COLOURS.neighbours],
      },
    },

    // --- territories under the admin lines so state and municipal boundaries stay readable through them
    // Two fills, by confidence, each with one `match` on presence: QGIS's converter cannot read a product of two.
    {
      id: 'territories-fill', type: 'fill', ...src, 'source-layer': 'territories',
      filter: ['all', isCriminal, isNotLow],
      layout: { 'fill-sort-key': ['match', ['get', 'presence'], 'dominant', 2, 'present', 1, 0] },
      paint: { 'fill-color': groupColour, 'fill-opacity': matchBy('presence', PRESENCE_OPACITY, PRESENCE_OPACITY.present) },
    },
    {
      id: 'territories-fill-low-confidence', type: 'fill', ...src, 'source-layer': 'territories',
      filter: ['all', isCriminal, isLow],
      layout: { 'fill-sort-key': ['match', ['get', 'presence'], 'dominant', 2, 'present', 1, 0] },
      paint: {
        'fill-color': groupColour,
        'fill-opacity': matchBy('presence', scaled(PRESENCE_OPACITY, LOW_CONFIDENCE_OPACITY), PRESENCE_OPACITY.present * LOW_CONFIDENCE_OPACITY),
      },
    },
    {
      id: 'municipalities-line', type: 'line', ...src, 'source-layer': 'municipalities', minzoom: 5,
      paint: { 'line-color': BASE_COLOURS.municipalityLine, 'line-width': byZoom(5, 0.2, 10, 0.8), 'line-opacity': byZoom(5, 0.3, 8, 0.8) },
    },
    {
      id: 'states-line', type: 'line', ...src, 'source-layer': 'states',
      layout: { 'line-join': 'round' },
      paint: { 'line-color': BASE_COLOURS.stateLine, 'line-width': byZoom(3, 0.5, 10, 1.5) },
    },
    {
      id: 'countries-line', type: 'line', ...src, 'source-layer': 'countries',
      layout: { 'line-join': 'round' },
      paint: { 'line-color': BASE_COLOURS.countryLine, 'line-width': byZoom(3, 0.8, 10, 1.6) },
    },
    {
      id: 'territories-outline', type: 'line', ...src, 'source-layer': 'territories',
      filter: ['all', isCriminal, ['!=', ['get', 'presence'], 'contested']],
      layout: { 'line-join': 'round' },
      paint: { 'line-color': groupColour, 'line-width': byZoom(4, 0.6, 10, 1.5), 'line-opacity': confidenceOpacity(0.8) },
    },
    {
      // A separate layer: data-driven line-dasharray is not supported by every renderer.
      id: 'territories-outline-contested', type: 'line', ...src, 'source-layer': 'territories',
      filter: ['all', isCriminal, ['==', ['get', 'presence'], 'contested']],
      paint: {
        'line-color': groupColour, 'line-width': byZoom(4, 1, 10, 2), 'line-dasharray': [3, 2],
        'line-opacity': confidenceOpacity(0.9),
      },
    },
    // State actors' areas: one fill and one outline per confidence, each with constant opacities (QGIS 3.22's
    // converter turns a data-driven opacity over a constant colour into a broken colour: the fill came out opaque).
    ...(['other', 'low'] as const).flatMap((which): LayerSpecification[] => {
      const factor = which === 'low' ? LOW_CONFIDENCE_OPACITY : 1;
      const suffix = which === 'low' ? '-low-confidence' : '';
      const filter: Expr = ['all', isState, which === 'low' ? isLow : isNotLow];
      return [
        { id: `state-actor-areas-fill${suffix}`, type: 'fill', ...src, 'source-layer': 'territories', filter, paint: { 'fill-color': STATE_ACTOR_STYLE.colour, 'fill-opacity': STATE_ACTOR_STYLE.fillOpacity * factor } },
        {
          // Dotted, not dashed: contested criminal territory is dashed.
          id: `state-actor-areas-outline${suffix}`, type: 'line', ...src, 'source-layer': 'territories', filter,
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: {
            'line-color': STATE_ACTOR_STYLE.colour, 'line-width': byZoom(4, STATE_ACTOR_STYLE.lineWidth * 0.6, 10, STATE_ACTOR_STYLE.lineWidth),
            'line-dasharray': [...STATE_ACTOR_STYLE.dash], 'line-opacity': 0.9 * factor,
          },
        },
      ];
    }),
    {
      id: 'roads', type: 'line', ...src, 'source-layer': 'roads', minzoom: 4, filter: ['!=', ['get', 'type'], 'Ferry Route'],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': BASE_COLOURS.road, 'line-width': byZoom(4, ['match', ['get', 'type'], 'Major Highway', 1.2, 0.7], 10, ['match', ['get', 'type'], 'Major Highway', 3, 2]) },
    },
    {
      id: 'railroads', type: 'line', ...src, 'source-layer': 'railroads', minzoom: 3,
      paint: { 'line-color': BASE_COLOURS.railroad, 'line-width': byZoom(3, 0.6, 10, 1.6), 'line-dasharray': [3, 2] },
    },
    {
      id: 'border-casing', type: 'line', ...src, 'source-layer': 'border',
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': BASE_COLOURS.borderCasing, 'line-width': byZoom(3, 3, 10, 7), 'line-opacity': 0.8 },
    },
    {
      id: 'border', type: 'line', ...src, 'source-layer': 'border',
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': BASE_COLOURS.border, 'line-width': byZoom(3, 1.6, 10, 3.5) },
    },
    {
      // Faint at national zooms, where thousands of points would hide everything else.
      id: 'migrant-deaths', type: 'circle', ...src, 'source-layer': 'migrant-deaths', minzoom: 3,
      layout: { 'circle-sort-key': ['-', ['to-number', ['get', 'dead_and_missing'], 1]] },
      paint: {
        'circle-color': BASE_COLOURS.migrantDeaths,
        'circle-opacity': byZoom(3, 0.12, 6, 0.3, 10, 0.45),
        'circle-radius': byZoom(
          3, ['+', 0.8, ['*', 0.25, ['sqrt', ['to-number', ['get', 'dead_and_missing'], 1]]]],
          7, ['+', 1.2, ['*', 0.6, ['sqrt', ['to-number', ['get', 'dead_and_missing'], 1]]]],
          12, ['+', 2, ['*', 1.2, ['sqrt', ['to-number', ['get', 'dead_and_missing'], 1]]]],
        ),
      },
    },

    // --- routes and flights
    {
      id: 'routes-casing', type: 'line', ...src, 'source-layer': 'routes',
      filter: isNotLow,
      layout: { 'line-join': 'round', 'line-cap': 'round', 'line-sort-key': journeyFirst },
      paint: { 'line-color': BASE_COLOURS.halo, 'line-width': routeWidth(2), 'line-opacity': 0.85 },
    },
    {
      id: 'routes', type: 'line', ...src, 'source-layer': 'routes',
      filter: isNotLow,
      layout: { 'line-join': 'round', 'line-cap': 'round', 'line-sort-key': journeyFirst },
      paint: { 'line-color': corridorColour, 'line-width': routeWidth() },
    },
    {
      id: 'routes-low-confidence', type: 'line', ...src, 'source-layer': 'routes',
      filter: isLow,
      layout: { 'line-join': 'round', 'line-cap': 'butt' },
      paint: { 'line-color': corridorColour, 'line-width': routeWidth(), 'line-dasharray': [2, 1.5], 'line-opacity': 0.75 },
    },
    {
      id: 'expulsion-flights', type: 'line', ...src, 'source-layer': 'expulsion-flights',
      layout: { 'line-cap': 'butt' },
      paint: {
        'line-color': flightColour, 'line-width': byZoom(3, 1.4, 10, 2.6), 'line-dasharray': [4, 2.5],
        'line-opacity': confidenceOpacity(0.9),
      },
    },
    {
      // Chevrons along the line show the direction of travel (the font has no arrow glyphs).
      id: 'expulsion-flights-direction', type: 'symbol', ...src, 'source-layer': 'expulsion-flights',
      layout: {
        ...textLayout, 'symbol-placement': 'line', 'symbol-spacing': 140, 'text-field': '›', 'text-size': byZoom(3, 16, 10, 24),
        'text-keep-upright': false, 'text-rotation-alignment': 'map', 'text-allow-overlap': true, 'text-ignore-placement': true,
      },
      paint: { 'text-color': flightColour, 'text-opacity': confidenceOpacity() },
    },

    // --- points
    {
      id: 'airports', type: 'circle', ...src, 'source-layer': 'airports', minzoom: 5,
      paint: { 'circle-color': BASE_COLOURS.airport, 'circle-radius': byZoom(5, 2.5, 10, 4), 'circle-stroke-color': BASE_COLOURS.halo, 'circle-stroke-width': 1 },
    },
    {
      id: 'places', type: 'circle', ...src, 'source-layer': 'places', minzoom: 4,
      paint: { 'circle-color': BASE_COLOURS.place, 'circle-radius': byZoom(4, 1.5, 10, 3.5), 'circle-stroke-color': BASE_COLOURS.halo, 'circle-stroke-width': 1 },
    },
    // Checkpoints: one layer per agency with a constant colour (QGIS 3.22's converter puts a data-driven
    // circle-color where QGIS's marker ignores it: every checkpoint came out grey), low confidence apart with
    // constant opacities and drawn first, so confident checkpoints lie on top.
    ...(['low', 'other'] as const).flatMap((which) =>
      Object.entries(AGENCY_COLOURS).map(([agency, colour]): LayerSpecification => ({
        id: `${which === 'low' ? 'checkpoints-low-confidence' : 'checkpoints'}-${agency}`, type: 'circle', ...src, 'source-layer': 'checkpoints',
        filter: ['all', which === 'low' ? isLow : isNotLow, ['==', ['get', 'agency'], agency]],
        paint: {
          'circle-color': colour,
          'circle-radius': byZoom(3, 3, 8, 6, 12, 8),
          'circle-stroke-color': BASE_COLOURS.halo,
          'circle-stroke-width': byZoom(3, 1, 8, 1.5),
          ...(which === 'low' ? { 'circle-opacity': LOW_CONFIDENCE_OPACITY, 'circle-stroke-opacity': LOW_CONFIDENCE_OPACITY } : {}),
        },
      })),
    ),
    // Ports: one circle layer per role, each with a date filter and one colour, the highest priority drawn last
    // (on top), over a circle in the "none" colour for every port. QGIS's converter reads a filter and a constant
    // colour; it cannot read a colour that depends on the date.
    ...(['none' as const, ...[...PORT_ROLE_PRIORITY].reverse()]).map((role): LayerSpecification => ({
      id: role === 'none' ? 'ports' : `ports-${role}`, type: 'circle', ...src, 'source-layer': 'ports',
      ...(role === 'none' ? {} : { filter: portRoleHolds(role, rule) }),
      paint: {
        // A dark ring sets ports apart from the white-ringed checkpoints.
        'circle-color': PORT_ROLE_COLOURS[role],
        'circle-radius': byZoom(3, 3.5, 8, 7, 12, 9),
        'circle-stroke-color': BASE_COLOURS.border,
        'circle-stroke-width': byZoom(3, 1, 8, 2),
      },
    })),

    // --- labels: later layers are placed first, so the most specific come last
    {
      id: 'countries-label', type: 'symbol', ...src, 'source-layer': 'countries', maxzoom: 4, // polygons are labelled once per tile: higher, labels repeat
      layout: { ...textLayout, 'text-field': ['get', 'name'], 'text-size': byZoom(2, 11, 5, 14), 'text-transform': 'uppercase', 'text-letter-spacing': 0.15, 'text-max-width': 8 },
      paint: { 'text-color': BASE_COLOURS.textMuted, ...halo },
    },
    {
      // One point per separate area, computed at build (label-points.ts): a polygon label would repeat in every tile.
      id: 'territories-label', type: 'symbol', ...src, 'source-layer': 'territory-labels', minzoom: 5, maxzoom: 11,
      layout: {
        ...textLayout, 'text-field': ['get', 'groupName'], 'text-size': byZoom(5, 10, 8, 12), 'text-max-width': 8,
        'text-letter-spacing': 0.05, 'symbol-sort-key': ['match', ['get', 'presence'], 'dominant', 0, 'present', 1, 2],
      },
      paint: { 'text-color': BASE_COLOURS.text, ...halo, 'text-opacity': byZoom(5, 0.7, 6, 0.9) },
    },
    {
      id: 'routes-label', type: 'symbol', ...src, 'source-layer': 'routes', minzoom: 6,
      layout: { ...textLayout, 'symbol-placement': 'line', 'symbol-spacing': 400, 'text-field': ['get', 'name'], 'text-size': 11, 'text-offset': [0, -0.9] },
      paint: { 'text-color': corridorColour, ...halo },
    },
    {
      id: 'airports-label', type: 'symbol', ...src, 'source-layer': 'airports', minzoom: 7,
      layout: { ...textLayout, 'text-field': ['get', 'iata_code'], 'text-size': 10, 'text-anchor': 'left', 'text-offset': [0.7, 0] },
      paint: { 'text-color': BASE_COLOURS.airport, ...halo },
    },
    {
      // Places carry no population: size grows with zoom, and collisions thin them out at small scales.
      id: 'places-label', type: 'symbol', ...src, 'source-layer': 'places', minzoom: 4,
      layout: {
        ...textLayout, 'text-field': ['get', 'name'], 'text-size': byZoom(4, 10, 7, 12, 10, 14),
        'text-anchor': 'top', 'text-offset': [0, 0.5], 'text-max-width': 8,
        'symbol-sort-key': ['match', ['get', 'country'], 'MX', 0, 1],
      },
      paint: { 'text-color': BASE_COLOURS.place, ...halo },
    },
    {
      id: 'checkpoints-label', type: 'symbol', ...src, 'source-layer': 'checkpoints', minzoom: 8,
      layout: { ...textLayout, 'text-field': ['get', 'name'], 'text-size': 11, 'text-anchor': 'left', 'text-offset': [0.9, 0], 'text-max-width': 10 },
      paint: { 'text-color': BASE_COLOURS.text, ...halo, 'text-opacity': confidenceOpacity() },
    },
    {
      // From zoom 9 the label also lists the port's roles on the served date.
      id: 'ports-label', type: 'symbol', ...src, 'source-layer': 'ports', minzoom: 6,
      layout: {
        ...textLayout,
        'text-field': [
          'step', ['zoom'], ['get', 'portName'],
          9, ['format', ['get', 'portName'], {}, '\n', {}, ['to-string', ['coalesce', ['get', 'roleNames'], '']], { 'font-scale': 0.8 }],
        ],
        'text-size': byZoom(6, 10, 10, 13), 'text-anchor': 'bottom', 'text-offset': [0, -0.9], 'text-max-width': 10,
      },
      paint: { 'text-color': BASE_COLOURS.text, ...halo },
    },
  ];
}

/** The Gauntlet map style (MapLibre style spec v8). */
export function buildStyle({ tileJsonUrl, glyphsUrl, attribution = ATTRIBUTION, timeRule }: StyleOptions): StyleSpecification {
  if (!glyphsUrl.includes('{fontstack}') || !glyphsUrl.includes('{range}')) {
    throw new Error(`glyphsUrl must contain {fontstack} and {range}: ${glyphsUrl}`);
  }
  const rule = timeRule ?? parseTimeRule('latest', { today: today() });
  return {
    version: 8,
    name: 'Gauntlet',
    center: [-100, 24],
    zoom: 4,
    sources: { [SOURCE]: { type: 'vector', url: tileJsonUrl, attribution } },
    glyphs: glyphsUrl,
    layers: applyTimeRule(layers(rule), rule),
  };
}
