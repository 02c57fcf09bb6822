import type { Response } from 'express';
import { problemBody, type Fault } from '../problems/problem.js';

export type { ProblemBody } from '../problems/problem.js';

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors?: Fault[],
    readonly slug = 'about:blank',
    readonly headers: Record<string, string> = {}, // e.g. Retry-After
  ) {
    super(detail);
  }
}

/** The request id pino-http gave the request (also in X-Request-Id and the log), if any. */
export function requestIdOf(res: { req?: unknown }): string | undefined {
  const id = (res.req as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

export function sendProblem(res: Response, p: HttpProblem): void {
  const body = problemBody(p.status, p.detail, { slug: p.slug, errors: p.errors, requestId: requestIdOf(res) });
  for (const [k, v] of Object.entries(p.headers)) res.setHeader(k, v);
  res.status(p.status).type('application/problem+json').send(JSON.stringify(body));
}
