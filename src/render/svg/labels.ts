import { LABEL_HALO, LOOK } from '../../cartography/look.js';
import { atZoom } from '../../cartography/zoom.js';
import type { LayerSet } from '../../layers/layer-set.js';
import type { LayerFeature } from '../../layers/features.js';
import { textWidth } from '../fonts.js';
import { el, haloText } from './markup.js';
import type { Scene } from './scene.js';

// Place and country names, placed greedily without overlap: the most important first, each tried right, left,
// above and below its dot, never over the legend, title, scale bar, attribution or numbered checkpoints.

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

type Taken = 'furniture' | 'symbol' | 'label';

/** Occupied rectangles of the image: what is taken cannot take a label. */
export class LabelPlacer {
  private readonly taken: { box: Box; kind: Taken }[] = [];

  constructor(
    readonly width: number,
    readonly height: number,
  ) {}

  reserve(box: Box, kind: Taken = 'furniture'): void {
    this.taken.push({ box, kind });
  }

  /** True when the box lies inside the image and clear of everything taken but `ignore` (with `gap` px around it). */
  fits(box: Box, gap = 2, ignore?: Taken): boolean {
    if (box.x0 < 2 || box.y0 < 2 || box.x1 > this.width - 2 || box.y1 > this.height - 2) return false;
    const grown = { x0: box.x0 - gap, y0: box.y0 - gap, x1: box.x1 + gap, y1: box.y1 + gap };
    return !this.taken.some((t) => t.kind !== ignore && overlaps(grown, t.box));
  }

  tryTake(box: Box, gap = 2): boolean {
    if (!this.fits(box, gap)) return false;
    this.taken.push({ box, kind: 'label' });
    return true;
  }
}

const importanceCache = new WeakMap<LayerSet, Map<string, number>>();

/**
 * How much the layers lean on each place: route waypoints, checkpoints near it, the Mexican side of a port and
 * flight ends. Places carry no population, so this ranks which names a small map keeps.
 */
export function placeImportance(layers: LayerSet): Map<string, number> {
  let score = importanceCache.get(layers);
  if (score) return score;
  score = new Map<string, number>();
  const add = (id: unknown, n: number) => typeof id === 'string' && score!.set(id, (score!.get(id) ?? 0) + n);
  for (const r of layers.layer('routes').features) {
    const wps = r.properties.waypoints ?? [];
    wps.forEach((w, i) => add(w, i === 0 || i === wps.length - 1 ? 2 : 1));
  }
  for (const c of layers.layer('checkpoints').features) add(c.properties.nearPlace, 1);
  for (const p of layers.layer('ports').features) add(p.properties.mxPlace, 2);
  for (const f of layers.layer('expulsion-flights').features) {
    add(f.properties.from, 1);
    add(f.properties.to, 1);
  }
  importanceCache.set(layers, score);
  return score;
}

export interface PlaceLabelOptions {
  importance: ReadonlyMap<string, number>;
  mustShow: ReadonlyMap<string, number>; // place id -> extra weight (a drawn route's waypoints)
  maxLabels: number;
}

