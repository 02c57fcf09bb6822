import type { LayerFeature } from '../layers/features.js';
import { LOOK } from './look.js';

// Which ports and checkpoints a small-scale map keeps (clutter control): the major ones are drawn at every zoom,
// the others from the table's `minorFrom` zoom. Derived from the data only, nothing invented: a port is major for
// its traffic (persons inbound a year, BTS, in its latest stats year) or for how much the cited record leans on it
// (sources); a checkpoint for being cited by several sources.

/** The latest year's inbound persons in a port's stats (`personsInbound2021`…), or 0 when it has none. */
function latestInbound(stats: Readonly<Record<string, number>> | undefined): number {
  const years = Object.keys(stats ?? {}).filter((k) => /^personsInbound\d{4}$/.test(k)).sort();
  const last = years.at(-1);
  return last && stats ? (stats[last] ?? 0) : 0;
}

export function isMajorPort(port: LayerFeature<'ports'>): boolean {
  const rule = LOOK.ports.importance;
  return latestInbound(port.properties.stats) >= rule.majorInbound || port.properties.sources.length >= rule.majorSources;
}

export function isMajorCheckpoint(checkpoint: LayerFeature<'checkpoints'>): boolean {
  return checkpoint.properties.sources.length >= LOOK.checkpoints.importance.majorSources;
}

/** Whether a map at `zoom` draws the feature: every one from `minorFrom`, below it only the major ones. */
export const drawnAt = {
  ports: (f: LayerFeature<'ports'>, zoom: number) => zoom >= LOOK.ports.importance.minorFrom || isMajorPort(f),
  checkpoints: (f: LayerFeature<'checkpoints'>, zoom: number) => zoom >= LOOK.checkpoints.importance.minorFrom || isMajorCheckpoint(f),
};
