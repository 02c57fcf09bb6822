// A worker entry for pool tests: its tasks block on a shared gate until the test opens it, so "the pool is busy"
// is a state the test sets, not a race against the clock. Plain JavaScript over the compiled serve-tasks (the
// global setup builds dist/ from src/ first): a .ts entry starts tsx's loader, and the loader's own hooks thread,
// in every thread of the pool, most of what a thread costs.
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { threadId } from 'node:worker_threads';
import { serveTasks } from '../../dist/pool/serve-tasks.js';

/** @param {SharedArrayBuffer} gate */
const wait = (gate) => {
  Atomics.wait(new Int32Array(gate), 0, 0);
  return { pieces: [] };
};

await serveTasks((data) => data, {
  echo: (_c, payload) => payload,
  thread: () => threadId,
  wait: (c) => wait(c.gate),
  fail: () => {
    throw Object.assign(new Error('on purpose'), { status: 418 });
  },
  crash: () => process.exit(7),
  // about 60 MB of objects, alive until the task returns, then garbage in the old generation
  garbage: () => {
    const held = [];
    for (let i = 0; i < 1_000_000; i++) held.push({ i, pair: [i, i + 1] });
    return held.length;
  },
  heap: () => ({ used: getHeapStatistics().used_heap_size, young: getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size }),
  // what the exposure routes send: held until the gate opens, then a small JSON reply
  'exposure.single': (c) => {
    wait(c.gate);
    return { status: 200, type: 'application/json', body: new TextEncoder().encode('{"held":true}') };
  },
});
