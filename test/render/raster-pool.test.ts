import { afterAll, describe, expect, it } from 'vitest';
import { RasterPool, RasterTimeoutError } from '../../src/render/raster-pool.js';
import { decode } from './png.js';

// A self-crossing star of 60,000 vertices 8 px across: resvg needs many seconds for it (see src/render/ink.ts).
function tangledSvg(): string {
  let seed = 1;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  let d = 'M';
  for (let i = 0; i < 60_000; i++) d += `${(100 + rand() * 8).toFixed(1)} ${(100 + rand() * 8).toFixed(1)} `;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><path d="${d}Z" fill="#555" stroke="#000" stroke-width="2"/></svg>`;
}
const plain = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="80"><rect width="100" height="80" fill="#c00"/></svg>';

const pool = new RasterPool({ size: 1, timeLimitMs: 1_500 });
afterAll(() => pool.close());

describe('RasterPool', () => {
  it('rasterizes in a child process', async () => {
    const img = decode(await pool.rasterize(plain, { scale: 2 }));
    expect([img.width, img.height]).toEqual([200, 160]);
    expect(img.pixel(10, 10).slice(0, 3)).toEqual([0xcc, 0, 0]);
  });

  it('stops a render past the time limit, kills its process, and goes on serving', async () => {
    const t0 = Date.now();
    await expect(pool.rasterize(tangledSvg(), { scale: 1 })).rejects.toBeInstanceOf(RasterTimeoutError);
    expect(Date.now() - t0).toBeLessThan(3_000);
    // A job queued behind a stuck one would also time out; after the kill a fresh process serves at once.
    const img = decode(await pool.rasterize(plain, { scale: 1 }));
    expect(img.width).toBe(100);
  });
});
