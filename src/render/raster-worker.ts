import { rasterize, type RasterizeOptions } from './rasterize.js';

// A child process that rasterizes SVG for the server's RasterPool (raster-pool.ts). It exists so a render can be
// stopped: resvg cannot be interrupted inside a process, but a process can be killed.

interface Job {
  id: number;
  svg: string;
  options: RasterizeOptions;
}

process.on('message', (job: Job) => {
  rasterize(job.svg, job.options).then(
    (png) => process.send?.({ id: job.id, png }),
    (err: unknown) => process.send?.({ id: job.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
// The parent is gone: nothing left to do.
process.on('disconnect', () => process.exit(0));
