import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The nice value heavy worker threads run at: the event loop's thread (nice 0) wins the CPU over them. */
export const WORKER_NICE = 10;

/** This thread's kernel id (Linux), or undefined elsewhere. */
export function threadId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Lowers the calling thread's scheduling priority. On Linux a thread has its own nice value, so a worker thread
 * can yield to the event loop of its own process: on a busy machine /health and cached tiles no longer wait behind
 * a batch for a core. Raising nice needs no privilege; where threads have no id of their own this does nothing.
 */
export function lowerThreadPriority(nice = WORKER_NICE): boolean {
  const tid = threadId();
  if (tid === undefined) return false;
  try {
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
