// Values that follow the zoom, declared once in the cartography table (look.ts) and evaluated the same way by
// every map: the MapLibre style turns them into ["interpolate", ["linear"], ["zoom"], …] (tiles/style.ts), the
// static renderer evaluates them here. Both are linear between stops and constant outside them.

/** [zoom, value] pairs in increasing zoom. */
export type ZoomStops = readonly (readonly [number, number])[];

/** A constant, or a value interpolated linearly over the zoom. */
export type ZoomValue = number | { readonly stops: ZoomStops };

/** byZoom([3, 1], [10, 3]): 1 up to zoom 3, 3 from zoom 10, linear between. */
export function byZoom(...stops: [number, number][]): { readonly stops: ZoomStops } {
  for (let i = 1; i < stops.length; i++) {
    if (!(stops[i]![0] > stops[i - 1]![0])) throw new Error(`zoom stops must increase: ${JSON.stringify(stops)}`);
  }
  return { stops };
}

/** The value at a zoom, as MapLibre's linear interpolation gives it. */
export function atZoom(value: ZoomValue, zoom: number): number {
  if (typeof value === 'number') return value;
  const s = value.stops;
  if (zoom <= s[0]![0]) return s[0]![1];
  for (let i = 1; i < s.length; i++) {
    const [z1, v1] = s[i]!;
    if (zoom <= z1) {
      const [z0, v0] = s[i - 1]!;
      return v0 + ((v1 - v0) * (zoom - z0)) / (z1 - z0);
    }
  }
  return s[s.length - 1]![1];
}

/** The same value times a factor (a casing wider than its line, an opacity halved for low confidence). */
export function scaled(value: ZoomValue, factor: number, offset = 0): ZoomValue {
  return typeof value === 'number' ? value * factor + offset : { stops: value.stops.map(([z, v]) => [z, v * factor + offset] as const) };
}
