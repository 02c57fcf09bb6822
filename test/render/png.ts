import { PNG } from 'pngjs';

/** A decoded PNG with pixel look-ups, for the render tests. */
export interface Image {
  width: number;
  height: number;
  data: Buffer; // RGBA
  pixel(x: number, y: number): [number, number, number, number];
}

export function decode(png: Buffer): Image {
  const img = PNG.sync.read(png);
  return {
    width: img.width,
    height: img.height,
    data: img.data,
    pixel(x, y) {
      const i = (Math.floor(y) * img.width + Math.floor(x)) * 4;
      return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!, img.data[i + 3]!];
    },
  };
}

export const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

/** Largest channel difference between two colours. */
export const colourDistance = (a: readonly number[], b: readonly number[]) => Math.max(...[0, 1, 2].map((i) => Math.abs(a[i]! - b[i]!)));

/** Pixels in a rectangle darker than `maxLuminance` (text and lines on the light map). */
export function darkPixels(img: Image, x0: number, y0: number, x1: number, y1: number, maxLuminance = 120): number {
  let n = 0;
  for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(img.width, x1); x++) {
      const [r, g, b] = img.pixel(x, y);
      if (0.2126 * r + 0.7152 * g + 0.0722 * b < maxLuminance) n++;
    }
  }
  return n;
}

/** Pixels whose colours differ by more than `tolerance` in some channel. */
export function differingPixels(a: Image, b: Image, tolerance = 0): number {
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (Math.abs(a.data[i]! - b.data[i]!) > tolerance || Math.abs(a.data[i + 1]! - b.data[i + 1]!) > tolerance || Math.abs(a.data[i + 2]! - b.data[i + 2]!) > tolerance) n++;
  }
  return n;
}

/**
 * Web Mercator pixel of (lon, lat) in an image centred on (cLon, cLat) at `zoom` with 512-px tiles, written
 * out here on purpose rather than imported: the test checks the renderer's projection against the formula.
 */
export function expectedPixel(lon: number, lat: number, cLon: number, cLat: number, zoom: number, width: number, height: number, scale = 1): [number, number] {
  const world = 512 * 2 ** zoom;
  const mx = (l: number) => ((l + 180) / 360) * world;
  const my = (p: number) => {
    const s = Math.sin((p * Math.PI) / 180);
    return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * world;
  };
  return [(width / 2 + mx(lon) - mx(cLon)) * scale, (height / 2 + my(lat) - my(cLat)) * scale];
}
