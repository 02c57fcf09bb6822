import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAYERS } from '../../src/layers/catalog.js';
import { DEFAULT_GEODATA_DIR } from '../../src/layers/load.js';

// What a collection should hold, read straight from the geodata files with a date rule written here from the
// README (a fact holds from its first evidence through its documented end, a month meaning the whole month), not
// with the code under test.

export interface RawFeature {
  properties: Record<string, any>;
  geometry: { type: string; coordinates: any } | null;
}

export const fileFeatures = (layerId: string): RawFeature[] => {
  const def = LAYERS.find((l) => l.id === layerId)!;
  return JSON.parse(readFileSync(join(DEFAULT_GEODATA_DIR, def.file), 'utf8')).features;
};

/** First and last calendar day of YYYY, YYYY-MM or YYYY-MM-DD. */
export function daysOf(partial: string): [string, string] {
  const [y, m, d] = partial.split('-').map(Number) as [number, number?, number?];
  if (d) return [partial, partial];
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  if (m) return [iso(Date.UTC(y, m - 1, 1)), iso(Date.UTC(y, m, 0))];
  return [`${y}-01-01`, `${y}-12-31`];
}

/** Whether a dated record holds on some day of [from, to] (an instant: from = to; undefined ends are open). */
export function holds(p: { observed?: { from?: string }; ended?: { date: string } }, from: string | undefined, to: string | undefined): boolean {
  if (p.observed?.from && to !== undefined && daysOf(p.observed.from)[0] > to) return false;
  if (p.ended && from !== undefined && daysOf(p.ended.date)[1] < from) return false;
  return true;
}

/** How many features of a layer hold on a day of [from, to] (ports stay whatever the date; base layers carry no dates). */
export function countDuring(layerId: string, from: string | undefined, to: string | undefined): number {
  if (layerId === 'ports') return fileFeatures(layerId).length;
  return fileFeatures(layerId).filter((f) => holds(f.properties, from, to)).length;
}

export const countOn = (layerId: string, date: string) => countDuring(layerId, date, date);

/** Feature ids as the API gives them: thematic ids are in properties; base ids follow the catalogue's rule. */
export function idsOn(layerId: string, date: string): string[] {
  return fileFeatures(layerId)
    .filter((f) => layerId === 'ports' || holds(f.properties, date, date))
    .map((f) => String(f.properties.id));
}
