import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../src/layers/catalog.js';
import { useServer } from '../support/server.js';
import { countOn, idsOn } from './expected.js';

// GDAL's own OAPIF driver (Debian's gdal-bin, ensured by scripts/ensure-test-packages.mjs) reads /ogc as an analyst's
// ogrinfo/ogr2ogr/QGIS would. Asynchronous exec: the server answers from this same process.

const run = promisify(execFile);
const srv = useServer();
const tmp = mkdtempSync(join(tmpdir(), 'gauntlet-oapif-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ogrinfo = async (...args: string[]) => (await run('ogrinfo', ['-ro', ...args], { maxBuffer: 64 << 20 })).stdout;
const DATE = '2021-03-15';

describe('GDAL OAPIF driver', () => {
  it('lists every thematic and base collection', async () => {
    const out = await ogrinfo('-q', `OAPIF:${srv.base}/ogc`);
    const names = [...out.matchAll(/^\d+: (\S+)/gm)].map((m) => m[1]);
    expect(names).toEqual(LAYERS.map((l) => l.id));
  });

  it('counts the features of every collection on a date as the geodata files do', async () => {
    // one ogrinfo for all the collections (-al): a summary per layer, each with its Feature Count
    const out = await ogrinfo('-so', '-al', `OAPIF:${srv.base}/ogc?datetime=${DATE}`);
    const counts = new Map([...out.matchAll(/^Layer name: (\S+)$[\s\S]*?^Feature Count: (\d+)$/gm)].map((m) => [m[1], Number(m[2])]));
    expect([...counts.keys()]).toEqual(LAYERS.map((l) => l.id));
    for (const l of LAYERS) expect(counts.get(l.id), l.id).toBe(countOn(l.id, DATE));
  });

  it('reports the fields of a collection from its schema, once each, even when nothing matches', async () => {
    for (const query of ['bbox=0,0,1,1', `datetime=${DATE}`]) {
      const out = await ogrinfo('-so', `OAPIF:${srv.base}/ogc?${query}`, 'territories');
      expect(Number(/^Feature Count: (\d+)/m.exec(out)?.[1]), query).toBe(query.startsWith('bbox') ? 0 : countOn('territories', DATE));
      const fields = [...out.matchAll(/^(\w+): (\w+)/gm)].filter((m) => !['Layer', 'Geometry', 'Feature', 'Extent', 'Data'].includes(m[1]!));
      const names = fields.map((m) => m[1]);
      expect(new Set(names).size, query).toBe(names.length);
      for (const [name, type] of [['group', 'String'], ['presence', 'String'], ['confidence', 'String'], ['observed', 'String'], ['sources', 'StringList']]) {
        expect(fields.find((m) => m[1] === name)?.[2], `${query} ${name}`).toBe(type);
      }
    }
  });

  it('pages through items (PAGE_SIZE=4) and copies every feature of the date once', async () => {
    const dest = join(tmp, 'checkpoints.geojson');
    await run('ogr2ogr', ['-f', 'GeoJSON', dest, `OAPIF:${srv.base}/ogc?datetime=${DATE}`, 'checkpoints', '-oo', 'PAGE_SIZE=4']);
    const copied = JSON.parse(readFileSync(dest, 'utf8')).features.map((f: any) => f.properties.id);
    const expected = idsOn('checkpoints', DATE);
    expect(expected.length).toBeGreaterThan(8); // several pages
    expect(copied.sort()).toEqual(expected.sort());
  });

  it('passes attribute filters on enumerated fields to the server', async () => {
    const out = await ogrinfo('-q', `OAPIF:${srv.base}/ogc?datetime=2000-01-01/..`, 'checkpoints', '-where', "agency = 'inm'");
    const agencies = [...out.matchAll(/^\s+agency \(String\) = (\S+)/gm)].map((m) => m[1]);
    const inm = JSON.parse(readFileSync(new URL('../../geodata/checkpoints.geojson', import.meta.url), 'utf8')).features.filter((f: any) => f.properties.agency === 'inm');
    expect(agencies.length).toBe(inm.length);
    expect(new Set(agencies)).toEqual(new Set(['inm']));
  });
});
