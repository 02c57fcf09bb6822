import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

// `gauntlet network export` (in-process, through the CLI's main) read back by GDAL (Debian's gdal-bin), as QGIS and ogr2ogr -> PostGIS would load it.

const run = promisify(execFile);

describe('gauntlet network export', () => {
  it('writes an edge table GDAL reads: one LineString per edge with source, target, lengthKm, cost, ref', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gauntlet-export-'));
    try {
      const out = join(dir, 'edges.geojson');
      const cli = await runCli(['network', 'export', '--out', out]);
      expect(cli.code).toBe(0);
      const edges = Number(/(\d+) edges/.exec(cli.stderr)![1]);
      const info = (await run('ogrinfo', ['-ro', '-so', '-al', out])).stdout;
      expect(info).toMatch(/Geometry: Line String/);
      expect(Number(/Feature Count: (\d+)/.exec(info)![1])).toBe(edges);
      for (const field of ['source: Integer', 'target: Integer', 'lengthKm: Real', 'cost: Real', 'reverse_cost: Real', 'ref: String', 'kind: String']) expect(info).toContain(field);
      // every edge's endpoints are its nodes: features sharing a node id share the position
      const fc = JSON.parse(await readFile(out, 'utf8'));
      const at = new Map<number, string>();
      for (const f of fc.features) {
        const c = f.geometry.coordinates;
        for (const [node, p] of [[f.properties.source, c[0]], [f.properties.target, c.at(-1)]]) {
          const key = JSON.stringify(p);
          expect(at.get(node) ?? key).toBe(key);
          at.set(node, key);
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
