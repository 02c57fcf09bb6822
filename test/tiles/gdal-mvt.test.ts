import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { LOOK } from '../../src/cartography/look.js';
import { LAYERS } from '../../src/layers/catalog.js';
import { useServer } from '../support/server.js';
import { fileFeatures } from '../ogc/expected.js';

// The tile pyramid through GDAL's MVT driver (Debian's gdal-bin): metadata.json beside the tiles as tippecanoe
// writes it, and the bare tileset URL. Asynchronous exec: the server answers from this same process.

const run = promisify(execFile);
const srv = useServer();
const ogrinfo = async (...args: string[]) => (await run('ogrinfo', ['-ro', ...args], { maxBuffer: 64 << 20 })).stdout;
const layerNames = (out: string) => [...out.matchAll(/^\d+: (\S+)/gm)].map((m) => m[1]);

describe('metadata.json', () => {
  it('holds MBTiles metadata strings with vector_layers and tilestats in json; TileJSON is unchanged beside it', async () => {
    const res = await fetch(`${srv.base}/tiles/gauntlet/metadata.json`);
    expect(res.status).toBe(200);
    const meta = await res.json();
    for (const key of ['name', 'format', 'minzoom', 'maxzoom', 'bounds', 'center', 'json']) expect(typeof meta[key], key).toBe('string');
    expect(meta.format).toBe('pbf');
    expect(meta.bounds.split(',').map(Number)).toHaveLength(4);
    const json = JSON.parse(meta.json);
    const tilejson = await (await fetch(`${srv.base}/tiles/gauntlet.json`)).json();
    expect(tilejson.tilejson).toBe('3.0.0');
    expect(json.vector_layers).toEqual(tilejson.vector_layers);
    expect(json.vector_layers.map((l: any) => l.id)).toEqual([...LAYERS.map((l) => l.id), 'territory-labels']);
    const stat = Object.fromEntries(json.tilestats.layers.map((l: any) => [l.layer, l.geometry]));
    expect(stat).toMatchObject({ checkpoints: 'Point', territories: 'Polygon', routes: 'LineString', border: 'LineString' });
    // one source per layer too
    const single = JSON.parse((await (await fetch(`${srv.base}/tiles/checkpoints/metadata.json`)).json()).json);
    expect(single.vector_layers.map((l: any) => l.id)).toEqual(['checkpoints']);
    expect((await fetch(`${srv.base}/tiles/nope/metadata.json`)).status).toBe(404);
  });

  it('is kept, with an ETag that answers 304, and the Cache-Control of TileJSON', async () => {
    const url = `${srv.base}/tiles/gauntlet/metadata.json`;
    const [a, b] = [await fetch(url), await fetch(url)];
    const etag = a.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(b.headers.get('etag')).toBe(etag);
    expect(await b.text()).toBe(await a.text());
    expect(a.headers.get('cache-control')).toBe((await fetch(`${srv.base}/tiles/gauntlet.json`)).headers.get('cache-control'));
    const again = await fetch(url, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // each source its own document and ETag
    expect((await fetch(`${srv.base}/tiles/checkpoints/metadata.json`)).headers.get('etag')).not.toBe(etag);
  });
});

describe('GDAL MVT driver', () => {
  it('lists every tile layer at MVT:http://host/tiles/gauntlet', async () => {
    expect(layerNames(await ogrinfo(`MVT:${srv.base}/tiles/gauntlet`))).toEqual([...LAYERS.map((l) => l.id), 'territory-labels']);
    // the label points: one per separate area of a territory, each naming its group
    const labels = await ogrinfo('-al', '-q', `MVT:${srv.base}/tiles/gauntlet`, 'territory-labels');
    const territories = new Set([...labels.matchAll(/^\s+territory \(String\) = (\S+)/gm)].map((m) => m[1]));
    expect([...territories].sort()).toEqual(fileFeatures('territories').map((f) => String(f.properties.id)).sort());
    expect(labels).toMatch(/groupName \(String\) = Sinaloa Cartel/);
    // a layer list is canonical (catalog order, one cache entry and ETag), whatever order the URL gives
    expect(layerNames(await ogrinfo(`MVT:${srv.base}/tiles/ports,checkpoints`))).toEqual(['checkpoints', 'ports']);
  });

  it('opens the pyramid at a zoom with the fields of metadata.json, georeferenced', async () => {
    const out = await ogrinfo(`MVT:${srv.base}/tiles/gauntlet/12`);
    expect(layerNames(out)).toEqual([...LAYERS.map((l) => l.id), 'territory-labels']);
    const territories = await ogrinfo('-so', '-nocount', '-noextent', `MVT:${srv.base}/tiles/gauntlet/12`, 'territories'); // a count would read every z12 tile
    for (const f of ['group: String', 'presence: String', 'confidence: String', 'observedTo: Real']) expect(territories).toContain(f);
    expect(territories).toMatch(/EPSG",3857/);
  });

  it('reads every checkpoint of the file from the z6 tiles, each once by id, and only the major ones from z4', async () => {
    const ids = async (z: number) => {
      const out = await ogrinfo('-al', '-q', `MVT:${srv.base}/tiles/gauntlet/${z}`, 'checkpoints');
      return [...new Set([...out.matchAll(/^\s+id \(String\) = (\S+)/gm)].map((m) => m[1]))].sort();
    };
    const all = fileFeatures('checkpoints');
    expect(await ids(LOOK.checkpoints.importance.minorFrom)).toEqual(all.map((f) => f.properties.id).sort());
    // cited by several sources: the importance rule, counted here from the file
    const major = all.filter((f) => (f.properties.sources as string[]).length >= 2).map((f) => f.properties.id).sort();
    expect(major.length).toBeGreaterThan(3);
    expect(major.length).toBeLessThan(all.length);
    expect(await ids(4)).toEqual(major);
  });
});
