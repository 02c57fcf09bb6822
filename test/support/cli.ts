import { Readable } from 'node:stream';
import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
}

/**
 * Runs a gauntlet command in this process, through the CLI's own main(), with what it writes to standard output
 * and error captured (console and the streams alike), `stdin` as its standard input and `env` over process.env.
 * Commands run one at a time; the geodata each loads is kept per content hash (src/cli/layers.ts).
 */
export async function runCli(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  const out: Buffer[] = [];
  const err: string[] = [];
  const toBuffer = (chunk: unknown) => (typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  const line = (...xs: unknown[]) => `${xs.map((x) => (typeof x === 'string' ? x : String(x))).join(' ')}\n`;
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      out.push(toBuffer(chunk));
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }) as typeof process.stdout.write),
    vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      err.push(toBuffer(chunk).toString('utf8'));
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }) as typeof process.stderr.write),
    vi.spyOn(console, 'log').mockImplementation((...xs) => void out.push(Buffer.from(line(...xs)))),
    vi.spyOn(console, 'error').mockImplementation((...xs) => void err.push(line(...xs))),
  ];
  const saved = { ...process.env };
  Object.assign(process.env, options.env ?? {});
  try {
    const code = await main(args, { stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]) });
    const stdoutBytes = Buffer.concat(out);
    return { code, stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr: err.join('') };
  } finally {
    for (const s of spies) s.mockRestore();
    for (const k of Object.keys(options.env ?? {})) if (saved[k] === undefined) delete process.env[k];
    Object.assign(process.env, saved);
  }
}
