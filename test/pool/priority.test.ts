import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadLayerSet } from '../../src/layers/load.js';
import { WORKER_NICE } from '../../src/pool/priority.js';
import { heavyPool } from '../../src/server/heavy-tasks.js';

/** The nice value of each thread of this process, from /proc (field 19 of its stat line; Linux, as CI). */
function niceByThread(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      out.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {} // the thread ended meanwhile
  }
  return out;
}

describe('heavy worker threads run at a lower priority than the event loop', () => {
  it(`each of the server's worker threads is at nice ${WORKER_NICE}; the main thread keeps its own`, async () => {
    const before = niceByThread();
    const mainNice = before.get(process.pid)!;
    const pool = heavyPool(await loadLayerSet(), { workers: 2 });
    try {
      await pool.ready();
      const added = [...niceByThread()].filter(([tid]) => !before.has(tid));
      expect(added.filter(([, nice]) => nice === WORKER_NICE).length).toBe(2);
      expect(niceByThread().get(process.pid)).toBe(mainNice);
    } finally {
      await pool.close();
    }
  });
});
