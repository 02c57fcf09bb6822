// A worker entry for pool tests: its tasks block on a shared gate until the test opens it, so "the pool is busy"
// is a state the test sets, not a race against the clock.
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { threadId } from 'node:worker_threads';
import { serveTasks } from '../../src/pool/serve-tasks.js';

const wait = (gate: SharedArrayBuffer) => {
  Atomics.wait(new Int32Array(gate), 0, 0);
  return { pieces: [] };
};

await serveTasks((data) => data as { gate: SharedArrayBuffer }, {
  echo: (_c, payload) => payload,
  thread: () => threadId,
  wait: (c) => wait(c.gate),
  fail: () => {
    throw Object.assign(new Error('on purpose'), { status: 418 });
  },
  crash: () => process.exit(7),
  // about 60 MB of objects, alive until the task returns, then garbage in the old generation
  garbage: () => {
    const held: { i: number; pair: number[] }[] = [];
    for (let i = 0; i < 1_000_000; i++) held.push({ i, pair: [i, i + 1] });
    return held.length;
  },
  heap: () => ({ used: getHeapStatistics().used_heap_size, young: getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_size }),
  // what the exposure routes send: held until the gate opens, then a small JSON reply
  'exposure.single': (c) => {
    wait(c.gate);
    return { status: 200, type: 'application/json', body: new TextEncoder().encode('{"held":true}') };
  },
});
