import type { LayerId } from '../layers/catalog.js';
import type { BBox } from '../layers/layer-set.js';
import {
  AGENCY_COLOURS,
  AGENCY_FALLBACK,
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
} from './palette.js';
import { byZoom, type ZoomValue } from './zoom.js';

// The cartography table: for each layer of the map, the zooms it shows at, its colours by category (palette.ts),
// its zoom-dependent widths, radii and opacities, its labels and its legend swatch, declared once. The MapLibre
// style is generated from it (tiles/style.ts), the static renderer draws from it (render/svg/*, render/legend.ts),
// the tiles start each layer at its min zoom (tiles/source.ts), and the QGIS styles and the viewer's legend read it
// (qgis-qml.ts, legend-entries.ts). Widths and radii are CSS pixels; zoom values follow zoom.ts.

export interface Stroke {
  colour: string;
  width: ZoomValue;
  opacity?: ZoomValue;
  /** Dash and gap in line widths, as MapLibre's line-dasharray. */
  dash?: readonly number[];
}

export interface TextRule {
  minzoom?: number;
  maxzoom?: number;
  size: ZoomValue;
  colour: string;
  opacity?: ZoomValue;
}

/** Where a map of Gauntlet's data opens, and the region the data covers (lon -118..-86, lat 13..34). */
export const MAP_REGION = { bounds: [-118.4, 13, -86, 34] as BBox, center: [-102, 24] as const, zoom: 4 };

/** The halo under every label. */
export const LABEL_HALO = { colour: BASE_COLOURS.halo, width: 1.4, blur: 0.3 } as const;

export const LOOK = {
  water: { colour: BASE_COLOURS.water },

  countries: {
    fill: { byName: { Mexico: BASE_COLOURS.mexico, 'United States of America': BASE_COLOURS.usa } as Readonly<Record<string, string>>, fallback: BASE_COLOURS.neighbours },
    line: { colour: BASE_COLOURS.countryLine, width: byZoom([3, 0.8], [10, 1.6]) } satisfies Stroke,
    // A polygon's label repeats in every tile it touches: the web map names countries only while one fits a few
    // tiles; an image names each once, so it may up to `imageMaxzoom`.
    label: { maxzoom: 4, imageMaxzoom: 8, size: byZoom([2, 11], [5, 14]), colour: BASE_COLOURS.textMuted, letterSpacing: 0.15 } satisfies TextRule & { letterSpacing: number; imageMaxzoom: number },
  },

  states: { line: { colour: BASE_COLOURS.stateLine, width: byZoom([3, 0.5], [10, 1.5]) } satisfies Stroke },

  municipalities: { minzoom: 5, line: { colour: BASE_COLOURS.municipalityLine, width: byZoom([5, 0.2], [10, 0.8]), opacity: byZoom([5, 0.3], [8, 0.8]) } satisfies Stroke },

  territories: {
    colours: GROUP_COLOURS,
    fallback: GROUP_FALLBACK,
    /** Fill opacity per presence; low confidence multiplies it by LOW_CONFIDENCE_OPACITY. */
    presenceOpacity: PRESENCE_OPACITY,
    outline: { width: byZoom([4, 0.6], [10, 1.5]), opacity: 0.8 },
    contested: { width: byZoom([4, 1], [10, 2]), opacity: 0.9, dash: [3, 2] },
    /** Areas of abuse by officials (`actor: "state"`): a faint fill under a dotted outline. */
    stateActors: {
      colour: STATE_ACTOR_STYLE.fillColour,
      fillOpacity: STATE_ACTOR_STYLE.fillOpacity,
      outline: { colour: STATE_ACTOR_STYLE.colour, width: byZoom([4, STATE_ACTOR_STYLE.lineWidth * 0.6], [10, STATE_ACTOR_STYLE.lineWidth]), opacity: 0.9, dash: STATE_ACTOR_STYLE.dash } satisfies Stroke,
      legendOpacity: 0.25,
    },
    /** Group names at label points (tiles/label-points.ts). */
    label: { minzoom: 5, maxzoom: 11, size: byZoom([5, 10], [8, 12]), colour: BASE_COLOURS.text, opacity: byZoom([5, 0.7], [6, 0.9]) } satisfies TextRule,
  },

  roads: {
    minzoom: 4,
    colour: BASE_COLOURS.road,
    /** The routing network's roads by their `type`; ferry routes are not drawn. */
    width: { 'Major Highway': byZoom([4, 1.2], [10, 3]), other: byZoom([4, 0.7], [10, 2]) },
    hiddenTypes: ['Ferry Route'],
    legendWidth: 1.5,
  },

  railroads: { minzoom: 3, line: { colour: BASE_COLOURS.railroad, width: byZoom([3, 0.6], [10, 1.6]), dash: [3, 2] } satisfies Stroke, legendWidth: 1.5 },

  border: {
    casing: { colour: BASE_COLOURS.borderCasing, width: byZoom([3, 3], [10, 7]), opacity: 0.8 } satisfies Stroke,
    line: { colour: BASE_COLOURS.border, width: byZoom([3, 1.6], [10, 3.5]) } satisfies Stroke,
    legendWidth: 2.5,
  },

  migrantDeaths: {
    // Faint at national zooms, where thousands of points would hide everything else.
    minzoom: 3,
    colour: BASE_COLOURS.migrantDeaths,
    opacity: byZoom([3, 0.12], [6, 0.3], [10, 0.45]),
    /** Radius = base + perRootCount × √(dead and missing), each by zoom (area grows with the count). */
    radius: { base: byZoom([3, 0.8], [7, 1.2], [12, 2]), perRootCount: byZoom([3, 0.25], [7, 0.6], [12, 1.2]) },
    legendOpacity: 0.45,
  },

  routes: {
    colours: CORRIDOR_COLOURS,
    fallback: CORRIDOR_FALLBACK,
    /** The report's journey is drawn wider. */
    width: { journey: byZoom([3, 3], [10, 6]), other: byZoom([3, 1.8], [10, 4]) },
    casing: { colour: BASE_COLOURS.halo, extra: 2, opacity: 0.85 },
    lowConfidence: { dash: [2, 1.5], opacity: 0.75 },
    label: { minzoom: 6, size: 11, colour: 'corridor', spacing: 400 },
    legendWidth: { journey: 3.5, other: 2.5 },
  },

  flights: {
    colours: FLIGHT_KIND_COLOURS,
    fallback: FLIGHT_FALLBACK,
    line: { width: byZoom([3, 1.4], [10, 2.6]), opacity: 0.9, dash: [4, 2.5] },
    /** Chevrons along the line show the direction of travel. */
    chevron: { size: byZoom([3, 16], [10, 24]), spacing: 140 },
    legendWidth: 2,
  },

  airports: {
    minzoom: 5,
    colour: BASE_COLOURS.airport,
    radius: byZoom([5, 2.5], [10, 4]),
    stroke: { colour: BASE_COLOURS.halo, width: 1 },
    label: { minzoom: 7, size: 10, colour: BASE_COLOURS.airport } satisfies TextRule,
  },

  places: {
    minzoom: 4,
    colour: BASE_COLOURS.place,
    radius: byZoom([4, 1.5], [10, 3.5]),
    stroke: { colour: BASE_COLOURS.halo, width: 1 },
    // Places carry no population: size grows with zoom, and collisions thin them out at small scales.
    label: { minzoom: 4, size: byZoom([4, 10], [7, 12], [10, 14]), colour: BASE_COLOURS.place } satisfies TextRule,
  },

  checkpoints: {
    colours: AGENCY_COLOURS,
    fallback: AGENCY_FALLBACK,
    radius: byZoom([3, 3], [8, 6], [12, 8]),
    /** White ring: checkpoints; ports have a dark one. */
    stroke: { colour: BASE_COLOURS.halo, width: byZoom([3, 1], [8, 1.5]) },
    label: { minzoom: 8, size: 11, colour: BASE_COLOURS.text } satisfies TextRule,
    /** Below `minorFrom` only checkpoints cited by at least `majorSources` sources are drawn (importance.ts). */
    importance: { minorFrom: 6, majorSources: 2 },
  },

  ports: {
    colours: PORT_ROLE_COLOURS,
    /** A port with several roles on the date is coloured by the first it has. */
    priority: PORT_ROLE_PRIORITY,
    radius: byZoom([3, 3.5], [8, 7], [12, 9]),
    stroke: { colour: BASE_COLOURS.border, width: byZoom([3, 1], [8, 2]) },
    /** From `rolesFrom` the label also lists the port's roles. */
    label: { minzoom: 6, size: byZoom([6, 10], [10, 13]), colour: BASE_COLOURS.text, rolesFrom: 9 } satisfies TextRule & { rolesFrom: number },
    /** Below `minorFrom` only major ports: `majorInbound` persons a year or more, or `majorSources` sources cited. */
    importance: { minorFrom: 6, majorInbound: 5_000_000, majorSources: 4 },
  },

  /** `confidence: low` features are still drawn, at this share of their opacity. */
  lowConfidenceOpacity: LOW_CONFIDENCE_OPACITY,
} as const;

