import type { ParsedFeature } from './features.js';
import type { TerritoryUnits } from './schema/index.js';

// How a territory was drawn must match its units and what its sources place: a city, crossing or road drawn as
// a whole municipality or state is the coarse evidence that inflates exposure, so it is allowed only where the
// place cannot be located (and then at low confidence).

const NARROW_PLACES = new Set(['city', 'crossing', 'road']);
const COARSE_BASES = new Set(['municipality', 'state']);

/** INEGI state prefixes (first two digits of cvegeo) whose every municipality in the frame is listed. */
function wholeStates(listed: readonly string[], all: readonly string[]): string[] {
  const chosen = new Set(listed);
  const prefixes = [...new Set(listed.map((c) => c.slice(0, 2)))];
  return prefixes.filter((p) => all.filter((c) => c.startsWith(p)).every((c) => chosen.has(c)));
}

/** Radii and widths a territory's units use, each of which its notes must state ("10 km"). */
function statedDistances(units: TerritoryUnits): number[] {
  return [...new Set([...(units.buffers ?? []).map((b) => b.radiusKm), ...(units.corridors ?? []).map((c) => c.halfWidthKm)])];
}

/** Faults in a territory's extent fields, as [path, message] pairs. `municipalities` is every cvegeo in the frame. */
export function extentFaults(p: ParsedFeature<'territories'>['properties'], municipalities: readonly string[]): [string, string][] {
  const faults: [string, string][] = [];
  const units = p.units;
  const basis = p.extentBasis;
  const placed = p.sourcesPlace;
  const mun = units.municipalities ?? [];
  const has = { municipalities: mun.length > 0, states: (units.states?.length ?? 0) > 0, buffers: (units.buffers?.length ?? 0) > 0, corridors: (units.corridors?.length ?? 0) > 0 };
  const path = 'properties.extentBasis';

  if (p.areaKm2 !== undefined) faults.push(['properties.areaKm2', 'areaKm2 is computed from the built polygon by the loader: remove it from the file']);
  if (basis === 'locality' && (has.municipalities || has.states || has.corridors || !has.buffers)) {
    faults.push([path, 'extentBasis "locality" is drawn from units.buffers only (discs around places)']);
  }
  if (basis === 'corridor' && (has.municipalities || has.states || !has.corridors)) {
    faults.push([path, 'extentBasis "corridor" is drawn from units.corridors (and optionally buffers), never whole municipalities or states']);
  }
  if (basis === 'municipality') {
    if (!has.municipalities || has.states || has.buffers || has.corridors) faults.push([path, 'extentBasis "municipality" is drawn from units.municipalities only']);
    const whole = wholeStates(mun, municipalities);
    if (whole.length) faults.push([path, `units.municipalities list every municipality of INEGI state ${whole.join(', ')}: the extent basis is "state"`]);
  }
  if (basis === 'state') {
    const whole = wholeStates(mun, municipalities);
    const partial = [...new Set(mun.map((c) => c.slice(0, 2)))].filter((s) => !whole.includes(s));
    if (has.buffers || has.corridors || (!has.states && !has.municipalities) || partial.length) {
      faults.push([path, `extentBasis "state" is drawn from units.states, or from every municipality of a state${partial.length ? ` (INEGI state ${partial.join(', ')} is only partly listed)` : ''}`]);
    }
  }
  if (NARROW_PLACES.has(placed) && COARSE_BASES.has(basis) && p.confidence !== 'low') {
    faults.push([
      path,
      `the sources place a ${placed} but the area is a whole ${basis}: narrow it to a locality or corridor buffer (radius and why in notes), or, when the ${placed} cannot be located, keep it at confidence "low"`,
    ]);
  }
  const notes = p.notes;
  for (const d of statedDistances(units)) {
    if (!new RegExp(`(^|[^\\d.])${String(d).replace('.', '\\.')} km`).test(notes)) faults.push(['properties.notes', `notes must say the ${d} km radius or width and why it was chosen`]);
  }
  return faults;
}
