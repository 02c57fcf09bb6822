import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { RasterPool, RasterTimeoutError } from '../../src/render/raster-pool.js';
import { processTree } from '../../bench/process-tree.js';
import { COMPILED_RASTER_WORKER } from '../support/compiled.js';
import { decode } from './png.js';

// A self-crossing star of 60,000 vertices 8 px across: resvg needs many seconds for it (see src/render/ink.ts).
function tangledSvg(): string {
  let seed = 1;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  let d = 'M';
  for (let i = 0; i < 60_000; i++) d += `${(100 + rand() * 8).toFixed(1)} ${(100 + rand() * 8).toFixed(1)} `;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><path d="${d}Z" fill="#555" stroke="#000" stroke-width="2"/></svg>`;
}
const plain = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="80"><rect width="100" height="80" fill="#c00"/></svg>';

// The pool's limit counts from the call, a process's start included (about 1.5 s on a loaded 2-core machine, over
// 3 s at load average 30): the renders that must succeed have that much. The tangled star, whose render takes tens
// of seconds, gets a limit of its own: half a second in the process already started, which it can only exceed.
const pool = new RasterPool({ size: 1, timeLimitMs: 10_000, worker: COMPILED_RASTER_WORKER });
const STUCK_LIMIT_MS = 500;
afterAll(() => pool.close());

/** This process's children now (the raster processes are forked from it). */
const children = () => new Set(processTree(process.pid).slice(1));
/** Running, not a zombie (killed, waiting only to be reaped). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('RasterPool', () => {
  let first: number[] = [];
  it('rasterizes in a child process', async () => {
    const before = children();
    const img = decode(await pool.rasterize(plain, { scale: 2 }));
    expect([img.width, img.height]).toEqual([200, 160]);
    expect(img.pixel(10, 10).slice(0, 3)).toEqual([0xcc, 0, 0]);
    first = [...children()].filter((pid) => !before.has(pid));
    expect(first).toHaveLength(1); // the pool's one process, forked for the render
  });

  it('stops a render past the time limit, kills its process, and goes on serving', async () => {
    // the stuck render runs in the process the first test started, under its own limit (no wall clock here)
    const stuck = pool.rasterize(tangledSvg(), { scale: 1 }, { timeLimitMs: STUCK_LIMIT_MS });
    await expect(stuck).rejects.toBeInstanceOf(RasterTimeoutError);
    await expect(stuck).rejects.toThrow(`the render took longer than ${STUCK_LIMIT_MS} ms`);
    // SIGKILL was sent with the rejection: the process ends (a zombie until node reaps it); one that did not would
    // hold this test until its timeout
    while (first.some(alive)) await new Promise((r) => setTimeout(r, 20));
    expect(first.filter(alive)).toEqual([]);
    // A job queued behind a stuck one would also time out; after the kill a fresh process serves.
    const img = decode(await pool.rasterize(plain, { scale: 1 }));
    expect(img.width).toBe(100);
    expect([...children()].filter((pid) => alive(pid) && !first.includes(pid)).length).toBeGreaterThanOrEqual(1);
  });
});
