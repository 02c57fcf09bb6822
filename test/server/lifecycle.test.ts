// The compiled server as an operator runs it: it takes PORT and HOST from the environment, SIGTERM drains in-flight
// work and exits 0, a taken port is one line and exit 3, `npm start` leaves no process behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { randomRoutes } from '../../bench/routes.js';
import { processTree as tree } from '../../bench/process-tree.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/gauntlet.js', import.meta.url));

function started(child: ChildProcess): Promise<string> {
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) ok(m[1]!);
    });
    child.once('exit', (code) => fail(new Error(`exited ${code} before listening: ${out}`)));
  });
}
const exited = (child: ChildProcess) => new Promise<number | null>((ok) => (child.exitCode !== null ? ok(child.exitCode) : child.once('exit', (code) => ok(code))));

function postBatch(url: string, body: string, onSent: () => void): Promise<{ status: number; json: any }> {
  return new Promise((ok, fail) => {
    const req = request(`${url}/exposure/batch`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode!, json: JSON.parse(Buffer.concat(chunks).toString()) }));
    });
    req.on('error', fail);
    req.end(body, onSent);
  });
}

const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat); // a zombie is gone but for its exit status
  } catch {
    return false;
  }
};

describe('lifecycle of the compiled server', () => {
  // One server process for the first two cases, each a start of all the geodata: the settings from the environment
  // (test/cli/cli.test.ts runs the other commands in-process), then SIGTERM during a batch, which ends it.
  let child: ChildProcess | undefined;
  let url = '';
  afterAll(() => void child?.kill()); // gone already unless a case failed first

  it('listens on PORT and HOST from the environment and answers /health', async () => {
    child = spawn(process.execPath, [BIN, 'serve'], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    url = await started(child);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  it('SIGTERM during a batch: the batch finishes with 200, then the process exits 0 by itself', async () => {
    if (!child) throw new Error('the server of the case above did not start');
    const server = child;
    let out = '';
    server.stdout!.on('data', (c: Buffer) => (out += c));
    // 500 routes, about 3 MB: over the size at which a batch is split across the worker threads
    const features = randomRoutes(500, 3).map((g, i) => ({ type: 'Feature', id: `r${i}`, properties: {}, geometry: g }));
    const body = JSON.stringify({ type: 'FeatureCollection', features });
    expect(body.length).toBeGreaterThan(256 * 1024);
    const batch = postBatch(url, body, () => server.kill('SIGTERM'));
    const res = await batch;
    // the signal reached the server while the batch was in flight: it had said so before the answer came
    const drainingBeforeAnswer = out.includes('SIGTERM: draining');
    expect(res.status).toBe(200);
    expect(res.json.count).toBe(500);
    expect(drainingBeforeAnswer).toBe(true);
    expect(await exited(server)).toBe(0);
    expect(out).toMatch(/gauntlet: stopped\n/);
  });

  it('a port in use is one line on stderr and exit code 3', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const { port } = blocker.address() as AddressInfo;
    try {
      const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr!.on('data', (c) => (err += c));
      expect(await exited(child)).toBe(3);
      expect(err.trim().split('\n')).toEqual([`gauntlet serve: 127.0.0.1:${port} is already in use`]);
    } finally {
      blocker.close();
    }
  });

  it('SIGTERM to `npm start` stops every process it started and frees the port', async () => {
    // --ignore-scripts skips prestart (`npm run build`): the suite's global setup has just built dist/, and a second
    // build would swap dist/ under the other tests; the start script and its process tree are as an operator's
    const npm = spawn('npm', ['start', '--silent', '--ignore-scripts', '--', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await started(npm);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    await fetch(`${url}/static/auto/64x64.png?as_of=2023-05-01`); // starts a raster process too
    const pids = tree(npm.pid!);
    expect(pids.length).toBeGreaterThan(1);
    npm.kill('SIGTERM');
    await exited(npm);
    // npm exits once its child has: the server's raster processes end as their IPC channel closes. A process left
    // behind holds this test until its timeout (no wall-clock bound of its own)
    while (pids.some(alive)) await new Promise((r) => setTimeout(r, 50));
    expect(pids.filter(alive)).toEqual([]);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});
