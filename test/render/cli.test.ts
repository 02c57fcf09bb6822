import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { decode } from './png.js';

const run = async (args: string[]) => {
  const r = await runCli(args);
  return { code: r.code, stdout: r.stdoutBytes, stderr: r.stderr };
};

const BIN = fileURLToPath(new URL('../../bin/gauntlet.js', import.meta.url));

// The compiled binary, as users run it (one test); the others run in-process through main() (test/support/cli.ts).
function spawnBin(args: string[]): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args]);
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gauntlet-render-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('gauntlet render', () => {
  it('writes the PNG of a stored route at the asked size and scale', async () => {
    const out = join(dir, 'route.png');
    const r = await spawnBin(['render', '--route', 'central-piedras-negras', '--as-of', '2022-10-15', '--size', '320x240', '--scale', '2', '--title', 'Monterrey to Piedras Negras', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('640x480 px');
    const img = decode(await readFile(out));
    expect([img.width, img.height]).toEqual([640, 480]);
  });

  it('draws a route from a file with a box camera, to standard output', async () => {
    const file = join(dir, 'route.geojson');
    await writeFile(file, JSON.stringify({ type: 'Feature', properties: { name: 'Monterrey to Reynosa' }, geometry: { type: 'LineString', coordinates: [[-100.318, 25.675], [-98.298, 26.081]] } }));
    const r = await run(['render', '--route-file', file, '--bbox', '-101,25,-97.5,26.6', '--size', '300x200', '--no-legend', '--out', '-']);
    expect(r.code).toBe(0);
    const img = decode(r.stdout);
    expect([img.width, img.height]).toEqual([300, 200]);
  });

  it.each([
    [['--size', 'huge'], /--size: must be WIDTHxHEIGHT/],
    [['--size', '4000x300'], /--size: width × scale is 4000 px/],
    [['--scale', '5'], /--scale: must be 1, 2 or 3/],
    [['--bbox', '-99,25,-101,29'], /--bbox: box min must be less than max/],
    [['--center', '-100,25,30'], /--center: zoom must be within 0..18/],
    [['--as-of', 'soon'], /--as-of: unknown policy "soon": as_of must be "latest", "all", a year YYYY/],
    [['--layers', 'motorways'], /--layers: unknown layer "motorways"/],
    [['--route', 'nowhere-to-go'], /--route: unknown route "nowhere-to-go"/],
    [['--route', 'a', '--route-file', 'b'], /--route or --route-file, not both/],
    [['--bbox', '-101,25,-99,27', '--auto'], /one of --bbox, --center and --auto/],
    [['--route-file', '/nonexistent/route.geojson'], /--route-file \/nonexistent\/route.geojson: cannot read/],
  ])('exits 2 with the problem on %j', async (args, message) => {
    const r = await run(['render', ...args, '--out', join(dir, 'x.png')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('names the fault inside a route file', async () => {
    const file = join(dir, 'bad.geojson');
    await writeFile(file, JSON.stringify({ type: 'LineString', coordinates: [[-100, 25], [-100, 95]] }));
    const r = await run(['render', '--route-file', file, '--out', join(dir, 'x.png')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--route-file ${file}: input.coordinates[1][1]: latitude must be within -90..90`);
  });

  it('requires --out', async () => {
    const r = await run(['render', '--route', 'central-piedras-negras']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out');
  });
});
