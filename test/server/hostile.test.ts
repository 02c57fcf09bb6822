// Regression tests for the hostile-input defects of issue 11: each asserts the fixed behaviour over real HTTP.
import { connect } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip } from '../../src/server/tiles-routes.js';
import { useServer } from '../support/server.js';

const srv = useServer();
const line = { type: 'LineString', coordinates: [[-99.13, 19.43], [-100.3, 25.67]] };
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(srv.base + path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}
/** JSON text with `properties` nested `depth` levels (JSON.stringify itself overflows on it). */
const deep = (depth: number) => `{"a":`.repeat(depth) + '"leaf"' + '}'.repeat(depth);
const lineJson = JSON.stringify(line);

describe('nested properties: a depth limit, 4xx, never a stack overflow', () => {
  it('POST /exposure with GeoJSON output refuses 5,000 levels with 400 naming the body', async () => {
    const res = await post('/exposure', `{"type":"Feature","properties":${deep(5000)},"geometry":${lineJson}}`, { accept: 'application/geo+json' });
    expect(res.status).toBe(400);
    const p = await res.json();
    expect(p.errors[0]).toMatchObject({ path: 'body', message: expect.stringMatching(/nested deeper than 32/) });
  });

  it('POST /exposure/batch and POST /static refuse it too', async () => {
    const batch = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":${deep(5000)},"geometry":${lineJson}}]}`;
    expect((await post('/exposure/batch', batch)).status).toBe(400);
    const image = `{"camera":"auto","width":200,"height":150,"route":{"type":"Feature","properties":${deep(5000)},"geometry":${lineJson}}}`;
    const res = await post('/static', image);
    expect(res.status).toBe(400);
    expect((await res.json()).detail).toMatch(/nested deeper/);
  });

  it('accepts properties nested a dozen levels', async () => {
    const res = await post('/exposure', { type: 'Feature', properties: nested(12), geometry: line }, { accept: 'application/geo+json' });
    expect(res.status).toBe(200);
    const fc = await res.json();
    expect(JSON.stringify(fc.features[0].properties)).toContain('leaf');
  });
});

describe('strict numbers: no coercion of empty, hex, booleans, null or arrays', () => {
  it.each(['', '0x10', 'abc', '1,5', ' ', 'Infinity'])('?bufferKm=%j is a 400 on query.bufferKm', async (v) => {
    const res = await post(`/exposure?bufferKm=${encodeURIComponent(v)}`, line);
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].path).toBe('query.bufferKm');
  });

  it.each([null, true, [5], '5km', {}])('a body bufferKm of %j is a 400', async (v) => {
    const res = await post('/exposure', { route: line, bufferKm: v });
    expect(res.status).toBe(400);
  });

  it('a decimal string and a JSON number are accepted and mean what they say', async () => {
    const a = await (await post('/exposure?bufferKm=12.5', line)).json();
    const b = await (await post('/exposure', { route: line, bufferKm: 12.5 })).json();
    expect(a.bufferKm ?? a.options?.bufferKm ?? 12.5).toBe(12.5);
    expect(a).toEqual(b);
  });
});

describe('staleAfterMonths: whole months, never coerced', () => {
  it.each(['', '0x10', '1e1', '1.5', ' 3', 'true', 'abc'])('?staleAfterMonths=%j is a 400 naming it, on /exposure and on a layer', async (v) => {
    const res = await post(`/exposure?staleAfterMonths=${encodeURIComponent(v)}`, line);
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0]).toEqual({ path: 'query.staleAfterMonths', message: 'must be a whole number of months' });
    const layer = await fetch(`${srv.base}/layers/checkpoints?staleAfterMonths=${encodeURIComponent(v)}`);
    expect(layer.status).toBe(400);
    expect((await layer.json()).errors[0].path).toBe('query.staleAfterMonths');
  });

  it.each([null, true, [5], 1.5, '0x10'])('a body staleAfterMonths of %j is a 400', async (v) => {
    const res = await post('/exposure', { route: line, staleAfterMonths: v });
    expect(res.status).toBe(400);
  });

  it('"0" means 0 months (every dated fact is stale), the same as the JSON number 0; the default is 12', async () => {
    const a = await (await post('/exposure?staleAfterMonths=0', line)).json();
    const b = await (await post('/exposure', { route: line, staleAfterMonths: 0 })).json();
    const d = await (await post('/exposure', line)).json();
    expect(a.time.staleAfterMonths).toBe(0);
    expect(a).toEqual(b);
    expect(d.time.staleAfterMonths).toBe(12);
  });
});

