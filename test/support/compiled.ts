import { fileURLToPath } from 'node:url';

// The compiled build's worker entries (dist/, compiled from this src/ by the global setup): test servers run from
// src/ start their threads and raster processes on these, where the .ts entries would start tsx's loader (and, in
// a thread, its hooks thread) in each.
export const COMPILED_HEAVY_WORKER = new URL('../../dist/server/heavy-worker.js', import.meta.url);
export const COMPILED_RASTER_WORKER = fileURLToPath(new URL('../../dist/render/raster-worker.js', import.meta.url));
