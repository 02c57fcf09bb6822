import {
  AGENCY_COLOURS,
  BASE_COLOURS,
  CORRIDOR_COLOURS,
  FLIGHT_KIND_COLOURS,
  GROUP_COLOURS,
  GROUP_FALLBACK,
  LOW_CONFIDENCE_OPACITY,
  PORT_ROLE_COLOURS,
  PORT_ROLE_PRIORITY,
  PRESENCE_OPACITY,
} from './palette.js';
import { AGENCY_LABELS, CORRIDOR_LABELS, FLIGHT_LABELS, PORT_ROLE_LABELS, PRESENCE_LABELS } from './labels.js';

// The map's key as data, for clients that draw their own legend (the viewer): one section per theme, each naming
// the tile source-layers it switches, with swatches from the palette the style uses. The static renderer draws its
// own legend from the same palette and labels.

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
  const groupIds = [...Object.keys(GROUP_COLOURS).filter((g) => groups.has(g)), ...[...groups.keys()].filter((g) => !(g in GROUP_COLOURS))];
  return [
    {
      theme: 'territories',
      title: 'Criminal groups and state actors',
      sourceLayers: ['territories'],
      visible: true,
      entries: [
        ...groupIds.map((g) => ({ key: g, label: groups.get(g) ?? g, swatch: { kind: 'fill' as const, colour: GROUP_COLOURS[g] ?? GROUP_FALLBACK, opacity: PRESENCE_OPACITY.dominant } })),
        ...Object.entries(PRESENCE_OPACITY).map(([p, opacity]) => ({
          key: `presence:${p}`,
          label: PRESENCE_LABELS[p] ?? p,
          swatch: { kind: 'fill' as const, colour: '#777777', opacity, dashed: p === 'contested' },
        })),
      ],
    },
    {
      theme: 'checkpoints',
      title: 'Checkpoints by agency',
      sourceLayers: ['checkpoints'],
      visible: true,
      entries: Object.entries(AGENCY_COLOURS).map(([a, colour]) => ({ key: a, label: AGENCY_LABELS[a] ?? a, swatch: { kind: 'circle' as const, colour, ring: BASE_COLOURS.halo } })),
    },
    {
      theme: 'ports',
      title: 'Ports of entry by role',
      sourceLayers: ['ports'],
      visible: true,
      entries: [...PORT_ROLE_PRIORITY, 'none' as const].map((r) => ({
        key: r,
        label: PORT_ROLE_LABELS[r] ?? r,
        swatch: { kind: 'circle' as const, colour: PORT_ROLE_COLOURS[r], ring: BASE_COLOURS.border },
      })),
    },
    {
      theme: 'routes',
      title: 'Migrant routes',
      sourceLayers: ['routes'],
      visible: true,
      entries: Object.entries(CORRIDOR_COLOURS).map(([c, colour]) => ({ key: c, label: CORRIDOR_LABELS[c] ?? c, swatch: { kind: 'line' as const, colour, width: c === 'journey' ? 4 : 3 } })),
    },
    {
      theme: 'flights',
      title: 'Expulsion flights',
      sourceLayers: ['expulsion-flights'],
      visible: true,
      entries: Object.entries(FLIGHT_KIND_COLOURS).map(([k, colour]) => ({ key: k, label: FLIGHT_LABELS[k] ?? k, swatch: { kind: 'line' as const, colour, width: 2, dashed: true } })),
    },
    {
      theme: 'confidence',
      title: 'Confidence',
      sourceLayers: [],
      visible: true,
      entries: [
        { key: 'confidence:high', label: 'High or medium: solid', swatch: { kind: 'circle', colour: '#555555', ring: BASE_COLOURS.halo } },
        { key: 'confidence:low', label: 'Low: faded, routes dashed', swatch: { kind: 'circle', colour: '#555555', ring: BASE_COLOURS.halo, opacity: LOW_CONFIDENCE_OPACITY } },
      ],
    },
    {
      theme: 'deaths',
      title: 'Migrant deaths (IOM)',
      sourceLayers: ['migrant-deaths'],
      visible: true,
      entries: [{ key: 'migrant-deaths', label: 'Dead and missing (size by count)', swatch: { kind: 'circle', colour: BASE_COLOURS.migrantDeaths, ring: BASE_COLOURS.halo, opacity: 0.45 } }],
    },
    {
      theme: 'base',
      title: 'Places, airports, rail, municipalities',
      sourceLayers: ['places', 'airports', 'railroads', 'municipalities'],
      visible: true,
      entries: [
        { key: 'places', label: 'Town or city', swatch: { kind: 'circle', colour: BASE_COLOURS.place, ring: BASE_COLOURS.halo } },
        { key: 'airports', label: 'Airport', swatch: { kind: 'circle', colour: BASE_COLOURS.airport, ring: BASE_COLOURS.halo } },
        { key: 'railroads', label: 'Railroad', swatch: { kind: 'line', colour: BASE_COLOURS.railroad, width: 1.5, dashed: true } },
        { key: 'border', label: 'US–Mexico border', swatch: { kind: 'line', colour: BASE_COLOURS.border, width: 2.5 } },
      ],
    },
  ];
}
