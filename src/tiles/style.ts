import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { ATTRIBUTION } from '../layers/catalog.js';
import { today } from '../layers/dates.js';
import { parseTimeRule, type TimeRule } from '../layers/time/index.js';
import { applyTimeRule, portRoleHolds } from './time-filter.js';
import { DRAW_ORDER, LABEL_HALO, LABEL_ORDER, LOOK, MAP_REGION, type DrawStep, type LabelStep, type Stroke } from '../cartography/look.js';
import { atZoom, type ZoomValue } from '../cartography/zoom.js';

// The MapLibre style of the Gauntlet map, drawn from the one vector source the tile server publishes
// (`gauntlet`, one source-layer per Gauntlet layer id), generated from the cartography table (cartography/look.ts).

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
/** Not `['!', isLow]`: QGIS 3.22's converter reads `!` only before `has`. */
const isNotLow: Expr = ['!=', ['get', 'confidence'], 'low'];
/** Territories of criminal groups; `actor: "state"` areas (abuse by officials) have their own layers. */
const isCriminal: Expr = ['!=', ['get', 'actor'], 'state'];
const isState: Expr = ['==', ['get', 'actor'], 'state'];
const LOW = LOOK.lowConfidenceOpacity;

/**
 * ["match", property, [k1], v1, …, fallback] from a lookup table. Labels are one-element arrays: QGIS 3.22's style
 * converter reads only array labels (a bare string becomes an empty IN () and every feature gets the fallback).
 */
function matchBy(property: string, table: Readonly<Record<string, string | number>>, fallback: string | number): Expr {
  const pairs = Object.entries(table).flatMap(([k, v]) => [[k], v]);
  return ['match', ['to-string', ['get', property]], ...pairs, fallback] as unknown as Expr;
}

/** `opacity` for ordinary features, LOW of it for `confidence: low` ones: a `match`, which QGIS reads (not a product). */
const confidenceOpacity = (opacity = 1): Expr => matchBy('confidence', { low: opacity * LOW }, opacity);

const scaledTable = (table: Readonly<Record<string, number>>, factor: number) => Object.fromEntries(Object.entries(table).map(([k, v]) => [k, v * factor]));

/** A table value as MapLibre reads it: a constant, or ["interpolate", ["linear"], ["zoom"], …]. */
function zoomed(value: ZoomValue): number | Expr {
  return typeof value === 'number' ? value : (['interpolate', ['linear'], ['zoom'], ...value.stops.flat()] as Expr);
}

/**
 * A zoom value per category of a property, as one interpolation whose stops are `match`es (a data expression may
 * only sit inside the zoom's). Every category's stops must share their zooms.
 */
function zoomedBy(property: string, byCategory: Readonly<Record<string, ZoomValue>>, fallback: ZoomValue, offset = 0): Expr {
  const stopsOf = (v: ZoomValue) => (typeof v === 'number' ? null : v.stops);
  const zooms = stopsOf(fallback)?.map(([z]) => z) ?? [];
  const at = (v: ZoomValue, i: number) => (typeof v === 'number' ? v : v.stops[i]![1]) + offset;
  for (const [k, v] of Object.entries(byCategory)) {
    const own = stopsOf(v)?.map(([z]) => z) ?? [];
    if (own.join() !== zooms.join()) throw new Error(`${property}=${k}: zoom stops differ from the fallback's`);
  }
  const matchAt = (i: number) => ['match', ['get', property], ...Object.entries(byCategory).flatMap(([k, v]) => [k, at(v, i)]), at(fallback, i)];
  return (zooms.length ? ['interpolate', ['linear'], ['zoom'], ...zooms.flatMap((z, i) => [z, matchAt(i)])] : matchAt(0)) as unknown as Expr;
}

const stroke = (l: Stroke) => ({
  'line-color': l.colour,
  'line-width': zoomed(l.width),
  ...(l.opacity !== undefined ? { 'line-opacity': zoomed(l.opacity) } : {}),
  ...(l.dash ? { 'line-dasharray': [...l.dash] } : {}),
});

