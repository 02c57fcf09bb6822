import { LOOK } from './look.js';
import { BASE_COLOURS } from './palette.js';
import { AGENCY_LABELS, CORRIDOR_LABELS, FLIGHT_LABELS, PORT_ROLE_LABELS, PRESENCE_LABELS } from './labels.js';

// The map's key as data, for clients that draw their own legend (the viewer): one section per theme, each naming
// the tile source-layers it switches, with swatches from the cartography table the style is generated from. The
// static renderer draws its own legend from the same table and labels.

export type LegendSwatch =
  | { kind: 'fill'; colour: string; opacity: number; dashed?: boolean }
  | { kind: 'line'; colour: string; width: number; dashed?: boolean }
  | { kind: 'circle'; colour: string; ring: string; opacity?: number };

export interface LegendSection {
  theme: string;
  title: string;
  /** Tile source-layers drawn by this theme: a toggle hides every style layer over them. */
  sourceLayers: string[];
  /** Shown when the viewer opens. */
  visible: boolean;
  entries: { key: string; label: string; swatch: LegendSwatch }[];
}

/** `groups` maps a group id to its name as the data spells it (territories' groupName). */
export function legendSections(groups: ReadonlyMap<string, string>): LegendSection[] {
  const T = LOOK.territories;
  const groupIds = [...Object.keys(T.colours).filter((g) => groups.has(g)), ...[...groups.keys()].filter((g) => !(g in T.colours))];
  return [
    {
      theme: 'territories',
      title: 'Criminal groups and state actors',
      sourceLayers: ['territories'],
      visible: true,
      entries: [
        ...groupIds.map((g) => ({ key: g, label: groups.get(g) ?? g, swatch: { kind: 'fill' as const, colour: T.colours[g] ?? T.fallback, opacity: T.presenceOpacity.dominant } })),
        ...Object.entries(T.presenceOpacity).map(([p, opacity]) => ({
          key: `presence:${p}`,
          label: PRESENCE_LABELS[p] ?? p,
          swatch: { kind: 'fill' as const, colour: BASE_COLOURS.presenceSwatch, opacity, dashed: p === 'contested' },
        })),
      ],
    },
    {
      theme: 'checkpoints',
      title: 'Checkpoints by agency',
      sourceLayers: ['checkpoints'],
      visible: true,
      entries: Object.entries(LOOK.checkpoints.colours).map(([a, colour]) => ({ key: a, label: AGENCY_LABELS[a] ?? a, swatch: { kind: 'circle' as const, colour, ring: LOOK.checkpoints.stroke.colour } })),
    },
    {
      theme: 'ports',
      title: 'Ports of entry by role',
      sourceLayers: ['ports'],
      visible: true,
      entries: [...LOOK.ports.priority, 'none' as const].map((r) => ({
        key: r,
        label: PORT_ROLE_LABELS[r] ?? r,
        swatch: { kind: 'circle' as const, colour: LOOK.ports.colours[r], ring: LOOK.ports.stroke.colour },
      })),
    },
    {
      theme: 'routes',
      title: 'Migrant routes',
      sourceLayers: ['routes'],
      visible: true,
      entries: Object.entries(LOOK.routes.colours).map(([c, colour]) => ({ key: c, label: CORRIDOR_LABELS[c] ?? c, swatch: { kind: 'line' as const, colour, width: c === 'journey' ? LOOK.routes.legendWidth.journey : LOOK.routes.legendWidth.other } })),
    },
    {
      theme: 'flights',
      title: 'Expulsion flights',
      sourceLayers: ['expulsion-flights'],
      visible: true,
      entries: Object.entries(LOOK.flights.colours).map(([k, colour]) => ({ key: k, label: FLIGHT_LABELS[k] ?? k, swatch: { kind: 'line' as const, colour, width: LOOK.flights.legendWidth, dashed: true } })),
    },
    {
      theme: 'confidence',
      title: 'Confidence',
      sourceLayers: [],
      visible: true,
      entries: [
        { key: 'confidence:high', label: 'High or medium: solid', swatch: { kind: 'circle', colour: BASE_COLOURS.confidenceSwatch, ring: BASE_COLOURS.halo } },
        { key: 'confidence:low', label: 'Low: faded, routes dashed', swatch: { kind: 'circle', colour: BASE_COLOURS.confidenceSwatch, ring: BASE_COLOURS.halo, opacity: LOOK.lowConfidenceOpacity } },
      ],
    },
    {
      theme: 'deaths',
      title: 'Migrant deaths (IOM)',
      sourceLayers: ['migrant-deaths'],
      visible: true,
      entries: [{ key: 'migrant-deaths', label: 'Dead and missing (size by count)', swatch: { kind: 'circle', colour: LOOK.migrantDeaths.colour, ring: BASE_COLOURS.halo, opacity: LOOK.migrantDeaths.legendOpacity } }],
    },
    {
      theme: 'base',
      title: 'Places, airports, rail, municipalities',
      sourceLayers: ['places', 'airports', 'railroads', 'municipalities'],
      visible: true,
      entries: [
        { key: 'places', label: 'Town or city', swatch: { kind: 'circle', colour: LOOK.places.colour, ring: LOOK.places.stroke.colour } },
        { key: 'airports', label: 'Airport', swatch: { kind: 'circle', colour: LOOK.airports.colour, ring: LOOK.airports.stroke.colour } },
        { key: 'railroads', label: 'Railroad', swatch: { kind: 'line', colour: LOOK.railroads.line.colour, width: LOOK.railroads.legendWidth, dashed: true } },
        { key: 'border', label: 'US–Mexico border', swatch: { kind: 'line', colour: LOOK.border.line.colour, width: LOOK.border.legendWidth } },
      ],
    },
  ];
}
