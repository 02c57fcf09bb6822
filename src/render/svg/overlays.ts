import type { Position } from 'geojson';
import type { OverlayFeature } from '../overlay-input.js';
import { pathInk } from '../ink.js';
import { pathData } from '../screen.js';
import { el, esc, num } from './markup.js';
import { textOn } from './route-exposure.js';
import { keep, WEIGHT, type Scene } from './scene.js';

// A caller's own features, styled by simplestyle-spec 1.1 with the spec's defaults. Areas go under lines and
// lines under markers, each in the order given.

const MARKER_RADIUS = { small: 5, medium: 7, large: 9 } as const;

// Ink (ink.ts) is area, but not all work is: a pin costs about as much as 2,500 px² and a text symbol (shaped by
// resvg) 20,000 (measured: 5,000 lettered pins take resvg about a second at 2048 px).
const MARKER_INK = 2_500;
const SYMBOL_INK = 20_000;

/** A map pin with its tip at (x, y): a circle of radius r whose lower half narrows to the point. */
function pin(x: number, y: number, r: number): string {
  const head = 1.7 * r;
  return `M${num(x)} ${num(y)}C${num(x - 0.6 * r)} ${num(y - 0.9 * r)} ${num(x - r)} ${num(y - 1.2 * r)} ${num(x - r)} ${num(y - head)}A${num(r)} ${num(r)} 0 1 1 ${num(x + r)} ${num(y - head)}C${num(x + r)} ${num(y - 1.2 * r)} ${num(x + 0.6 * r)} ${num(y - 0.9 * r)} ${num(x)} ${num(y)}Z`;
}

/** The overlays' SVG and the ink (CSS px²) it will cost the rasterizer. */
export function overlays(scene: Scene, features: readonly OverlayFeature[]): { svg: string; ink: number } {
  let ink = 0;
  let areas = '';
  let lines = '';
  let markers = '';
  features.forEach((f) => {
    const g = f.geometry;
    if (!g) return;
    const s = f.properties ?? {};
    const stroke = {
      stroke: s.stroke ?? '#555555',
      'stroke-width': s['stroke-width'] ?? 2,
      'stroke-opacity': s['stroke-opacity'] ?? 1,
      'stroke-linejoin': 'round',
      'stroke-linecap': 'round',
    };
    if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
      const parts = scene.screen.areal(g);
      ink += pathInk(parts, stroke['stroke-width'], true);
      const d = pathData(parts, true);
      if (d) areas += el('path', { d, fill: s.fill ?? '#555555', 'fill-opacity': s['fill-opacity'] ?? 0.6, 'fill-rule': 'evenodd', ...stroke });
    } else if (g.type === 'LineString' || g.type === 'MultiLineString') {
      const parts = scene.screen.linear(g);
      ink += pathInk(parts, stroke['stroke-width'], false);
      const d = pathData(parts, false);
      if (d) lines += el('path', { d, fill: 'none', ...stroke });
    } else {
      const points: Position[] = g.type === 'Point' ? [g.coordinates] : g.coordinates;
      const colour = s['marker-color'] ?? '#7e7e7e';
      const r = MARKER_RADIUS[s['marker-size'] ?? 'medium'];
      const symbol = s['marker-symbol'] && /^[\p{L}\p{N}]{1,2}$/u.test(s['marker-symbol']) ? s['marker-symbol'] : undefined;
      for (const p of points) {
        const xy = scene.screen.point(p);
        if (!xy) continue;
        keep(scene, xy[0], xy[1], WEIGHT.symbol);
        ink += MARKER_INK + (symbol ? SYMBOL_INK : 0);
        scene.occupied.push({ x0: xy[0] - r, y0: xy[1] - 2.7 * r, x1: xy[0] + r, y1: xy[1] });
        markers += el('path', { d: pin(xy[0], xy[1], r), fill: colour, stroke: '#FFFFFF', 'stroke-width': 1.5 });
        if (symbol) {
          markers += el('text', { x: xy[0], y: xy[1] - 1.7 * r + 0.4 * r, 'font-size': r * 1.15, 'font-weight': 'bold', 'text-anchor': 'middle', fill: textOn(colour) }, esc(symbol));
        }
      }
    }
  });
  return { svg: areas + lines + markers, ink };
}