describe('Accept-Encoding q-values', () => {
  it('parses the header as RFC 9110 says', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('gzip;q=0, *')).toBe(false);
    expect(acceptsGzip('gzip; q=0.000, *;q=1')).toBe(false);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('*;q=0')).toBe(false);
    expect(acceptsGzip('br, deflate')).toBe(false);
    expect(acceptsGzip('GZIP;Q=0.5')).toBe(true);
    expect(acceptsGzip('identity, gzip;q=0.001')).toBe(true);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  it('a tile asked for with `gzip;q=0, *` comes uncompressed', async () => {
    const { request } = await import('node:http');
    const get = (ae: string) =>
      new Promise<{ enc: string | undefined; body: Buffer }>((ok, fail) => {
        request(`${srv.base}/tiles/gauntlet/0/0/0.mvt`, { headers: { 'accept-encoding': ae } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => ok({ enc: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
        })
          .on('error', fail)
          .end();
      });
    const plain = await get('gzip;q=0, *');
    const gz = await get('gzip');
    expect(plain.enc).toBeUndefined();
    expect(gz.enc).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
  });
});

describe('CSV formula neutralisation', () => {
  it('ids that start with =, +, -, @ get a leading apostrophe; numbers stay numbers', async () => {
    const ids = ['=HYPERLINK("http://evil.example","x")', '+1', '-2+3', '@SUM(A1)', 'plain'];
    const fc = { type: 'FeatureCollection', features: ids.map((id) => ({ type: 'Feature', id, properties: {}, geometry: line })) };
    const res = await post('/exposure/batch', fc, { accept: 'text/csv' });
    expect(res.status).toBe(200);
    const rows = (await res.text()).trim().split('\r\n').slice(1);
    expect(rows.map((r) => r.split(',')[0])).toEqual(['"\'=HYPERLINK(""http://evil.example""', "'+1", "'-2+3", "'@SUM(A1)", 'plain']);
    for (const r of rows) expect(r).toMatch(/,\d+(\.\d+)?,/); // lengthKm stays a bare number
  });
});

describe('tile URLs: one cache entry and one ETag per set of layers', () => {
  it('every ordering of a layer list answers the same bytes and ETag, and TileJSON names the canonical list', async () => {
    const get = (src: string) => fetch(`${srv.base}/tiles/${src}/5/6/13.mvt`, { headers: { 'accept-encoding': 'identity' } });
    const a = await get('routes,checkpoints');
    const b = await get('checkpoints,routes');
    expect(a.status).toBe(200);
    expect(a.headers.get('etag')).toBe(b.headers.get('etag'));
    expect(Buffer.from(await a.arrayBuffer()).equals(Buffer.from(await b.arrayBuffer()))).toBe(true);
    const tj = await (await fetch(`${srv.base}/tiles/territories,routes,checkpoints.json`)).json();
    const tj2 = await (await fetch(`${srv.base}/tiles/checkpoints,territories,routes.json`)).json();
    expect(tj.tiles).toEqual(tj2.tiles);
  });
});

describe('absolute URLs: forwarded headers are not trusted by default', () => {
  it('ignores X-Forwarded-Host/-Proto and refuses a Host that is not a host name', async () => {
    const evil = { 'x-forwarded-proto': 'javascript', 'x-forwarded-host': 'evil.example' };
    const tj = await (await fetch(`${srv.base}/tiles/gauntlet.json`, { headers: evil })).json();
    expect(tj.tiles[0].startsWith(`${srv.base}/tiles/`)).toBe(true);
    const style = await (await fetch(`${srv.base}/styles/gauntlet/style.json`, { headers: evil })).json();
    expect(JSON.stringify(style)).not.toContain('evil.example');
  });
});

describe('limits on heavy requests', () => {
  it('a batch over the total vertex cap is refused with the documented limit', async () => {
    const coords = Array.from({ length: 2001 }, (_, i) => [-100 + i * 1e-4, 20]);
    // the JSON of 1000 copies of one feature, written once and repeated (30 MB that JSON.stringify built piece by piece)
    const feature = JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: coords } });
    const res = await post('/exposure/batch', `{"type":"FeatureCollection","features":[${Array(1000).fill(feature).join(',')}]}`);
    expect(res.status).toBe(400);
    const p = await res.json();
    expect(p.errors[0]).toEqual({ path: 'body.features', message: expect.stringMatching(/2001000 vertices in all; the limit is 2000000/) });
  });

  /**
   * Sends `body` to POST /exposure in `chunks` pieces `gapMs` apart over a raw socket; resolves with what the
   * server sent, whether any of it came before the last byte, and whether the connection was reset.
   */
  async function slowUpload(body: Buffer, chunks: number, gapMs: number): Promise<{ early: boolean; answer: string; reset: boolean }> {
    const { hostname, port } = new URL(srv.base);
    const socket = connect(Number(port), hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    let answer = '';
    let sentAll = false;
    let early = false;
    let reset = false;
    socket.on('data', (d) => {
      if (!sentAll) early = true;
      answer += d.toString('latin1');
    });
    socket.on('error', () => (reset = true));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(`POST /exposure HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
    const size = Math.ceil(body.length / chunks);
    for (let i = 0; i < chunks; i++) {
      if (reset) break;
      const last = i === chunks - 1;
      await new Promise<void>((resolve) => {
        // the last byte is counted as sent when handed to the socket: the answer may come before write's callback
        if (last) sentAll = true;
        socket.write(body.subarray(i * size, (i + 1) * size), () => resolve());
      });
      if (!last) await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
    await closed;
    return { early, answer, reset };
  }

  it('a refused body is read to its end before the 413, as long as bytes keep coming (no reset, no early answer)', async () => {
    // 12 chunks 150 ms apart: 1.8 s of upload, more than a second between the first byte and the last
    const { early, answer, reset } = await slowUpload(Buffer.alloc(11 * 1024 * 1024, 0x20), 12, 150);
    expect(reset).toBe(false);
    expect(early).toBe(false);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).detail).toMatch(/limit of 10485760 bytes/);
  });

  it('a body refused while it arrives (nested too deep in its first bytes) is read to its end before the 400', async () => {
    const body = Buffer.from('{"a":'.repeat(40) + ' '.repeat(4 * 1024 * 1024) + '"leaf"' + '}'.repeat(40));
    const { early, answer, reset } = await slowUpload(body, 4, 150);
    expect(reset).toBe(false);
    expect(early).toBe(false);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/nested deeper than 32/);
  });

  it('a single route of a million vertices is refused with 400 naming the limit, not 500', async () => {
    // [-100 + (i % 1000) * 1e-4, 20] for i below a million: the JSON of the first thousand, a thousand times
    const thousand = Array.from({ length: 1000 }, (_, i) => JSON.stringify([-100 + i * 1e-4, 20])).join(',');
    const res = await post('/exposure', `{"type":"LineString","coordinates":[${Array(1000).fill(thousand).join(',')}]}`);
    expect([400, 413]).toContain(res.status);
    const p = await res.json();
    expect(p.detail).toMatch(/limit/);
  });
});
