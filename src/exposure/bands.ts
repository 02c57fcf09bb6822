// Figures as bands: the same km-in-territory figure computed over the solid evidence only and over everything,
// so a reader sees how much of it rests on high-confidence, narrowly drawn areas and how much on coarse inference.

/** One stretch of the route inside one area, with what the area's evidence is worth. */
export interface TaggedInterval {
  featureId: string;
  name: string;
  group: string;
  confidence: string; // high | medium | low
  extentBasis: string; // locality | corridor | municipality | state
  startKm: number;
  endKm: number;
}

const NARROW = new Set(['locality', 'corridor']);
export const isNarrow = (i: { extentBasis: string }) => NARROW.has(i.extentBasis);
export const isLikely = (i: TaggedInterval) => i.confidence === 'high' && isNarrow(i);

/** Total length of the union of [start, end] intervals: overlapping areas are not counted twice. */
export function unionLength(intervals: readonly (readonly [number, number])[]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [s, e] = [-Infinity, -Infinity];
  for (const [a, b] of sorted) {
    if (a > e) {
      if (e > s) total += e - s;
      [s, e] = [a, b];
    } else e = Math.max(e, b);
  }
  if (e > s) total += e - s;
  return total;
}

/** The predicates each band keeps, by name: the single definition used by the answer, CSV and explain. */
export const BANDS = {
  likely: isLikely,
  possible: () => true,
  high: (i: TaggedInterval) => i.confidence === 'high',
  highMedium: (i: TaggedInterval) => i.confidence !== 'low',
  all: () => true,
  narrow: isNarrow,
  coarse: (i: TaggedInterval) => !isNarrow(i),
} as const satisfies Record<string, (i: TaggedInterval) => boolean>;
export type BandName = keyof typeof BANDS;

/** Raw km of a band (unrounded). */
export function bandKm(intervals: readonly TaggedInterval[], band: BandName): number {
  return unionLength(intervals.filter(BANDS[band]).map((i) => [i.startKm, i.endKm] as const));
}

export interface Contribution {
  id: string;
  name: string;
  group: string;
  confidence: string;
  extentBasis: string;
  km: number; // route km inside this feature that the band counts
  share: number; // of the band's km, 0..1; overlapping features each count their own km, so shares may add up past 1
}

/** The features that make up a band, largest first: what "70% of this comes from one whole-state area" reads from. */
export function contributions(intervals: readonly TaggedInterval[], band: BandName, limit: number): Contribution[] {
  const kept = intervals.filter(BANDS[band]);
  const total = unionLength(kept.map((i) => [i.startKm, i.endKm] as const));
  const byFeature = new Map<string, { first: TaggedInterval; spans: [number, number][] }>();
  for (const i of kept) {
    const entry = byFeature.get(i.featureId) ?? { first: i, spans: [] };
    entry.spans.push([i.startKm, i.endKm]);
    byFeature.set(i.featureId, entry);
  }
  return [...byFeature.values()]
    .map(({ first, spans }) => {
      const km = unionLength(spans);
      return { id: first.featureId, name: first.name, group: first.group, confidence: first.confidence, extentBasis: first.extentBasis, km, share: total > 0 ? km / total : 0 };
    })
    .sort((a, b) => b.km - a.km || a.id.localeCompare(b.id))
    .slice(0, limit);
}
