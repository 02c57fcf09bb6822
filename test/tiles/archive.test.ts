import { readdirSync, readlinkSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import Database from 'better-sqlite3';
import { PbfReader } from 'pbf';
import { FetchSource, PMTiles } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../src/layers/catalog.js';
import type { LayerSet } from '../../src/layers/layer-set.js';
import { shippedLayers } from '../support/shipped-layers.js';
import { TEST_SERVE } from '../support/server.js';
import { listen } from '../../src/server/serve.js';
import { buildPmtiles, nonEmptyTiles } from '../../src/tiles/archive.js';
import { archiveProvider } from '../../src/tiles/archive-provider.js';
import { LiveTiles } from '../../src/tiles/live-source.js';
import { buildMbtiles } from '../../src/tiles/mbtiles.js';
import { FileSource } from '../../src/tiles/pmtiles/file-source.js';
import { prng } from '../../bench/prng.js';

// The suite checks the writer on a fresh build (z0-9, 1,317 tiles, about a second: z10 triples the tiles and the
// time, through the same code, with no leaf directory either); whether the committed tiles/gauntlet.pmtiles is
// current is CI's own step, `npm run check:archive` (`gauntlet build --check`), not a test that pins earlier output.
const ARCHIVE_MAX_ZOOM = 9;
const archivePath = join(tmpdir(), `gauntlet-test-${process.pid}.pmtiles`);

let layers: LayerSet;
let live: LiveTiles;
let source: FileSource;
let archive: PMTiles;
let sample: [number, number, number][];
let nonEmpty: number; // the live source's non-empty tiles, z0 to ARCHIVE_MAX_ZOOM
let server: Server;
let base: string;

beforeAll(async () => {
  layers = await shippedLayers();
  live = new LiveTiles(layers);
  await buildPmtiles(layers, archivePath, ARCHIVE_MAX_ZOOM);
  source = new FileSource(archivePath);
  archive = new PMTiles(source);
  const all = nonEmptyTiles(live, ARCHIVE_MAX_ZOOM);
  nonEmpty = all.length;
  const rand = prng(3);
  // every tile to z6, and about 300 drawn at random from z7-9
  sample = [...all.filter(([z]) => z <= 6), ...all.filter(([z]) => z > 6).filter(() => rand() < 300 / all.length)];
  ({ server, url: base } = await listen(layers, { ...TEST_SERVE, archivePath }));
});
afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  await source.close();
  await rm(archivePath, { force: true });
});

describe('tiles/gauntlet.pmtiles', () => {
  it('has a PMTiles v3 header and metadata the pmtiles reader understands', async () => {
    const h = await archive.getHeader();
    expect(h).toMatchObject({ specVersion: 3, clustered: true, minZoom: 0, maxZoom: ARCHIVE_MAX_ZOOM, tileType: 1, tileCompression: 2, internalCompression: 2 });
    expect(h.numAddressedTiles).toBe(nonEmpty);
    expect(h.numTileContents).toBeLessThan(h.numTileEntries); // deduplicated
    expect(h.numTileEntries).toBeLessThan(h.numAddressedTiles); // run-length encoded
    expect(h.rootDirectoryLength).toBeLessThanOrEqual(16257);
    const meta = (await archive.getMetadata()) as any;
    expect(meta.vector_layers.map((l: any) => l.id)).toEqual([...LAYERS.map((l) => l.id), 'territory-labels']);
    expect(meta.attribution).toContain('GeoNames');
    expect(meta.version).toBe(layers.version);
  });

  it('holds, for every sampled tile, exactly the tile the server serves', async () => {
    expect(sample.length).toBeGreaterThan(200);
    for (const [z, x, y] of sample) {
      const stored = await archive.getZxy(z, x, y);
      expect(stored, `${z}/${x}/${y}`).toBeDefined();
      const served = new Uint8Array(await (await fetch(`${base}/tiles/gauntlet/${z}/${x}/${y}.mvt`)).arrayBuffer());
      expect(Buffer.from(stored!.data).equals(Buffer.from(served)), `${z}/${x}/${y}`).toBe(true);
    }
    expect(await archive.getZxy(5, 16, 10)).toBeUndefined(); // Europe: empty
  });
});

