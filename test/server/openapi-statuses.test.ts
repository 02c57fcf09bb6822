import { describe, expect, it } from 'vitest';
import { serverRoutes, type OpenApiDoc } from '../support/routes.js';
import { useServer } from '../support/server.js';

// Every status the server answers is in the OpenAPI document for that route: each route it registers (read from
// express, test/support/routes.ts) is asked with unknown ids, junk parameters and broken bodies, and each answer's
// status must be one the document lists for that path and method.

const srv = useServer();

/** A few requests per route that a careless or hostile client sends. */
function probes(method: string, express: string): { url: string; init: RequestInit }[] {
  const fill = (value: string) => express.replace(/:(\w+)/g, () => value);
  const paths = [...new Set([fill('zz-unknown'), fill('0'), fill('%E2%80%A6')])];
  const queries = ['', '?as_of=not-a-date&asOf=not-a-date&bbox=1,2&limit=-1&from=&to=zz&format=zz'];
  if (method === 'get') return paths.flatMap((p) => queries.map((q) => ({ url: p + q, init: {} })));
  const bodies = ['{', '{}', '[]', JSON.stringify({ type: 'Point', coordinates: [0, 0] })];
  return paths.flatMap((p) => bodies.map((body) => ({ url: p + queries[1], init: { method: method.toUpperCase(), body, headers: { 'content-type': 'application/json' } } })));
}

/** The answers whose status the document does not list for their route, and how many answers were checked. */
async function unlistedStatuses(doc: OpenApiDoc, only?: (path: string) => boolean): Promise<{ unlisted: string[]; asked: number }> {
  const unlisted: string[] = [];
  let asked = 0;
  for (const r of await serverRoutes(srv.layers)) {
    if (only && !only(r.path)) continue;
    const listed = Object.keys(doc.paths[r.path]?.[r.method]?.responses ?? {});
    for (const p of probes(r.method, r.express)) {
      // the status is all this reads: each body is dropped unread (GET /tiles/gauntlet.pmtiles would send 25 MB)
      const answers = [await fetch(srv.base + p.url, p.init)];
      await answers[0]!.body?.cancel();
      // a client that cached the answer asks again with its validator: a 304 must be listed too
      const etag = answers[0]!.headers.get('etag');
      if (etag && r.method === 'get' && answers[0]!.status === 200) {
        answers.push(await fetch(srv.base + p.url, { headers: { 'if-none-match': etag } }));
        await answers[1]!.body?.cancel();
      }
      for (const res of answers) {
        asked++;
        if (!listed.includes(String(res.status)) && !listed.includes('default')) unlisted.push(`${r.method} ${r.path} (${p.url}): ${res.status}, listed ${listed.join(' ')}`);
      }
    }
  }
  return { unlisted, asked };
}

describe('OpenAPI statuses match the server', () => {
  it('lists every status each registered route answers to unknown ids, junk parameters, broken bodies and its own ETag', async () => {
    const { unlisted, asked } = await unlistedStatuses((await (await fetch(`${srv.base}/openapi.json`)).json()) as OpenApiDoc);
    expect(asked).toBeGreaterThan(100);
    expect(unlisted).toEqual([]);
  }, 120_000);

  it('names a status the server answers that the document leaves out', async () => {
    const doc = (await (await fetch(`${srv.base}/openapi.json`)).json()) as OpenApiDoc;
    delete doc.paths['/layers/{layer}']!.get!.responses['404'];
    const { unlisted } = await unlistedStatuses(doc, (p) => p.startsWith('/layers'));
    expect(unlisted.length).toBeGreaterThan(0);
    expect(unlisted.every((u) => u.startsWith('get /layers/{layer} (') && u.includes(': 404,'))).toBe(true);
  });
});
