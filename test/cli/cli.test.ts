import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyGeodata, type GeodataCopy } from '../support/geodata-copy.js';

const BIN = fileURLToPath(new URL('../../bin/gauntlet.js', import.meta.url));

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('gauntlet validate', () => {
  let copy: GeodataCopy;
  beforeEach(async () => {
    copy = await copyGeodata();
  });
  afterEach(() => copy.dispose());

  it('exits 0 and prints nothing on the shipped data', async () => {
    const r = await run(['validate']);
    expect(r).toMatchObject({ code: 0, stdout: '' });
  });

  it('exits 1 and prints one line per problem on a broken copy', async () => {
    await copy.edit('checkpoints.geojson', (fc) => {
      fc.features[0].properties.sources = ['nope'];
      fc.features[1].properties.validFrom = '2030';
      fc.features[1].properties.validTo = '2020';
    });
    const r = await run(['validate', '--geodata', copy.dir]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^checkpoints\.geojson: [a-z0-9-]+: properties\.sources\[0\]: unknown source id "nope" \(not in sources\.json\)$/);
    expect(lines[1]).toMatch(/^checkpoints\.geojson: [a-z0-9-]+: properties\.validFrom: validFrom 2030 is after validTo 2020$/);
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
    const copy = await copyGeodata();
    await copy.edit('ports.geojson', (fc) => {
      fc.features[0].properties.roles[0].sources = ['nope'];
    });
    const r = await run(['serve', '--geodata', copy.dir, '--port', '0']);
    await copy.dispose();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ports\.geojson: \d{4}: properties\.roles\[0\]\.sources\[0\]: unknown source id "nope" \(not in sources\.json\)$/m);
    expect(r.stderr).toContain('refusing to start');
  });

  it('rejects a bad port with exit code 2', async () => {
    const r = await run(['serve'], { PORT: 'eighty' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port');
  });

  it('listens on PORT and HOST from the environment and answers /health', async () => {
    const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1' } });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
          if (m) resolve(m[1]!);
        });
        child.on('close', (code) => reject(new Error(`exited ${code}`)));
      });
      const res = await fetch(`${url}/health`);
      expect(res.status).toBe(200);
    } finally {
      child.kill();
    }
  });
});
