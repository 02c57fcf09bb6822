import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { copyGeodata, type GeodataCopy } from '../support/geodata-copy.js';

// Commands run in-process through the CLI's main() (test/support/cli.ts); the real bin/gauntlet.js (the compiled
// build) runs as users run it in test/server/lifecycle.test.ts (`serve`, PORT and HOST from the environment among
// its cases) and in one test of test/render/cli.test.ts.

const run = (args: string[], env: Record<string, string> = {}) => runCli(args, { env });

// Copies for validate and serve: a valid one and a broken one. Their territories and routes are cut to one: the
// territories' polygons, built from their units at load, and the routes' waypoints, each located on its line, are
// most of a load and not what these tests are about. That the shipped data validates is validate.test.ts's (the
// same loader, every rule, the full data) and the build's, which validates it before it writes the snapshot.
let valid: GeodataCopy;
let broken: GeodataCopy;
let brokenLines: string[];
async function trimmedCopy(): Promise<GeodataCopy> {
  const copy = await copyGeodata();
  await copy.edit('territories.geojson', (fc) => {
    fc.features = fc.features.slice(0, 1);
  });
  await copy.edit('routes.geojson', (fc) => {
    fc.features = fc.features.slice(0, 1);
  });
  return copy;
}
beforeAll(async () => {
  [valid, broken] = await Promise.all([trimmedCopy(), trimmedCopy()]);
  await broken.edit('checkpoints.geojson', (fc) => {
    fc.features[0].properties.sources = ['nope'];
    fc.features[1].properties.observed = { from: '2030', to: '2020' };
  });
});
afterAll(() => Promise.all([valid.dispose(), broken.dispose()]));

describe('gauntlet validate', () => {
  it('exits 0 and prints nothing on valid data', async () => {
    const r = await run(['validate', '--geodata', valid.dir]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
  });

  it('exits 1 and prints one line per problem on a broken copy', async () => {
    const r = await run(['validate', '--geodata', broken.dir]);
    expect(r.code).toBe(1);
    brokenLines = r.stdout.trim().split('\n');
    expect(brokenLines).toHaveLength(2);
    expect(brokenLines[0]).toMatch(/^checkpoints\.geojson: [a-z0-9-]+: properties\.sources\[0\]: unknown source id "nope" \(not in sources\.json\)$/);
    expect(brokenLines[1]).toMatch(/^checkpoints\.geojson: [a-z0-9-]+: properties\.observed\.from: observed\.from 2030 is after observed\.to 2020$/);
    expect(r.stderr).toContain('2 problems');
  });

  it('exits 2 on an unknown flag', async () => {
    const r = await run(['validate', '--geodta', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--geodta'");
  });
});

describe('gauntlet serve', () => {
  it('refuses to start on invalid data and prints the same list', async () => {
    const r = await run(['serve', '--geodata', broken.dir, '--port', '0']);
    expect(r.code).toBe(1);
    expect(brokenLines).toHaveLength(2); // validate's, above
    // the problem lines, in order (a process warning of an earlier test file may share stderr)
    expect(r.stderr.split('\n').filter((l) => /^[\w/-]+\.(geo)?json: /.test(l))).toEqual(brokenLines);
    expect(r.stderr).toContain('refusing to start');
  });

  it('rejects a bad port with exit code 2', async () => {
    const r = await run(['serve'], { PORT: 'eighty' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port');
  });
  // listening on PORT and HOST from the environment: test/server/lifecycle.test.ts, in the compiled server it spawns
});

describe('gauntlet exposure', () => {
  const runWithStdin = (args: string[], stdin: string) => runCli(args, { stdin });
  // Monterrey and Reynosa gazetteer points (GeoNames), straight line
  const toReynosa = { type: 'LineString', coordinates: [[-100.31847, 25.67507], [-98.29789, 26.08061]] };

  it('reads a route from stdin and prints the JSON result', async () => {
    const r = await runWithStdin(['exposure', '-', '--as-of', '2021-03-15', '--expulsion-port', '2402'], JSON.stringify(toReynosa));
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.expulsion).toMatchObject({ port: '2402', lateral: true });
  });

  it('prints CSV for a FeatureCollection, with progress on stderr past 100 routes', async () => {
    const features = Array.from({ length: 120 }, (_, i) => ({ type: 'Feature', id: `r${i}`, properties: {}, geometry: toReynosa }));
    const r = await runWithStdin(['exposure', '-', '--format', 'csv', '--as-of', '2021-03-15'], JSON.stringify({ type: 'FeatureCollection', features }));
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\r\n');
    expect(lines).toHaveLength(121);
    expect(lines[1]).toMatch(/^r0,/);
    expect(r.stderr).toContain('exposure: 120/120 routes');
  });

  it('exits 2 with the problem text on bad input', async () => {
    const r = await runWithStdin(['exposure', '-'], JSON.stringify({ type: 'LineString', coordinates: [[-100, 25], [-100, 95]] }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('-: input.coordinates[1][1]: latitude must be within -90..90');
    const flag = await runWithStdin(['exposure', '-', '--buffer-km=-3'], JSON.stringify(toReynosa));
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--buffer-km: must not be negative');
    const port = await runWithStdin(['exposure', '-', '--expulsion-port', '9999'], JSON.stringify(toReynosa));
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('unknown port "9999"');
  });
});
