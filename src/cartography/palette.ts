import type { z } from 'zod';
import type { Agency, Corridor, ExpulsionFlightProperties, PortRoleKind, TerritoryProperties } from '../layers/schema/index.js';

// The colours of the Gauntlet map, shared by the MapLibre style (style.ts) and the static PNG renderer so both
// read the same. Categorical sets come from colour-blind-safe palettes: Paul Tol's "muted", "bright" and
// "vibrant" schemes and Okabe & Ito's; each set stays within one scheme where it can.

type CorridorValue = z.infer<typeof Corridor>;
type PortRoleValue = z.infer<typeof PortRoleKind>;
type FlightKind = z.infer<typeof ExpulsionFlightProperties>['kind'];
type Presence = z.infer<typeof TerritoryProperties>['presence'];

/**
 * Territory fill per criminal group (Tol muted, two from Tol vibrant and high-contrast); neighbours and rivals get
 * contrasting hues. No fill is blue, cyan or teal: a pale tint of one over land reads as water (the Arellano Félix
 * cyan made Baja California look like sea at z4-6); every fill stays warm or neutral over land (style tests).
 */
export const GROUP_COLOURS: Readonly<Record<string, string>> = {
  'sinaloa-cartel': '#117733', // green
  cjng: '#882255', // wine
  'gulf-cartel': '#DDAA33', // ochre (Tol high-contrast yellow)
  'northeast-cartel': '#CC6677', // rose
  'old-school-zetas': '#999933', // olive
  'juarez-cartel': '#DDCC77', // sand
  'arellano-felix-organization': '#EE7733', // orange (Tol vibrant)
  'coahuila-state-officials': '#AA4499', // purple: state actors, not a cartel (STATE_ACTOR_STYLE)
  unidentified: '#777777', // neutral: the source names no group
};
/**
 * Areas of documented abuse by state officials (`actor: "state"`): not a criminal group's territory, so drawn
 * apart: a faint purple fill under a dotted indigo outline, whatever the "group" (the officials of a state, an
 * agency). The fill is purple, not indigo: a faint indigo over land is as cool as water.
 */
export const STATE_ACTOR_STYLE = { colour: '#332288', fillColour: '#AA4499', fillOpacity: 0.12, lineWidth: 2.5, dash: [0.6, 1.6] } as const;

/** Groups added to geodata/ before the palette knows them (Tol's "bad data" grey). */
export const GROUP_FALLBACK = '#BBBBBB';

/** Fill opacity per presence: dominant solid, present lighter, contested lightest (its outline is dashed). */
export const PRESENCE_OPACITY: Readonly<Record<Presence, number>> = {
  dominant: 0.45,
  present: 0.25,
  contested: 0.2,
};

/** Checkpoint circles per agency (Okabe-Ito, two Tol colours for the agencies past its eight). */
export const AGENCY_COLOURS: Readonly<Record<z.infer<typeof Agency>, string>> = {
  inm: '#D55E00', // vermillion: the migration authority, the one migrants meet most
  'national-guard': '#009E73', // bluish green
  army: '#000000',
  navy: '#0072B2', // blue
  'state-police': '#56B4E9', // sky blue
  'municipal-police': '#F0E442', // yellow
  'federal-police': '#E69F00', // orange
  customs: '#882255', // Tol wine
  mixed: '#CC79A7', // reddish purple
  unknown: '#999999',
};
export const AGENCY_FALLBACK = '#999999';

/** Route lines per corridor (Tol vibrant): saturated so they read over territory fills. */
export const CORRIDOR_COLOURS: Readonly<Record<CorridorValue, string>> = {
  gulf: '#0077BB', // blue
  central: '#EE7733', // orange
  pacific: '#009988', // teal
  rail: '#EE3377', // magenta
  journey: '#CC3311', // red, and drawn wider: the report's own journey
};
export const CORRIDOR_FALLBACK = '#555555';

/** Port circles per policy role (Tol bright); lateral expulsion matches its flights. */
export const PORT_ROLE_COLOURS: Readonly<Record<PortRoleValue | 'none', string>> = {
  'lateral-expulsion-destination': '#AA3377', // purple
  'title42-expulsion': '#EE6677', // red
  'mpp-return': '#CCBB44', // yellow
  'cbp-one': '#4477AA', // blue
  none: '#BBBBBB',
};

/** A port with several roles on the served date is coloured by the first of these it has. */
export const PORT_ROLE_PRIORITY: readonly PortRoleValue[] = [
  'lateral-expulsion-destination',
  'title42-expulsion',
  'mpp-return',
  'cbp-one',
];

/** The colour of a port whose tile feature carries `roleNames` ("mpp-return,cbp-one"). */
export function portColour(roleNames: string | undefined | null): string {
  const roles = new Set((roleNames ?? '').split(',').map((r) => r.trim()));
  const role = PORT_ROLE_PRIORITY.find((r) => roles.has(r));
  return PORT_ROLE_COLOURS[role ?? 'none'];
}

/** Expulsion-flight lines per kind (Tol bright). */
export const FLIGHT_KIND_COLOURS: Readonly<Record<FlightKind, string>> = {
  'lateral-expulsion': '#AA3377', // purple, as the ports that receive them
  'expulsion-to-southern-mexico': '#228833', // green
  'mexico-internal-removal': '#4477AA', // blue
};
export const FLIGHT_FALLBACK = '#666666';

/** Opacity factor for `confidence: low` features: still shown, visibly less certain. */
export const LOW_CONFIDENCE_OPACITY = 0.5;

/** Base map: light neutrals so the thematic colours carry the meaning. */
export const BASE_COLOURS = {
  water: '#DCE6EC',
  mexico: '#FAF8F3',
  usa: '#E9E7E1',
  neighbours: '#EFEDE7', // Guatemala, Belize and the rest of Central America
  countryLine: '#A8A39A',
  stateLine: '#B7B2A8',
  municipalityLine: '#CFCAC0',
  border: '#2B2B2B',
  borderCasing: '#FFFFFF',
  railroad: '#8C8C8C',
  road: '#D9B98A', // the routing network's roads: warm and pale, under the thematic lines
  migrantDeaths: '#3A3A3A',
  airport: '#5A5A7A',
  place: '#333333',
  text: '#2B2B2B',
  textMuted: '#6B665E',
  halo: '#FFFFFF',
  /** Legend swatches that show a kind (presence, confidence), not a group or agency: neutral greys. */
  presenceSwatch: '#777777',
  confidenceSwatch: '#555555',
} as const;