/**
 * The zoom each tile layer starts at: where the map starts drawing it, so tiles carry nothing no map shows.
 * Layers absent here start at zoom 0.
 */
export const LAYER_MIN_ZOOM: Readonly<Partial<Record<LayerId, number>>> = {
  municipalities: LOOK.municipalities.minzoom,
  railroads: LOOK.railroads.minzoom,
  roads: LOOK.roads.minzoom,
  airports: LOOK.airports.minzoom,
  places: LOOK.places.minzoom,
  'migrant-deaths': LOOK.migrantDeaths.minzoom,
};

/**
 * The map's draw order, bottom to top, one step per group of style layers: the MapLibre style emits its layers
 * step by step in this order (tiles/style.ts) and the static renderer draws its steps in it (render/render.ts).
 * Both name a drawer for every step (the image may skip one, saying why), so neither can drift from the other.
 */
export const DRAW_ORDER = [
  'background',
  'countries-fill',
  // Territories under the admin lines so state and municipal boundaries stay readable through them.
  'territories-fill',
  'municipalities-line',
  'states-line',
  'countries-line',
  'territories-outline',
  'territories-outline-contested',
  'state-actor-areas',
  'roads',
  'railroads',
  'border',
  'migrant-deaths',
  'routes',
  'expulsion-flights',
  'airports',
  'places',
  'checkpoints',
  'ports',
] as const;
export type DrawStep = (typeof DRAW_ORDER)[number];

/** The labels over everything, in paint order (MapLibre places the later layers first). */
export const LABEL_ORDER = ['countries-label', 'territories-label', 'routes-label', 'airports-label', 'places-label', 'checkpoints-label', 'ports-label'] as const;
export type LabelStep = (typeof LABEL_ORDER)[number];
