import { describe, expect, it } from 'vitest';
import { CameraError, fitBounds, parseCamera, Viewport } from '../../src/render/camera.js';
import { clipLine, clipRing } from '../../src/render/clip.js';
import { simplify, simplifyDouglasPeucker } from '../../src/render/simplify.js';
import { expectedPixel } from './png.js';

describe('parseCamera', () => {
  it('reads auto, a box and a centre with zoom', () => {
    expect(parseCamera('auto')).toEqual({ kind: 'auto' });
    expect(parseCamera('-101.5,25,-99.5,29')).toEqual({ kind: 'bbox', bbox: [-101.5, 25, -99.5, 29] });
    expect(parseCamera('-100.3,25.7,6.5')).toEqual({ kind: 'center', lon: -100.3, lat: 25.7, zoom: 6.5 });
  });

  it.each([
    ['monterrey', /must be "auto"/],
    ['1,2', /must be "auto"/],
    ['1,2,3,4,5', /must be "auto"/],
    ['-100,,6', /must be "auto"/],
    ['-99,25,-101,29', /min must be less than max/],
    ['-100,25,-100,29', /min must be less than max/],
    ['-200,25,-99,29', /longitudes must be within/],
    ['-100,89,3', /latitude must be within/],
    ['-100,25,19', /zoom must be within 0..18/],
    ['-100,25,-1', /zoom must be within/],
  ])('rejects %s', (text, message) => {
    expect(() => parseCamera(text)).toThrow(CameraError);
    expect(() => parseCamera(text)).toThrow(message);
  });
});

describe('Viewport', () => {
  it('projects like the Web Mercator formula with 512-px tiles', () => {
    const v = Viewport.centredOn(-100, 25, 5, 800, 600);
    for (const [lon, lat] of [[-100, 25], [-106.5, 31.7], [-92, 15]] as const) {
      const [ex, ey] = expectedPixel(lon, lat, -100, 25, 5, 800, 600);
      expect(v.x(lon)).toBeCloseTo(ex, 6);
      expect(v.y(lat)).toBeCloseTo(ey, 6);
    }
    const [lon, lat] = v.unproject(123, 456);
    expect(v.x(lon)).toBeCloseTo(123, 6);
    expect(v.y(lat)).toBeCloseTo(456, 6);
  });

  it('fitBounds shows the whole box inside the padding, touching it on the tighter axis', () => {
    const box = [-104, 22, -97, 30] as const;
    const v = fitBounds([...box], 800, 600, { top: 20, right: 20, bottom: 40, left: 20 }, 18);
    const [x0, y0, x1, y1] = [v.x(box[0]), v.y(box[3]), v.x(box[2]), v.y(box[1])];
    expect(x0).toBeGreaterThanOrEqual(20 - 1e-6);
    expect(x1).toBeLessThanOrEqual(780 + 1e-6);
    expect(y0).toBeCloseTo(20, 6); // the box is taller than wide: it fills the height
    expect(y1).toBeCloseTo(560, 6);
    expect((x0 + x1) / 2).toBeCloseTo(400, 6);
  });

  it('a fit of a single point stops at the fit zoom limit', () => {
    const v = fitBounds([-100, 25, -100, 25], 400, 300, { top: 0, right: 0, bottom: 0, left: 0 });
    expect(v.zoom).toBe(11);
    expect(v.x(-100)).toBeCloseTo(200, 6);
  });
});

describe('simplification', () => {
  it('drops vertices closer than the tolerance (radial pass) and on a straight run, keeping both ends', () => {
    expect(simplify([0, 0, 0.2, 0, 0.4, 0, 1, 0, 1.1, 0, 2, 0], 0.5)).toEqual([0, 0, 2, 0]);
    // Radial: (0.2,0.3) and (0.4,0) lie within 0.5 of (0,0). Douglas-Peucker: (1,0.8) is 0.8 off the chord to (2,0);
    // (1.1,0) is 0.72 / 1.28 = 0.5625 off the chord (1,0.8)-(2,0), just over the tolerance.
    expect(simplify([0, 0, 0.2, 0.3, 0.4, 0, 1, 0.8, 1.1, 0, 2, 0], 0.5)).toEqual([0, 0, 1, 0.8, 1.1, 0, 2, 0]);
  });

  it('keeps the ends of every window, so a long zigzag is simplified window by window', () => {
    // 200,000 vertices alternating 10 px up and down: every vertex is a corner and must be kept.
    const zigzag = Array.from({ length: 200_000 }, (_, i) => [i * 20, i % 2 ? 10 : 0]).flat();
    const out = simplify(zigzag, 1);
    expect(out.length).toBe(zigzag.length);
    expect(out.slice(-2)).toEqual(zigzag.slice(-2));
  });

  it('Douglas-Peucker keeps corners and drops points on a straight run', () => {
    const line = [0, 0, 1, 0.1, 2, 0, 3, 0.1, 4, 0, 4, 4];
    expect(simplifyDouglasPeucker(line, 0.5)).toEqual([0, 0, 4, 0, 4, 4]);
    expect(simplifyDouglasPeucker(line, 0.05)).toEqual(line);
  });

  it('a zero tolerance keeps every vertex', () => {
    const line = [0, 0, 0.1, 0, 0.2, 0];
    expect(simplify(line, 0)).toEqual(line);
  });
});

describe('clipping', () => {
  const rect = { minX: 0, minY: 0, maxX: 10, maxY: 10 };

  it('clips a ring to the rectangle', () => {
    const ring = clipRing([-5, -5, 5, -5, 5, 5, -5, 5], rect);
    const pts = [];
    for (let i = 0; i < ring.length; i += 2) pts.push(`${ring[i]},${ring[i + 1]}`);
    expect(new Set(pts)).toEqual(new Set(['0,0', '5,0', '5,5', '0,5']));
  });

  it('a ring around the whole rectangle becomes the rectangle; one outside vanishes', () => {
    expect(clipRing([-5, -5, 20, -5, 20, 20, -5, 20], rect).length).toBe(8);
    expect(clipRing([20, 20, 30, 20, 30, 30], rect)).toEqual([]);
  });

  it('splits a line into the pieces inside', () => {
    const parts = clipLine([-5, 5, 5, 5, 15, 5, 15, 8, 5, 8], rect);
    expect(parts).toEqual([[0, 5, 5, 5, 10, 5], [10, 8, 5, 8]]);
  });
});
