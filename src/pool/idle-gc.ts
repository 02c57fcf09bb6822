import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * V8's full collection, got the way leak detectors get it (--expose-gc for one new context, then off again), or
 * undefined when this V8 refuses the flag.
 */
function exposedGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

export interface IdleCollector {
  /** Work goes on: no collection now. */
  busy(): void;
  /** Work stopped: collect after `delayMs` without work, if the heap holds `slackBytes` beyond what was live. */
  idle(): void;
  /** Collect now. */
  now(): void;
}

/**
 * V8 collects a worker thread's old generation only when it fills, and its memory reducer does not run there: a
 * thread that built a batch's results or a map's SVG kept that garbage and its pages until it exited (about 120 MB
 * a thread after a 10,000-route batch, bench/service.ts). This collects once a thread's work is over, never during.
 */
export function idleCollector(delayMs: number, slackBytes: number): IdleCollector {
  const gc = exposedGc();
  const used = () => getHeapStatistics().used_heap_size;
  let live = used();
  let timer: NodeJS.Timeout | undefined;
  const collect = () => {
    if (gc && used() > live + slackBytes) gc();
    live = used();
  };
  return {
    busy: () => clearTimeout(timer),
    idle: () => {
      clearTimeout(timer);
      timer = setTimeout(collect, delayMs);
      timer.unref();
    },
    now: () => {
      gc?.();
      live = used();
    },
  };
}