const textLayout = { 'text-font': TEXT_FONT } as const;
const halo = { 'text-halo-color': LABEL_HALO.colour, 'text-halo-width': LABEL_HALO.width, 'text-halo-blur': LABEL_HALO.blur } as const;
/** A layer's zoom range from the table (only the bounds it sets). */
const zooms = (r: { minzoom?: number; maxzoom?: number }) => ({ ...(r.minzoom !== undefined ? { minzoom: r.minzoom } : {}), ...(r.maxzoom !== undefined ? { maxzoom: r.maxzoom } : {}) });

function layers(rule: TimeRule): LayerSpecification[] {
  const src = { source: SOURCE } as const;
  const T = LOOK.territories;
  const groupColour = matchBy('group', T.colours, T.fallback);
  const corridorColour = matchBy('corridor', LOOK.routes.colours, LOOK.routes.fallback);
  const flightColour = matchBy('kind', LOOK.flights.colours, LOOK.flights.fallback);
  const journeyFirst: Expr = ['match', ['get', 'corridor'], 'journey', 2, 1];
  const presenceSort: Expr = ['match', ['get', 'presence'], 'dominant', 2, 'present', 1, 0];
  const routeWidth = (extra = 0): Expr => zoomedBy('corridor', { journey: LOOK.routes.width.journey }, LOOK.routes.width.other, extra);
  const deaths = LOOK.migrantDeaths;
  const rootCount: Expr = ['sqrt', ['to-number', ['get', 'dead_and_missing'], 1]];
  const deathStops = typeof deaths.radius.base === 'number' ? [] : deaths.radius.base.stops;
  const dot = (id: 'airports' | 'places'): LayerSpecification => {
    const p = LOOK[id];
    return { id, type: 'circle', ...src, 'source-layer': id, ...zooms(p), paint: { 'circle-color': p.colour, 'circle-radius': zoomed(p.radius), 'circle-stroke-color': p.stroke.colour, 'circle-stroke-width': p.stroke.width } };
  };

  // One entry per step of the table's draw order (look.ts DRAW_ORDER, LABEL_ORDER): the style emits them in it.
  const steps: Record<DrawStep | LabelStep, LayerSpecification[]> = {
    background: [{ id: 'background', type: 'background', paint: { 'background-color': LOOK.water.colour } }],

    // --- base geography, light and quiet
    'countries-fill': [{
      id: 'countries-fill', type: 'fill', ...src, 'source-layer': 'countries',
      paint: { 'fill-color': ['match', ['get', 'name'], ...Object.entries(LOOK.countries.fill.byName).flatMap(([k, v]) => [[k], v]), LOOK.countries.fill.fallback] as unknown as Expr },
    }],

    // Two fills, by confidence, each with one `match` on presence: QGIS's converter cannot read a product of two.
    'territories-fill': [{
      id: 'territories-fill', type: 'fill', ...src, 'source-layer': 'territories',
      filter: ['all', isCriminal, isNotLow],
      layout: { 'fill-sort-key': presenceSort },
      paint: { 'fill-color': groupColour, 'fill-opacity': matchBy('presence', T.presenceOpacity, T.presenceOpacity.present) },
    },
    {
      id: 'territories-fill-low-confidence', type: 'fill', ...src, 'source-layer': 'territories',
      filter: ['all', isCriminal, isLow],
      layout: { 'fill-sort-key': presenceSort },
      paint: { 'fill-color': groupColour, 'fill-opacity': matchBy('presence', scaledTable(T.presenceOpacity, LOW), T.presenceOpacity.present * LOW) },
    }],
    'municipalities-line': [{ id: 'municipalities-line', type: 'line', ...src, 'source-layer': 'municipalities', ...zooms(LOOK.municipalities), paint: stroke(LOOK.municipalities.line) }],
    'states-line': [{ id: 'states-line', type: 'line', ...src, 'source-layer': 'states', layout: { 'line-join': 'round' }, paint: stroke(LOOK.states.line) }],
    'countries-line': [{ id: 'countries-line', type: 'line', ...src, 'source-layer': 'countries', layout: { 'line-join': 'round' }, paint: stroke(LOOK.countries.line) }],
    'territories-outline': [{
      id: 'territories-outline', type: 'line', ...src, 'source-layer': 'territories',
      filter: ['all', isCriminal, ['!=', ['get', 'presence'], 'contested']],
      layout: { 'line-join': 'round' },
      paint: { 'line-color': groupColour, 'line-width': zoomed(T.outline.width), 'line-opacity': confidenceOpacity(T.outline.opacity) },
    }],
    'territories-outline-contested': [{
      // A separate layer: data-driven line-dasharray is not supported by every renderer.
      id: 'territories-outline-contested', type: 'line', ...src, 'source-layer': 'territories',
      filter: ['all', isCriminal, ['==', ['get', 'presence'], 'contested']],
      paint: { 'line-color': groupColour, 'line-width': zoomed(T.contested.width), 'line-dasharray': [...T.contested.dash], 'line-opacity': confidenceOpacity(T.contested.opacity) },
    }],
    // State actors' areas: one fill and one outline per confidence, each with constant opacities (QGIS 3.22's
    // converter turns a data-driven opacity over a constant colour into a broken colour: the fill came out opaque).
    'state-actor-areas': (['other', 'low'] as const).flatMap((which): LayerSpecification[] => {
      const factor = which === 'low' ? LOW : 1;
      const suffix = which === 'low' ? '-low-confidence' : '';
      const filter: Expr = ['all', isState, which === 'low' ? isLow : isNotLow];
      const s = T.stateActors;
      return [
        { id: `state-actor-areas-fill${suffix}`, type: 'fill', ...src, 'source-layer': 'territories', filter, paint: { 'fill-color': s.colour, 'fill-opacity': s.fillOpacity * factor } },
        {
          // Dotted, not dashed: contested criminal territory is dashed.
          id: `state-actor-areas-outline${suffix}`, type: 'line', ...src, 'source-layer': 'territories', filter,
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: { ...stroke(s.outline), 'line-opacity': s.outline.opacity * factor },
        },
      ];
    }),
    roads: [{
      id: 'roads', type: 'line', ...src, 'source-layer': 'roads', ...zooms(LOOK.roads),
      filter: ['all', ...LOOK.roads.hiddenTypes.map((t) => ['!=', ['get', 'type'], t])] as unknown as Expr,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': LOOK.roads.colour, 'line-width': zoomedBy('type', { 'Major Highway': LOOK.roads.width['Major Highway'] }, LOOK.roads.width.other) },
    }],
    railroads: [{ id: 'railroads', type: 'line', ...src, 'source-layer': 'railroads', ...zooms(LOOK.railroads), paint: stroke(LOOK.railroads.line) }],
    border: [
      { id: 'border-casing', type: 'line', ...src, 'source-layer': 'border', layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: stroke(LOOK.border.casing) },
      { id: 'border', type: 'line', ...src, 'source-layer': 'border', layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: stroke(LOOK.border.line) },
    ],
    'migrant-deaths': [{
      id: 'migrant-deaths', type: 'circle', ...src, 'source-layer': 'migrant-deaths', ...zooms(deaths),
      layout: { 'circle-sort-key': ['-', ['to-number', ['get', 'dead_and_missing'], 1]] },
      paint: {
        'circle-color': deaths.colour,
        'circle-opacity': zoomed(deaths.opacity),
        'circle-radius': ['interpolate', ['linear'], ['zoom'], ...deathStops.flatMap(([z], i) => [z, ['+', atZoom(deaths.radius.base, z), ['*', atZoom(deaths.radius.perRootCount, z), rootCount]]])] as unknown as Expr,
      },
    }],

    // --- routes and flights
    routes: [{
      id: 'routes-casing', type: 'line', ...src, 'source-layer': 'routes',
      filter: isNotLow,
      layout: { 'line-join': 'round', 'line-cap': 'round', 'line-sort-key': journeyFirst },
      paint: { 'line-color': LOOK.routes.casing.colour, 'line-width': routeWidth(LOOK.routes.casing.extra), 'line-opacity': LOOK.routes.casing.opacity },
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
      paint: { 'line-color': corridorColour, 'line-width': routeWidth(), 'line-dasharray': [...LOOK.routes.lowConfidence.dash], 'line-opacity': LOOK.routes.lowConfidence.opacity },
    }],
    'expulsion-flights': [{
      id: 'expulsion-flights', type: 'line', ...src, 'source-layer': 'expulsion-flights',
      layout: { 'line-cap': 'butt' },
      paint: { 'line-color': flightColour, 'line-width': zoomed(LOOK.flights.line.width), 'line-dasharray': [...LOOK.flights.line.dash], 'line-opacity': confidenceOpacity(LOOK.flights.line.opacity) },
    },
    {
      // Chevrons along the line show the direction of travel (the font has no arrow glyphs).
      id: 'expulsion-flights-direction', type: 'symbol', ...src, 'source-layer': 'expulsion-flights',
      layout: {
        ...textLayout, 'symbol-placement': 'line', 'symbol-spacing': LOOK.flights.chevron.spacing, 'text-field': '›', 'text-size': zoomed(LOOK.flights.chevron.size),
        'text-keep-upright': false, 'text-rotation-alignment': 'map', 'text-allow-overlap': true, 'text-ignore-placement': true,
      },
      paint: { 'text-color': flightColour, 'text-opacity': confidenceOpacity() },
    }],

    // --- points
    airports: [dot('airports')],
    places: [dot('places')],
    // Checkpoints: one layer per agency with a constant colour (QGIS 3.22's converter puts a data-driven
    // circle-color where QGIS's marker ignores it: every checkpoint came out grey), low confidence apart with
    // constant opacities and drawn first, so confident checkpoints lie on top.
    checkpoints: (['low', 'other'] as const).flatMap((which) =>
      Object.entries(LOOK.checkpoints.colours).map(([agency, colour]): LayerSpecification => ({
        id: `${which === 'low' ? 'checkpoints-low-confidence' : 'checkpoints'}-${agency}`, type: 'circle', ...src, 'source-layer': 'checkpoints',
        filter: ['all', which === 'low' ? isLow : isNotLow, ['==', ['get', 'agency'], agency]],
        paint: {
          'circle-color': colour,
          'circle-radius': zoomed(LOOK.checkpoints.radius),
          'circle-stroke-color': LOOK.checkpoints.stroke.colour,
          'circle-stroke-width': zoomed(LOOK.checkpoints.stroke.width),
          ...(which === 'low' ? { 'circle-opacity': LOW, 'circle-stroke-opacity': LOW } : {}),
        },
      })),
    ),
    // Ports: one circle layer per role, each with a date filter and one colour, the highest priority drawn last
    // (on top), over a circle in the "none" colour for every port. QGIS's converter reads a filter and a constant
    // colour; it cannot read a colour that depends on the date.
    ports: (['none' as const, ...[...LOOK.ports.priority].reverse()]).map((role): LayerSpecification => ({
      id: role === 'none' ? 'ports' : `ports-${role}`, type: 'circle', ...src, 'source-layer': 'ports',
      ...(role === 'none' ? {} : { filter: portRoleHolds(role, rule) }),
      paint: {
        'circle-color': LOOK.ports.colours[role],
        'circle-radius': zoomed(LOOK.ports.radius),
        'circle-stroke-color': LOOK.ports.stroke.colour,
        'circle-stroke-width': zoomed(LOOK.ports.stroke.width),
      },
    })),

    // --- labels: later layers are placed first, so the most specific come last
    'countries-label': [{
      id: 'countries-label', type: 'symbol', ...src, 'source-layer': 'countries', ...zooms(LOOK.countries.label),
      layout: { ...textLayout, 'text-field': ['get', 'name'], 'text-size': zoomed(LOOK.countries.label.size), 'text-transform': 'uppercase', 'text-letter-spacing': LOOK.countries.label.letterSpacing, 'text-max-width': 8 },
      paint: { 'text-color': LOOK.countries.label.colour, ...halo },
    }],
    'territories-label': [{
      // One point per separate area, computed at build (label-points.ts): a polygon label would repeat in every tile.
      id: 'territories-label', type: 'symbol', ...src, 'source-layer': 'territory-labels', ...zooms(T.label),
      layout: {
        ...textLayout, 'text-field': ['get', 'groupName'], 'text-size': zoomed(T.label.size), 'text-max-width': 8,
        'text-letter-spacing': 0.05, 'symbol-sort-key': ['match', ['get', 'presence'], 'dominant', 0, 'present', 1, 2],
      },
      paint: { 'text-color': T.label.colour, ...halo, 'text-opacity': zoomed(T.label.opacity) },
    }],
    'routes-label': [{
      id: 'routes-label', type: 'symbol', ...src, 'source-layer': 'routes', ...zooms(LOOK.routes.label),
      layout: { ...textLayout, 'symbol-placement': 'line', 'symbol-spacing': LOOK.routes.label.spacing, 'text-field': ['get', 'name'], 'text-size': LOOK.routes.label.size, 'text-offset': [0, -0.9] },
      paint: { 'text-color': corridorColour, ...halo },
    }],
    'airports-label': [{
      id: 'airports-label', type: 'symbol', ...src, 'source-layer': 'airports', ...zooms(LOOK.airports.label),
      layout: { ...textLayout, 'text-field': ['get', 'iata_code'], 'text-size': zoomed(LOOK.airports.label.size), 'text-anchor': 'left', 'text-offset': [0.7, 0] },
      paint: { 'text-color': LOOK.airports.label.colour, ...halo },
    }],
    'places-label': [{
      id: 'places-label', type: 'symbol', ...src, 'source-layer': 'places', ...zooms(LOOK.places.label),
      layout: {
        ...textLayout, 'text-field': ['get', 'name'], 'text-size': zoomed(LOOK.places.label.size),
        'text-anchor': 'top', 'text-offset': [0, 0.5], 'text-max-width': 8,
        'symbol-sort-key': ['match', ['get', 'country'], 'MX', 0, 1],
      },
      paint: { 'text-color': LOOK.places.label.colour, ...halo },
    }],
    'checkpoints-label': [{
      id: 'checkpoints-label', type: 'symbol', ...src, 'source-layer': 'checkpoints', ...zooms(LOOK.checkpoints.label),
      layout: { ...textLayout, 'text-field': ['get', 'name'], 'text-size': zoomed(LOOK.checkpoints.label.size), 'text-anchor': 'left', 'text-offset': [0.9, 0], 'text-max-width': 10 },
      paint: { 'text-color': LOOK.checkpoints.label.colour, ...halo, 'text-opacity': confidenceOpacity() },
    }],
    'ports-label': [{
      // From LOOK.ports.label.rolesFrom the label also lists the port's roles.
      id: 'ports-label', type: 'symbol', ...src, 'source-layer': 'ports', ...zooms(LOOK.ports.label),
      layout: {
        ...textLayout,
        'text-field': [
          'step', ['zoom'], ['get', 'portName'],
          LOOK.ports.label.rolesFrom, ['format', ['get', 'portName'], {}, '\n', {}, ['to-string', ['coalesce', ['get', 'roleNames'], '']], { 'font-scale': 0.8 }],
        ],
        'text-size': zoomed(LOOK.ports.label.size), 'text-anchor': 'bottom', 'text-offset': [0, -0.9], 'text-max-width': 10,
      },
      paint: { 'text-color': LOOK.ports.label.colour, ...halo },
    }],
  };
  return [...DRAW_ORDER, ...LABEL_ORDER].flatMap((step) => steps[step]);
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
    center: [...MAP_REGION.center],
    zoom: MAP_REGION.zoom,
    sources: { [SOURCE]: { type: 'vector', url: tileJsonUrl, attribution } },
    glyphs: glyphsUrl,
    layers: applyTimeRule(layers(rule), rule),
  };
}
