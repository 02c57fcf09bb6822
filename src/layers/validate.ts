import { deriveLayers } from './derive.js';
import type { BuiltLayers } from './features.js';
import { parseGeodata, type Report } from './parse.js';
import type { Problem } from './problems.js';
import type { RawGeodata } from './read.js';
import { checkRules } from './rules.js';
import type { Policy, Source } from './schema/index.js';

export type { GFeature } from './features.js';

export interface ValidGeodata {
  sources: Source[];
  policies: Policy[];
  layers: BuiltLayers;
}

/**
 * Checks the raw geodata in three stages: every file through its schema (parse.ts), the rules across records
 * (rules.ts), then the derived geometry (derive.ts). Returns every problem, and the served layers when there are none.
 */
export function validateGeodata(raw: RawGeodata): { problems: Problem[]; data?: ValidGeodata } {
  const problems: Problem[] = [];
  const report: Report = (file, featureId, path, message) => problems.push({ file, featureId, path, message });
  const parsed = parseGeodata(raw, report);
  checkRules(parsed, report);
  const layers = deriveLayers(parsed.layers, report);
  if (problems.length) return { problems };
  return { problems, data: { sources: parsed.sources, policies: parsed.policies, layers } };
}
