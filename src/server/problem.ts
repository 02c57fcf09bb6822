import type { Response } from 'express';

/** A JSON problem (RFC 9457): what was wrong and where, so a client can fix its request. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[]; // one per fault; path is a JSON path into the request
  requestId?: string; // as in the X-Request-Id header and the server's log
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors?: { path: string; message: string }[],
    readonly slug = 'about:blank',
    readonly headers: Record<string, string> = {}, // e.g. Retry-After
  ) {
    super(detail);
  }
}

export function sendProblem(res: Response, p: HttpProblem): void {
  const body: ProblemBody = {
    type: p.slug === 'about:blank' ? p.slug : `https://gauntlet.invalid/problems/${p.slug}`,
    title: TITLES[p.status] ?? 'Error',
    status: p.status,
    detail: p.detail,
    ...(p.errors?.length ? { errors: p.errors } : {}),
  };
  const requestId = (res.req as { id?: unknown } | undefined)?.id;
  if (typeof requestId === 'string') body.requestId = requestId;
  for (const [k, v] of Object.entries(p.headers)) res.setHeader(k, v);
  res.status(p.status).type('application/problem+json').send(JSON.stringify(body));
}
