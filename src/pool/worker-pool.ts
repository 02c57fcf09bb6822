import { availableParallelism } from 'node:os';
import { Worker, type Transferable } from 'node:worker_threads';
import { tsBootScript } from './boot.js';
import type { TaskReply, TaskRequest } from './protocol.js';

/** The pool is full: the caller should answer 503 with Retry-After. */
export class PoolFullError extends Error {
  constructor(readonly retryAfterS: number) {
    super('the server is busy with other heavy requests; retry shortly');
  }
}

/** A task failed in its worker with an error the worker chose to report (name, message and its own fields). */
export class TaskError extends Error {
  constructor(
    readonly remoteName: string,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface WorkerPoolOptions {
  entry: URL; // module that calls serveTasks() (a .ts file in development, .js when compiled)
  size?: number; // threads; default: one per core, at least 1
  maxQueue?: number; // tasks waiting for a thread beyond which run() refuses; default 4 per thread
  workerData?: unknown; // given to every worker's init
  resourceLimits?: { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number };
  /**
   * A thread idle this long exits, and its memory (its own LayerSet, indexes and heap) with it; the next task
   * starts one again. Default: threads live as long as the pool.
   */
  idleMs?: number;
}

interface Job {
  task: string;
  payload: unknown;
  transfer: Transferable[];
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  ready: Promise<void>;
  idle?: NodeJS.Timeout;
}

/** Default thread count: one per core the process may use. */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism());
}

/**
 * A fixed set of worker threads, each holding what its tasks need (loaded once by the worker's init), and a
 * bounded queue in front of them: when the queue is full, run() rejects at once with PoolFullError instead of
 * letting work pile up. Generic: tasks are named and their handlers live in the worker's entry module.
 */
export class WorkerPool {
  readonly size: number;
  readonly maxQueue: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private closed = false;
  /** Counters for /metrics. */
  rejected = 0;
  completed = 0;
  failed = 0;

  constructor(private readonly options: WorkerPoolOptions) {
    this.size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
    this.maxQueue = Math.max(0, Math.floor(options.maxQueue ?? 4 * this.size));
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
  }

  /** Resolves once every worker has run its init (loaded its data). */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.ready));
  }

  get queueDepth(): number {
    return this.queue.length;
  }

  get busy(): number {
    return this.slots.filter((s) => s.job).length;
  }

  /** Threads running now (fewer than `size` once idle ones have exited). */
  get threads(): number {
    return this.slots.length;
  }

  /** Whether `n` more tasks would be admitted now. */
  canAdmit(n = 1): boolean {
    const idle = this.slots.filter((s) => !s.job).length + (this.size - this.slots.length);
    return !this.closed && this.queue.length + Math.max(0, n - idle) <= this.maxQueue;
  }

  run<T>(task: string, payload: unknown, transfer: Transferable[] = []): Promise<T> {
    return this.runAll<T>(task, [payload], transfer).then((r) => r[0]!);
  }

  /** Runs one task per payload, all admitted or none (a sharded request is never half-queued). */
  runAll<T>(task: string, payloads: unknown[], transfer: Transferable[] = []): Promise<T[]> {
    if (!this.canAdmit(payloads.length)) {
      this.rejected++;
      return Promise.reject(new PoolFullError(1));
    }
    return Promise.all(
      payloads.map(
        (payload) =>
          new Promise<T>((resolve, reject) => {
            this.queue.push({ task, payload, transfer, resolve: resolve as (v: unknown) => void, reject });
            this.dispatch();
          }),
      ),
    );
  }

  /** Refuses new tasks, lets running and queued ones finish (bounded by the caller), then stops the threads. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('worker pool closed'));
    for (const s of this.slots) clearTimeout(s.idle);
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const entry = this.options.entry;
    const options = { workerData: this.options.workerData, resourceLimits: this.options.resourceLimits };
    // a TypeScript entry (tests, development) runs through tsx's loader; the compiled build needs none
    const worker = entry.pathname.endsWith('.ts') ? new Worker(tsBootScript(entry), { ...options, eval: true }) : new Worker(entry, options);
    worker.unref(); // a pool never keeps the process alive by itself
    const slot: Slot = { worker, job: null, ready: undefined as unknown as Promise<void> };
    slot.ready = new Promise<void>((resolve, reject) => {
      const onFirst = (m: TaskReply) => {
        if (m.kind === 'ready') resolve();
        else if (m.kind === 'init-failed') reject(new Error(`worker init failed: ${m.message}`));
      };
      worker.once('message', onFirst);
      worker.once('error', reject);
    });
    slot.ready.catch(() => {}); // reported through ready() and the job that meets it
    slot.ready.then(() => this.rest(slot), () => {});
    worker.on('message', (m: TaskReply) => {
      if (m.kind !== 'result' && m.kind !== 'error') return;
      const job = slot.job;
      slot.job = null;
      if (job) {
        if (m.kind === 'result') {
          this.completed++;
          job.resolve(m.value);
        } else {
          this.failed++;
          job.reject(new TaskError(m.name, m.message, m.data));
        }
      }
      this.dispatch();
      this.rest(slot);
    });
    worker.on('error', (err) => this.lose(slot, err));
    worker.on('exit', (code) => {
      if (!this.closed) this.lose(slot, new Error(`worker exited with code ${code}`));
    });
    return slot;
  }

  /** A thread died (crash, out of memory): its job fails, a fresh thread takes its place. */
  private lose(slot: Slot, err: Error): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.failed++;
    slot.job?.reject(err);
    slot.job = null;
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    if (this.closed) return;
    this.slots[i] = this.spawn();
    this.dispatch();
  }

  /** An idle thread exits after idleMs without a task. */
  private rest(slot: Slot): void {
    if (!this.options.idleMs || slot.job || this.closed) return;
    clearTimeout(slot.idle);
    slot.idle = setTimeout(() => {
      const i = this.slots.indexOf(slot);
      if (slot.job || i < 0 || this.closed) return;
      this.slots.splice(i, 1);
      slot.worker.removeAllListeners();
      void slot.worker.terminate();
    }, this.options.idleMs);
    slot.idle.unref();
  }

  private dispatch(): void {
    // threads that exited while idle come back when there is work for them
    while (!this.closed && this.slots.length < this.size && this.queue.length > this.slots.filter((s) => !s.job).length) this.slots.push(this.spawn());
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      clearTimeout(slot.idle);
      slot.job = job;
      const msg: TaskRequest = { kind: 'task', task: job.task, payload: job.payload };
      slot.worker.postMessage(msg, job.transfer);
    }
  }
}
