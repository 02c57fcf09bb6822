import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import type { Fault } from '../problems/problem.js';

/**
 * A CLI usage fault, exit code 2: a problem (src/problems) printed as `gauntlet CMD: path: message`, one line per
 * fault (the flag or the JSON path in the input), or `gauntlet CMD: message` when it has none.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly errors: readonly Fault[] = [],
  ) {
    super(message);
  }

  /** A fault per line, each at its path. */
  static of(faults: readonly Fault[]): UsageError {
    return new UsageError(faults.map((f) => `${f.path}: ${f.message}`).join('\n'), faults);
  }
}

/** What a command reads besides its flags: standard input (`-` as a file). */
export interface CliInput {
  stdin: AsyncIterable<Buffer | string>;
}

/** Parses argv with node:util and validates the values with zod, naming the flag at fault. */
export function parseFlags<T extends z.ZodTypeAny>(
  argv: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  schema: T,
  env: Record<string, string | undefined> = {},
): { values: z.infer<T>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const r = schema.safeParse({ ...env, ...parsed.values });
  if (!r.success) {
    throw UsageError.of(r.error.issues.map((i) => ({ path: `--${i.path.join('.')}`, message: i.message })));
  }
  return { values: r.data, positionals: parsed.positionals };
}
