/** One fault in the geodata, located precisely enough for an analyst to fix it. */
export interface Problem {
  file: string; // path relative to the geodata directory
  featureId: string; // "-" when the fault is not in one feature
  path: string; // dotted JSON path inside the feature (or file), "-" for the whole thing
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}: ${p.featureId}: ${p.path}: ${p.message}`;
}

/** Thrown by the loader when the geodata does not validate; carries every problem, not just the first. */
export class GeodataError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`geodata has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'GeodataError';
  }
}

/** `["properties", "sources", 1]` -> `properties.sources[1]` */
export function jsonPath(parts: readonly PropertyKey[]): string {
  if (parts.length === 0) return '-';
  return parts
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}
