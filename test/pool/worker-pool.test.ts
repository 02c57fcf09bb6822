import { afterEach, describe, expect, it } from 'vitest';
import { IDLE_GC_MS } from '../../src/pool/serve-tasks.js';
import { PoolFullError, TaskError, WorkerPool } from '../../src/pool/worker-pool.js';

const ENTRY = new URL('../support/gate-worker.mjs', import.meta.url);
const pools: WorkerPool[] = [];
function pool(size: number, maxQueue: number, idleMs?: number, resourceLimits?: { maxYoungGenerationSizeMb?: number }) {
  const gate = new SharedArrayBuffer(4);
  const p = new WorkerPool({ entry: ENTRY, size, maxQueue, workerData: { gate }, idleMs, resourceLimits });
  pools.push(p);
  const open = () => {
    Atomics.store(new Int32Array(gate), 0, 1);
    Atomics.notify(new Int32Array(gate), 0);
  };
  return { p, open };
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('WorkerPool', () => {
  it('runs tasks in threads and returns their results', async () => {
    const { p } = pool(2, 4);
    await p.ready();
    expect(await p.run('echo', { a: [1, 2] })).toEqual({ a: [1, 2] });
    expect(await p.runAll('echo', [1, 2, 3])).toEqual([1, 2, 3]);
  });

  it('reports a task error with its name, message and fields', async () => {
    const { p } = pool(1, 1);
    const err: any = await p.run('fail', null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaskError);
    expect(err.message).toBe('on purpose');
    expect(err.data.status).toBe(418);
  });

  it('refuses at once when every thread is busy and the queue is full, and admits again once one is free', async () => {
    const { p, open } = pool(1, 1);
    await p.ready();
    const running = p.run('wait', null);
    const queued = p.run('wait', null);
    expect(p.queueDepth).toBe(1);
    await expect(p.run('echo', 1)).rejects.toBeInstanceOf(PoolFullError);
    expect(p.rejected).toBe(1);
    // all or none: two more would overflow, so neither is queued
    await expect(p.runAll('echo', [1, 2])).rejects.toBeInstanceOf(PoolFullError);
    expect(p.queueDepth).toBe(1);
    open();
    await Promise.all([running, queued]);
    expect(await p.run('echo', 5)).toBe(5);
  });

  it('replaces a thread that dies; the task it ran fails, the next ones run', async () => {
    const { p } = pool(1, 2);
    await p.ready();
    await expect(p.run('crash', null)).rejects.toThrow(/exited with code 7/);
    expect(await p.run('echo', 'after')).toBe('after');
  });

  it('a thread idle for idleMs exits; the next tasks start threads again, up to the size', async () => {
    const { p, open } = pool(2, 4, 300);
    await p.ready();
    const first = await p.run<number>('thread', null);
    const until = async (cond: () => boolean) => {
      for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 25));
    };
    await until(() => p.threads === 0);
    expect(p.threads).toBe(0);
    // work comes back: a fresh thread runs it (a new thread id), and two at once get two threads
    expect(p.canAdmit(2 + 4)).toBe(true);
    const again = await p.run<number>('thread', null);
    expect(again).not.toBe(first);
    const held = [p.run('wait', null), p.run('wait', null)];
    await until(() => p.threads === 2);
    expect(p.threads).toBe(2);
    expect(p.busy).toBe(2);
    open();
    await Promise.all(held);
  });

  it('a thread collects the garbage a task left once it is idle, not only when its heap fills', async () => {
    const { p } = pool(1, 2);
    await p.ready();
    type Heap = { used: number; young: number };
    const rest = await p.run<Heap>('heap', null);
    expect(await p.run('garbage', null)).toBe(1_000_000);
    const right = await p.run<Heap>('heap', null); // the next task came at once: no collection in between
    expect(right.used - rest.used).toBeGreaterThan(30e6);
    await new Promise((r) => setTimeout(r, IDLE_GC_MS + 500));
    const later = await p.run<Heap>('heap', null);
    expect(later.used - rest.used).toBeLessThan(10e6);
  });

  it('gives each thread the young generation it is told', async () => {
    const { p } = pool(1, 1, undefined, { maxYoungGenerationSizeMb: 4 });
    await p.ready();
    expect(await p.run('garbage', null)).toBe(1_000_000);
    expect((await p.run<{ young: number }>('heap', null)).young).toBeLessThanOrEqual(4 * 1024 * 1024);
    const { p: q } = pool(1, 1);
    await q.ready();
    expect(await q.run('garbage', null)).toBe(1_000_000);
    expect((await q.run<{ young: number }>('heap', null)).young).toBeGreaterThan(4 * 1024 * 1024); // V8's own grows past it
  });
});
