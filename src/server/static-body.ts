import type { z } from 'zod';
import { jsonPath } from '../layers/problems.js';
import { RenderRequest, type RenderOptions } from '../render/options.js';
import { HttpProblem } from './problem.js';

// POST /static's body as render options, with problems that name the body's fields: run in a worker thread
// (heavy-tasks.ts), since a 10 MB body of overlays takes longer to parse and validate than a turn of the event loop.

export function invalidRender(errors: { path: string; message: string }[]): HttpProblem {
  return new HttpProblem(400, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors, 'invalid-render-options');
}

/** zod issues as JSON paths in the request; `where` names where each top-level option came from. */
export function renderProblems(error: z.ZodError, where: (option: string) => string, rest: (path: PropertyKey[]) => PropertyKey[] = (p) => p): { path: string; message: string }[] {
  return error.issues.flatMap((i) => {
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ path: where(k), message: 'unknown option' }));
    const [head, ...tail] = i.path;
    if (head === undefined) return [{ path: where(''), message: i.message }];
    return [{ path: jsonPath([where(String(head)), ...rest(tail)]), message: i.message }];
  });
}

/** The JSON path of a body option (`as_of` is accepted for `asOf`, as in the query string). */
export const bodyWhere = (asOfAlias: boolean) => (option: string) => (option === '' ? 'body' : `body.${option === 'asOf' && asOfAlias ? 'as_of' : option}`);

/** A parsed POST /static body as render options; throws the 400 problem naming the body's fields. */
export function renderOptionsFromBody(body: unknown): { options: RenderOptions; asOfAlias: boolean } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidRender([{ path: 'body', message: 'send the options as a JSON object: {"camera": "auto", "width": 800, "height": 600, …}' }]);
  }
  const { as_of: asOfAlias, ...rest } = body as Record<string, unknown>;
  const input = asOfAlias !== undefined && rest.asOf === undefined ? { ...rest, asOf: asOfAlias } : rest;
  const parsed = RenderRequest.safeParse(input);
  if (!parsed.success) throw invalidRender(renderProblems(parsed.error, bodyWhere(asOfAlias !== undefined)));
  return { options: parsed.data, asOfAlias: asOfAlias !== undefined };
}

/** The same from the body's bytes (already checked as JSON while it was read). */
export function renderOptionsFromBytes(body: { bytes: SharedArrayBuffer; length: number }): { options: RenderOptions; asOfAlias: boolean } {
  return renderOptionsFromBody(JSON.parse(Buffer.from(body.bytes, 0, body.length).toString('utf8')));
}