/** Dots and names of the most important places that fit. */
export function placeLabels(scene: Scene, places: readonly LayerFeature<'places'>[], placer: LabelPlacer, o: PlaceLabelOptions): string {
  const z = scene.viewport.zoom;
  const P = LOOK.places;
  if (z < P.minzoom) return '';
  const size = atZoom(P.label.size, z);
  const r = atZoom(P.radius, z);
  const rank = (f: LayerFeature<'places'>) => (o.mustShow.get(f.id) ?? 0) * 100 + (o.importance.get(f.id) ?? 0) + (f.properties.country === 'MX' ? 0.5 : 0);
  const candidates = places
    .map((f) => ({ f, p: scene.screen.point(f.geometry.coordinates), rank: rank(f) }))
    .filter((c): c is { f: LayerFeature<'places'>; p: [number, number]; rank: number } => c.p !== null)
    .sort((a, b) => b.rank - a.rank || a.f.properties.name.localeCompare(b.f.properties.name));

  let dots = '';
  let texts = '';
  let shown = 0;
  for (const { f, p } of candidates) {
    if (shown >= o.maxLabels && !o.mustShow.has(f.id)) break;
    const name = f.properties.name;
    const w = textWidth(name, size);
    const h = size * 1.05;
    const [x, y] = p;
    const gap = r + 3;
    // right, left, above, below; `tx, ty` is where the text is anchored, `anchor` how.
    const around = (g: number) => [
      { box: { x0: x + g, y0: y - h / 2, x1: x + g + w, y1: y + h / 2 }, tx: x + g, ty: y + size * 0.35, anchor: 'start' },
      { box: { x0: x - g - w, y0: y - h / 2, x1: x - g, y1: y + h / 2 }, tx: x - g, ty: y + size * 0.35, anchor: 'end' },
      { box: { x0: x - w / 2, y0: y - g - h, x1: x + w / 2, y1: y - g }, tx: x, ty: y - g - size * 0.2, anchor: 'middle' },
      { box: { x0: x - w / 2, y0: y + g, x1: x + w / 2, y1: y + g + h }, tx: x, ty: y + g + size * 0.8, anchor: 'middle' },
    ];
    // A route's own places and the layers' main ones (a border city among its ports) may stand farther off
    // when symbols crowd their dot.
    const important = o.mustShow.has(f.id) || (o.importance.get(f.id) ?? 0) >= 5;
    const spots = important ? [...around(gap), ...around(gap + 10), ...around(gap + 20)] : around(gap);
    const dotBox = { x0: x - r, y0: y - r, x1: x + r, y1: y + r };
    // A place under a checkpoint or port symbol is marked by it: no dot, but the name still shows. A route's
    // own places keep their name even under the legend.
    const dotFree = placer.fits(dotBox, 1);
    if (!dotFree && !placer.fits(dotBox, 1, 'symbol') && !o.mustShow.has(f.id)) continue;
    const spot = spots.find((s) => placer.fits(s.box));
    if (!spot) continue;
    placer.reserve(spot.box, 'label');
    shown++;
    if (dotFree) {
      placer.reserve(dotBox, 'label');
      dots += el('circle', { cx: x, cy: y, r });
    }
    texts += haloText(name, { x: spot.tx, y: spot.ty, 'text-anchor': spot.anchor === 'start' ? undefined : spot.anchor }, 3);
  }
  if (!shown) return '';
  return (
    el('g', { fill: P.colour, stroke: P.stroke.colour, 'stroke-width': P.stroke.width }, dots) +
    el('g', { 'font-size': size, fill: P.label.colour }, texts)
  );
}

/** True when any of the [x, y, weight] triples lies in the box (grown by 4 px). */
function covers(b: Box, points: readonly number[]): boolean {
  for (let i = 0; i < points.length; i += 3) {
    const x = points[i]!;
    const y = points[i + 1]!;
    if (x >= b.x0 - 4 && x <= b.x1 + 4 && y >= b.y0 - 4 && y <= b.y1 + 4) return true;
  }
  return false;
}

const COUNTRY_NAMES: Record<string, string> = { 'United States of America': 'United States' };

/** Country names in spaced capitals at the centre of their largest visible part, at the table's national zooms. */
export function countryLabels(scene: Scene, countries: readonly LayerFeature<'countries'>[], placer: LabelPlacer): string {
  const z = scene.viewport.zoom;
  const L = LOOK.countries.label;
  if (z >= L.imageMaxzoom) return '';
  const { width, height } = scene.viewport;
  const size = atZoom(L.size, z);
  const spacing = size * L.letterSpacing;
  let out = '';
  for (const f of countries) {
    let best: { area: number; cx: number; cy: number } | undefined;
    for (const ring of scene.screen.areal(f.geometry)) {
      // Shoelace area and centroid of the clipped ring.
      let a = 0;
      let cx = 0;
      let cy = 0;
      for (let i = 0, n = ring.length; i < n; i += 2) {
        const [x0, y0, x1, y1] = [ring[i]!, ring[i + 1]!, ring[(i + 2) % n]!, ring[(i + 3) % n]!];
        const cross = x0 * y1 - x1 * y0;
        a += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
      }
      if (Math.abs(a) < 1e-9) continue;
      const area = Math.abs(a / 2);
      if (!best || area > best.area) best = { area, cx: cx / (3 * a), cy: cy / (3 * a) };
    }
    if (!best || best.area < 0.04 * width * height) continue;
    const name = (COUNTRY_NAMES[f.properties.name] ?? f.properties.name).toUpperCase();
    const w = textWidth(name, size) + spacing * (name.length - 1);
    const box = { x0: best.cx - w / 2, y0: best.cy - size * 0.8, x1: best.cx + w / 2, y1: best.cy + size * 0.3 };
    if (covers(box, scene.keepClear) || !placer.tryTake(box, 4)) continue;
    out += haloText(name, { x: best.cx, y: best.cy, 'text-anchor': 'middle', 'font-size': size, 'letter-spacing': spacing, fill: L.colour }, 3, LABEL_HALO.colour);
  }
  return out;
}