describe('GET /tiles/gauntlet.pmtiles', () => {
  it('answers range requests (206, Content-Range, ETag, CORS) and the pmtiles FetchSource reads it over HTTP', async () => {
    const res = await fetch(`${base}/tiles/gauntlet.pmtiles`, { headers: { range: 'bytes=0-126', origin: 'https://example.org' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    const size = (await readFile(archivePath)).length;
    expect(res.headers.get('content-range')).toBe(`bytes 0-126/${size}`);
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{24}"$/);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/Content-Range/);
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 7).toString()).toBe('PMTiles');

    const remote = new PMTiles(new FetchSource(`${base}/tiles/gauntlet.pmtiles`));
    for (const [z, x, y] of sample.slice(0, 40)) {
      const a = await remote.getZxy(z, x, y);
      const b = await archive.getZxy(z, x, y);
      expect(Buffer.from(a!.data).equals(Buffer.from(b!.data))).toBe(true);
    }
  });
});

describe('gauntlet serve --from tiles/gauntlet.pmtiles', () => {
  it('serves the same XYZ tiles from the archive, and single layers cut out of it', async () => {
    const provider = await archiveProvider(archivePath);
    const { server: s2, url } = await listen(layers, { ...TEST_SERVE, tiles: provider });
    try {
      const cat = await (await fetch(`${url}/catalog`)).json();
      expect(cat.tiles).toBe('archive');
      for (const [z, x, y] of sample.filter(([z]) => z >= 6).slice(0, 30)) {
        const fromArchive = new Uint8Array(await (await fetch(`${url}/tiles/gauntlet/${z}/${x}/${y}.mvt`)).arrayBuffer());
        const fromLive = new Uint8Array(await (await fetch(`${base}/tiles/gauntlet/${z}/${x}/${y}.mvt`)).arrayBuffer());
        expect(Buffer.from(fromArchive).equals(Buffer.from(fromLive))).toBe(true);
      }
      const [z, x, y] = sample.find(([z]) => z === 6)!;
      const res = await fetch(`${url}/tiles/territories,ports/${z}/${x}/${y}.mvt`);
      const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
      expect(Object.keys(tile.layers).every((l) => l === 'territories' || l === 'ports')).toBe(true);
      const liveTile = new VectorTile(new PbfReader(live.encode(['territories', 'ports'], z, x, y)!));
      for (const name of Object.keys(liveTile.layers)) {
        const ids = (t: VectorTile) => Array.from({ length: t.layers[name]!.length }, (_, i) => t.layers[name]!.feature(i).properties.id).sort();
        expect(ids(tile)).toEqual(ids(liveTile));
      }
    } finally {
      await new Promise((done) => s2.close(done));
      await provider.close?.();
    }
  });

  it('holds the archive open while it serves and closes it on close()', async () => {
    const open = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === archivePath;
      } catch {
        return false; // the descriptor readdir itself used
      }
    }).length;
    const before = open();
    const provider = await archiveProvider(archivePath);
    expect(await provider.source('gauntlet')!.tile(0, 0, 0)).not.toBeNull();
    expect(open()).toBe(before + 1);
    await provider.close!();
    expect(open()).toBe(before);
  });
});

describe('gauntlet build --format mbtiles', () => {
  it('writes MBTiles with TMS rows and vector_layers metadata that SQLite clients read', async () => {
    const out = join(tmpdir(), `gauntlet-test-${process.pid}.mbtiles`);
    try {
      const { tiles } = await buildMbtiles(layers, out, 6);
      const db = new Database(out, { readonly: true });
      const meta = Object.fromEntries(db.prepare('SELECT name, value FROM metadata').all().map((r: any) => [r.name, r.value]));
      expect(meta).toMatchObject({ format: 'pbf', minzoom: '0', maxzoom: '6' });
      expect(JSON.parse(meta.json).vector_layers).toHaveLength(LAYERS.length + 1); // + territory-labels
      expect((db.prepare('SELECT count(*) n FROM tiles').get() as any).n).toBe(tiles);
      const [z, x, y] = [4, 3, 6];
      const row = db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?').get(z, x, 2 ** z - 1 - y) as any;
      expect(Buffer.from(gunzipSync(row.tile_data)).equals(Buffer.from(live.encode(LAYERS.map((l) => l.id), z, x, y)!))).toBe(true);
      db.close();
    } finally {
      await rm(out, { force: true });
    }
  });
});
