// One way to answer a problem (RFC 9457 JSON problem: type, title, status, detail, errors[].path): express routes,
// the tile fast path, the OGC routes and the CLI's error lines all build theirs here.
import { z } from 'zod';

/** One fault: where in the request (a JSON path such as query.as_of, body.features[3], or a CLI flag) and what. */
export const Fault = z.object({ path: z.string().describe('JSON path of the fault, e.g. body.coordinates[1][1]'), message: z.string() });
export type Fault = z.infer<typeof Fault>;

/** A JSON problem (RFC 9457): what was wrong and where, so a client can fix its request. The OpenAPI document's `Problem`. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(Fault).optional().describe('one per fault'),
  requestId: z.string().optional().describe("as in the X-Request-Id header and the server's log"),
});
export type ProblemBody = z.infer<typeof Problem>;

/** Where a problem's `type` points: https://gauntlet.invalid/problems/<slug> (documented in the OpenAPI document). */
export const PROBLEM_TYPE_BASE = 'https://gauntlet.invalid/problems/';

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

export interface ProblemOptions {
  slug?: string | undefined; // a stable name for the kind of fault; none (or about:blank) gives type about:blank
  errors?: readonly Fault[] | undefined;
  requestId?: string | undefined;
}

/** The body of a problem answer. */
export function problemBody(status: number, detail: string, options: ProblemOptions = {}): ProblemBody {
  const { slug, errors, requestId } = options;
  return {
    type: !slug || slug === 'about:blank' ? 'about:blank' : `${PROBLEM_TYPE_BASE}${slug}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(errors?.length ? { errors: [...errors] } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

/** A problem as the CLI prints it: one `prefix: path: message` line per fault, or `prefix: detail` when none. */
export function problemLines(prefix: string, problem: { detail: string; errors?: readonly Fault[] | undefined }): string[] {
  if (!problem.errors?.length) return [`${prefix}: ${problem.detail}`];
  return problem.errors.map((e) => `${prefix}: ${e.path ? `${e.path}: ` : ''}${e.message}`);
}
