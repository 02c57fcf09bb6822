import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { booleanPointInPolygon } from '@turf/turf';
import type { Point } from 'geojson';
import { PbfReader } from 'pbf';
import { LOOK } from '../../src/cartography/look.js';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../src/layers/catalog.js';
import { useServer } from '../support/server.js';

const srv = useServer();

/** The XYZ tile holding a lon/lat (slippy-map formula, written out here). */
function tileAt(lon: number, lat: number, z: number): [number, number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [z, Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

/** Raw HTTP GET so we see Content-Encoding as sent (fetch would gunzip silently). */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, any>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(srv.base + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

async function decode(path: string): Promise<VectorTile> {
  const res = await fetch(srv.base + path);
  expect(res.status, path).toBe(200);
  return new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
}

const place = (id: string) => (srv.layers.layer('places').byId.get(id)!.geometry as Point).coordinates as [number, number];

describe('vector tiles decoded by @mapbox/vector-tile', () => {
  it('z0 holds one MVT 2 layer per Gauntlet layer present there, extent 4096', async () => {
    const tile = await decode('/tiles/gauntlet/0/0/0.mvt');
    for (const id of ['routes', 'checkpoints', 'territories', 'ports', 'expulsion-flights', 'countries', 'states', 'border']) {
      expect(tile.layers[id], id).toBeDefined();
      expect(tile.layers[id]!.version).toBe(2);
      expect(tile.layers[id]!.extent).toBe(4096);
    }
    // served from where the map starts drawing them (the cartography table, TileJSON minzoom) on
    for (const id of ['municipalities', 'places', 'migrant-deaths', 'airports', 'roads', 'railroads']) expect(tile.layers[id], id).toBeUndefined();
  });

  it('a checkpoint sits where the geodata puts it, with the same numeric id at every zoom', async () => {
    const cp = srv.layers.layer('checkpoints').byId.get('allende-army-km53')!;
    const [lon, lat] = (cp.geometry as Point).coordinates as [number, number];
    const ids = new Set<number>();
    for (const z of [4, 8, 12]) {
      const [, x, y] = tileAt(lon, lat, z);
      const layer = (await decode(`/tiles/checkpoints/${z}/${x}/${y}.mvt`)).layers.checkpoints!;
      const features = Array.from({ length: layer.length }, (_, i) => layer.feature(i));
      const f = features.find((g) => g.properties.id === 'allende-army-km53')!;
      expect(f, `z${z}`).toBeDefined();
      ids.add(Number(f.id));
      const [gLon, gLat] = (f.toGeoJSON(x, y, z).geometry as Point).coordinates as [number, number];
      const tolerance = 360 / 2 ** z / 4096 * 2; // two tile units
      expect(Math.abs(gLon - lon)).toBeLessThan(tolerance);
      expect(Math.abs(gLat - lat)).toBeLessThan(tolerance);
      expect(f.properties).toMatchObject({ agency: 'army', confidence: cp.properties.confidence, sources: (cp.properties.sources as string[]).join(',') });
    }
    expect(ids.size).toBe(1);
    expect([...ids][0]).toBeGreaterThan(0);
  });

  it('the Gulf Cartel territory covers Reynosa in the decoded polygon; ports carry roles as JSON and roleNames', async () => {
    const [lon, lat] = place('reynosa');
    const [z, x, y] = tileAt(lon, lat, 8);
    const tile = await decode(`/tiles/territories,ports/${z}/${x}/${y}.mvt`);
    const t = tile.layers.territories!;
    const covering = Array.from({ length: t.length }, (_, i) => t.feature(i))
      .filter((f) => booleanPointInPolygon([lon, lat], f.toGeoJSON(x, y, z) as any))
      .map((f) => f.properties.group);
    expect(covering).toContain('gulf-cartel');
    const p = tile.layers.ports!;
    const hidalgo = Array.from({ length: p.length }, (_, i) => p.feature(i)).find((f) => f.properties.id === '2305')!;
    expect(JSON.parse(String(hidalgo.properties.roles))[0]).toHaveProperty('role');
    expect(String(hidalgo.properties.roleNames)).toMatch(/title42-expulsion/);
    expect(tile.layers.routes).toBeUndefined(); // only the layers asked for
  });

  it('clusters migrant deaths at low zoom and keeps the total', async () => {
    // every tile of the layer's first zoom, each cluster counted in the tile it lies in (not in a neighbour's buffer)
    const z = LOOK.migrantDeaths.minzoom;
    const clusters: Record<string, unknown>[] = [];
    for (let x = 0; x < 2 ** z; x++) {
      for (let y = 0; y < 2 ** z; y++) {
        const res = await fetch(`${srv.base}/tiles/migrant-deaths/${z}/${x}/${y}.mvt`);
        if (res.status === 204) continue;
        const l = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers['migrant-deaths']!;
        for (let i = 0; i < l.length; i++) {
          const f = l.feature(i);
          const [p] = f.loadGeometry()[0]!;
          if (p!.x >= 0 && p!.x < l.extent && p!.y >= 0 && p!.y < l.extent) clusters.push(f.properties);
        }
      }
    }
    expect(clusters.every((c) => c.cluster === true)).toBe(true);
    const total = srv.layers.layer('migrant-deaths').features.reduce((s, f) => s + Number(f.properties.dead_and_missing), 0);
    expect(clusters.reduce((s, c) => s + Number(c.dead_and_missing), 0)).toBe(total);
    expect(clusters.reduce((s, c) => s + Number(c.incidents), 0)).toBe(srv.layers.layer('migrant-deaths').features.length);
  });
});

describe('status codes', () => {
  const status = async (path: string) => (await fetch(srv.base + path)).status;
  it('400 for a malformed or out-of-grid address', async () => {
    expect(await status('/tiles/gauntlet/a/0/0.mvt')).toBe(400);
    expect(await status('/tiles/gauntlet/1/0/0.png')).toBe(400);
    expect(await status('/tiles/gauntlet/1/2/0.mvt')).toBe(400);
    expect(await status('/tiles/gauntlet/-1/0/0.mvt')).toBe(400);
    const res = await fetch(`${srv.base}/tiles/gauntlet/1/0/5.mvt`);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
  it('404 for an unknown source or a zoom outside [0, 12]', async () => {
    expect(await status('/tiles/cartels/0/0/0.mvt')).toBe(404);
    expect(await status('/tiles/ports,ports/0/0/0.mvt')).toBe(404);
    expect(await status('/tiles/gauntlet/13/0/0.mvt')).toBe(404);
    expect(await status('/tiles/nope.json')).toBe(404);
  });
  it('204 for an empty tile inside the range; .pbf works like .mvt', async () => {
    expect(await status('/tiles/gauntlet/5/16/10.mvt')).toBe(204); // over Europe
    expect(await status('/tiles/gauntlet/0/0/0.pbf')).toBe(200);
  });
});

describe('HTTP caching, compression and CORS', () => {
  it('strong ETag, 304 on If-None-Match, immutable only for the versioned URL', async () => {
    const first = await rawGet('/tiles/gauntlet/4/3/6.mvt');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{12}-[0-9a-f]{16}"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    expect(first.headers.vary).toMatch(/Accept-Encoding/);
    const again = await rawGet('/tiles/gauntlet/4/3/6.mvt', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const versioned = await rawGet(`/tiles/gauntlet/4/3/6.mvt?v=${srv.layers.version}`);
    expect(versioned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('the ETag is the SHA-1 of the tile\'s MVT bytes, the same on a miss and on a cache hit, for each tile', async () => {
    const paths = ['/tiles/gauntlet/5/7/13.mvt', '/tiles/routes/6/14/27.mvt', '/tiles/gauntlet/3/1/3.mvt'];
    const tags = new Set<string>();
    for (const p of paths) {
      const miss = await rawGet(p, { 'accept-encoding': 'identity' });
      const hit = await rawGet(p, { 'accept-encoding': 'gzip' });
      expect(miss.status, p).toBe(200);
      const sha1 = createHash('sha1').update(miss.body).digest('hex').slice(0, 16);
      expect(miss.headers.etag, p).toBe(`"${srv.layers.version}-${sha1}"`);
      expect(hit.headers.etag, p).toBe(miss.headers.etag);
      expect(Buffer.compare(gunzipSync(hit.body), miss.body), p).toBe(0);
      tags.add(miss.headers.etag);
    }
    expect(tags.size).toBe(paths.length);
  });

  it('gzip when accepted, identity otherwise, the same tile either way', async () => {
    const gz = await rawGet('/tiles/gauntlet/4/3/6.mvt', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await rawGet('/tiles/gauntlet/4/3/6.mvt', { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(Buffer.compare(gunzipSync(gz.body), plain.body)).toBe(0);
  });

  it('HEAD gives the headers without a body; gzip;q=0 is a refusal', async () => {
    const head = await new Promise<{ status: number; headers: Record<string, any>; length: number }>((resolve, reject) => {
      request(`${srv.base}/tiles/gauntlet/4/3/6.mvt`, { method: 'HEAD', headers: { 'accept-encoding': 'gzip' } }, (res) => {
        let length = 0;
        res.on('data', (c) => (length += c.length));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, length }));
      })
        .on('error', reject)
        .end();
    });
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    expect(head.length).toBe(0);
    const refused = await rawGet('/tiles/gauntlet/4/3/6.mvt', { 'accept-encoding': 'gzip;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('CORS: any origin by default, exposing ETag and range headers; preflight answered', async () => {
    const res = await fetch(`${srv.base}/tiles/gauntlet/0/0/0.mvt`, { headers: { origin: 'https://example.org' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toContain('ETag');
    const pre = await fetch(`${srv.base}/tiles/gauntlet.pmtiles`, { method: 'OPTIONS', headers: { origin: 'https://example.org', 'access-control-request-headers': 'range' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toContain('Range');
  });
});

describe('TileJSON and catalog', () => {
  it('TileJSON 3.0.0 with absolute versioned URLs (forwarded headers ignored by default), fields from the schemas and attribution', async () => {
    const tj = await (await fetch(`${srv.base}/tiles/gauntlet.json`, { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'maps.example.org' } })).json();
    expect(tj.tilejson).toBe('3.0.0');
    expect(tj.tiles).toEqual([`${srv.base}/tiles/gauntlet/{z}/{x}/{y}.mvt?v=${srv.layers.version}`]);
    expect(tj).toMatchObject({ minzoom: 0, maxzoom: 12 });
    expect(tj.bounds).toHaveLength(4);
    expect(tj.center).toHaveLength(3);
    expect(tj.vector_layers.map((l: any) => l.id)).toEqual([...LAYERS.map((l) => l.id), 'territory-labels']);
    const checkpoints = tj.vector_layers.find((l: any) => l.id === 'checkpoints');
    expect(checkpoints.fields).toMatchObject({ id: 'String', agency: 'String', km: 'Number', sources: 'String', observedFrom: 'Number', observedTo: 'Number', endedOn: 'Number' });
    expect(checkpoints.description.length).toBeGreaterThan(5);
    for (const credit of ['Natural Earth', 'GeoNames', 'Bureau of Transportation Statistics', 'INEGI', 'Missing Migrants']) expect(tj.attribution).toContain(credit);
    const single = await (await fetch(`${srv.base}/tiles/routes,ports.json`)).json();
    expect(single.vector_layers.map((l: any) => l.id)).toEqual(['routes', 'ports']);
    expect(single.tiles[0]).toContain('/tiles/routes,ports/{z}/{x}/{y}.mvt');
  });

  it('the catalog lists every source with its TileJSON URL', async () => {
    const cat = await (await fetch(`${srv.base}/catalog`)).json();
    expect(cat.sources.map((s: any) => s.id)).toEqual(['gauntlet', ...LAYERS.map((l) => l.id)]);
    for (const s of cat.sources) expect((await fetch(s.tilejson)).status).toBe(200);
  });
});
