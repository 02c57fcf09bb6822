import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RasterizeOptions } from './rasterize.js';

// A few child processes that rasterize for the server, so that a render past its time limit is stopped, not
// abandoned: resvg runs to completion once started (a thread cannot be stopped), but a process can be killed.
// The ink budget (ink.ts) keeps accepted requests near a second; this is the guarantee behind it.

export class RasterTimeoutError extends Error {}

interface Job {
  id: number;
  svg: string;
  options: RasterizeOptions;
  resolve: (png: Buffer) => void;
  reject: (err: Error) => void;
  timeLimitMs: number;
  timer: NodeJS.Timeout;
  worker?: Worker;
}

interface Worker {
  child: ChildProcess;
  job: Job | null;
  idleTimer?: NodeJS.Timeout;
}

/**
 * A process idle this long exits: each holds resvg, fonts and a heap (200-300 MB measured), which a server that
 * renders now and then should not keep; the next render starts one again (about a quarter second).
 */
export const RASTER_IDLE_MS = 30_000;

// The worker is compiled beside this module; a TypeScript one (tests, development) runs through tsx's loader,
// resolved from here, whatever the cwd.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER = fileURLToPath(new URL(FROM_SOURCE ? './raster-worker.ts' : './raster-worker.js', import.meta.url));
const execArgv = (worker: string) => (worker.endsWith('.ts') ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : []);

export interface RasterPoolOptions {
  size?: number; // processes; default 2 (the development machine has 2 cores)
  timeLimitMs: number; // from the call, queueing included; past it the job fails and its process is killed
  // the processes' module; default raster-worker beside this one. The tests run src/ with dist/'s compiled one
  // (built from the same src/), which starts without tsx's loader
  worker?: string;
}

export class RasterPool {
  private readonly workers: Worker[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private readonly size: number;

  constructor(private readonly options: RasterPoolOptions) {
    this.size = Math.max(1, options.size ?? 2);
  }

  /** `timeLimitMs` of this job alone, instead of the pool's (a caller that knows its render must be short). */
  rasterize(svg: string, options: RasterizeOptions, { timeLimitMs = this.options.timeLimitMs }: { timeLimitMs?: number } = {}): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const job: Job = { id: this.nextId++, svg, options, resolve, reject, timeLimitMs, timer: undefined as unknown as NodeJS.Timeout };
      job.timer = setTimeout(() => this.expire(job), timeLimitMs);
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Kills every process; queued and running jobs fail. */
  close(): void {
    for (const job of this.queue.splice(0)) this.fail(job, new Error('rasterizer closed'));
    for (const w of this.workers.splice(0)) {
      if (w.job) this.fail(w.job, new Error('rasterizer closed'));
      w.child.kill('SIGKILL');
    }
  }

  private expire(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    else if (job.worker) this.retire(job.worker); // still rasterizing: stop it for good
    this.fail(job, new RasterTimeoutError(`the render took longer than ${job.timeLimitMs} ms`));
    this.dispatch();
  }

  private fail(job: Job, err: Error): void {
    clearTimeout(job.timer);
    job.reject(err);
  }

  private retire(w: Worker): void {
    const i = this.workers.indexOf(w);
    if (i >= 0) this.workers.splice(i, 1);
    w.child.removeAllListeners();
    w.child.kill('SIGKILL');
  }

  private spawn(): Worker {
    const worker = this.options.worker ?? WORKER;
    const child = fork(worker, [], { execArgv: execArgv(worker), serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const w: Worker = { child, job: null };
    child.on('message', (m: { id: number; png?: Uint8Array; error?: string }) => {
      const job = w.job;
      if (!job || job.id !== m.id) return;
      w.job = null;
      this.idle(w);
      clearTimeout(job.timer);
      if (m.png) job.resolve(Buffer.from(m.png.buffer, m.png.byteOffset, m.png.byteLength));
      else job.reject(new Error(`rasterizer: ${m.error}`));
      this.dispatch();
    });
    child.on('exit', () => {
      const i = this.workers.indexOf(w);
      if (i >= 0) this.workers.splice(i, 1);
      if (w.job) this.fail(w.job, new Error('rasterizer process exited'));
      this.dispatch();
    });
    this.workers.push(w);
    return w;
  }

  /** An idle process must not keep the server's process alive. */
  private idle(w: Worker): void {
    w.child.unref();
    (w.child.channel as { unref?: () => void } | undefined)?.unref?.();
    clearTimeout(w.idleTimer);
    w.idleTimer = setTimeout(() => {
      if (!w.job) this.retire(w);
    }, RASTER_IDLE_MS);
    w.idleTimer.unref();
  }

  private busy(w: Worker): void {
    clearTimeout(w.idleTimer);
    w.child.ref();
    (w.child.channel as { ref?: () => void } | undefined)?.ref?.();
  }

  private dispatch(): void {
    while (this.queue.length) {
      const w = this.workers.find((x) => !x.job) ?? (this.workers.length < this.size ? this.spawn() : undefined);
      if (!w) return;
      const job = this.queue.shift()!;
      w.job = job;
      job.worker = w;
      this.busy(w);
      w.child.send({ id: job.id, svg: job.svg, options: job.options });
    }
  }
}
