import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';

/** A CLI usage fault: printed as `gauntlet: message` with exit code 2. */
export class UsageError extends Error {}

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
    throw new UsageError(r.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  return { values: r.data, positionals: parsed.positionals };
}
