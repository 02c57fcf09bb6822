import { parentPort, workerData } from 'node:worker_threads';
import { idleCollector } from './idle-gc.js';
import type { TaskReply, TaskRequest } from './protocol.js';

/** The buffers of the byte arrays a result carries at its top level: moved to the caller, not copied. */
function transferables(value: unknown): ArrayBuffer[] {
  if (!value || typeof value !== 'object') return [];
  const out = new Set<ArrayBuffer>();
  for (const v of Object.values(value)) {
    if (v instanceof Uint8Array && v.buffer instanceof ArrayBuffer && v.byteLength === v.buffer.byteLength) out.add(v.buffer);
  }
  return [...out];
}

export type TaskHandlers<C> = Record<string, (context: C, payload: any) => unknown>;

/** A thread idle this long after its last task collects its garbage, if it holds IDLE_GC_SLACK_BYTES of it. */
export const IDLE_GC_MS = 250;
export const IDLE_GC_SLACK_BYTES = 16 * 1024 * 1024;

/**
 * The worker side of a WorkerPool: builds its context once from workerData, then answers tasks one at a time.
 * An error's own enumerable fields (e.g. an HTTP status) travel back with its name and message.
 */
export async function serveTasks<C>(init: (data: unknown) => C | Promise<C>, handlers: TaskHandlers<C>): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serveTasks() runs in a worker thread');
  const collector = idleCollector(IDLE_GC_MS, IDLE_GC_SLACK_BYTES);
  let context: C;
  try {
    context = await init(workerData);
  } catch (err) {
    port.postMessage({ kind: 'init-failed', message: String((err as Error)?.stack ?? err) } satisfies TaskReply);
    return;
  }
  collector.now(); // what building the context left behind (the snapshot's text, the parse)
  let running = 0;
  port.on('message', async (m: TaskRequest) => {
    if (m.kind !== 'task') return;
    running++;
    collector.busy();
    try {
      const handler = handlers[m.task];
      if (!handler) throw new Error(`unknown task "${m.task}"`);
      const value = await handler(context, m.payload);
      port.postMessage({ kind: 'result', value } satisfies TaskReply, transferables(value));
    } catch (err) {
      const e = err as Error;
      const data = Object.fromEntries(Object.entries(e ?? {}).filter(([, v]) => typeof v !== 'function'));
      port.postMessage({ kind: 'error', name: e?.constructor?.name ?? 'Error', message: String(e?.message ?? e), data } satisfies TaskReply);
    } finally {
      if (--running === 0) collector.idle();
    }
  });
  port.postMessage({ kind: 'ready' } satisfies TaskReply);
}
