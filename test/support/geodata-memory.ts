import { deriveLayers } from '../../src/layers/derive.js';
import type { BuiltLayers } from '../../src/layers/features.js';
import { DEFAULT_GEODATA_DIR } from '../../src/layers/load.js';
import { mergeParsed, parseFile, type ParsedGeodata, type Report } from '../../src/layers/parse.js';
import { formatProblem, type Problem } from '../../src/layers/problems.js';
import { GEODATA_FILES, readGeodata, type RawGeodata } from '../../src/layers/read.js';
import { checkRules, RULES, type Rule } from '../../src/layers/rules.js';

// The shipped geodata in memory, for the validation tests: read and parsed once per test file, then each test
// edits its own copy of the files it breaks. Only edited files are parsed again (the rules and the derivation
// never change what they read), so a rule's test costs the rule, not a reload from disk.

let shipped: Promise<{ raw: RawGeodata; parsed: Map<string, { part: ParsedGeodata; problems: Problem[] }> }> | undefined;

function parseOne(file: string, json: unknown): { part: ParsedGeodata; problems: Problem[] } {
  const problems: Problem[] = [];
  const part = parseFile(file, json, (f, featureId, path, message) => problems.push({ file: f, featureId, path, message }));
  return { part, problems };
}

function load() {
  shipped ??= readGeodata(DEFAULT_GEODATA_DIR).then(({ raw, problems }) => {
    if (problems.length) throw new Error(`shipped geodata unreadable: ${problems.map(formatProblem).join('; ')}`);
    return { raw, parsed: new Map(GEODATA_FILES.map((file) => [file, parseOne(file, raw.get(file))])) };
  });
  return shipped;
}

/** A copy of the shipped geodata a test may break, file by file, in memory. */
export class GeodataDraft {
  private readonly edited = new Map<string, unknown>();
  private constructor(private readonly base: Awaited<ReturnType<typeof load>>) {}

  static async shipped(): Promise<GeodataDraft> {
    return new GeodataDraft(await load());
  }

  /** The file's JSON as this draft has it (a private copy once edited). */
  read<T = any>(file: string): T {
    return structuredClone((this.edited.has(file) ? this.edited.get(file) : this.base.raw.get(file)) as T);
  }

  edit<T = any>(file: string, change: (json: T) => T | void): this {
    const json = this.edited.has(file) ? (this.edited.get(file) as T) : this.read<T>(file);
    this.edited.set(file, change(json) ?? json);
    return this;
  }

  /** The draft through the schemas: problems of that stage, and the parsed data the rules take. */
  parse(): { data: ParsedGeodata; problems: Problem[] } {
    const parts = GEODATA_FILES.map((file) => (this.edited.has(file) ? parseOne(file, this.edited.get(file)) : this.base.parsed.get(file)!));
    return { data: mergeParsed(parts.map((p) => p.part)), problems: parts.flatMap((p) => p.problems) };
  }

  /** `gauntlet validate`'s lines for the schemas and the given rules (default: every rule), without deriving geometry. */
  problems(rules: readonly Rule[] = RULES): string[] {
    const { data, problems } = this.parse();
    const report: Report = (file, featureId, path, message) => problems.push({ file, featureId, path, message });
    checkRules(data, report, rules);
    return problems.map(formatProblem);
  }

  /** The derivation stage on the draft (after the schemas): the served layers and its problems. */
  derive(): { layers: BuiltLayers; problems: string[] } {
    const problems: Problem[] = [];
    const layers = deriveLayers(this.parse().data.layers, (file, featureId, path, message) => problems.push({ file, featureId, path, message }));
    return { layers, problems: problems.map(formatProblem) };
  }
}
