import { LOOK, type Stroke } from '../../cartography/look.js';
import { atZoom } from '../../cartography/zoom.js';
import type { GFeature, LayerFeature } from '../../layers/features.js';
import { pathData } from '../screen.js';
import { el, num } from './markup.js';
import { keep, WEIGHT, type Scene } from './scene.js';

// The quiet geography under the thematic layers, drawn from the cartography table as the web map is.

export function water(scene: Scene): string {
  return el('rect', { width: scene.viewport.width, height: scene.viewport.height, fill: LOOK.water.colour });
}

export function landFill(scene: Scene, countries: readonly LayerFeature<'countries'>[]): string {
  const { byName, fallback } = LOOK.countries.fill;
  return countries
    .map((f) => {
      const d = pathData(scene.screen.areal(f.geometry), true);
      return d ? el('path', { d, fill: byName[f.properties.name] ?? fallback, 'fill-rule': 'evenodd' }) : '';
    })
    .join('');
}

/** SVG stroke attributes of a table stroke at a zoom (dashes in line widths, as MapLibre's). */
export function strokeAt(line: Stroke, zoom: number): Record<string, string | number | undefined> {
  const w = atZoom(line.width, zoom);
  return {
    stroke: line.colour,
    'stroke-width': w,
    'stroke-opacity': line.opacity === undefined ? undefined : atZoom(line.opacity, zoom),
    'stroke-dasharray': line.dash ? line.dash.map((d) => num(d * w)).join(' ') : undefined,
  };
}

/** Outlines of areal features as one path (their clipped rings run along the margin, outside the image). */
function outlines(scene: Scene, features: readonly GFeature[], line: Stroke): string {
  const d = features.map((f) => pathData(scene.screen.areal(f.geometry), true)).join('');
  return d ? el('path', { d, fill: 'none', 'stroke-linejoin': 'round', ...strokeAt(line, scene.viewport.zoom) }) : '';
}

export function municipalityLines(scene: Scene, municipalities: readonly GFeature[]): string {
  if (scene.viewport.zoom < LOOK.municipalities.minzoom) return '';
  if (municipalities.length) scene.keys.base.add('municipalities');
  return outlines(scene, municipalities, LOOK.municipalities.line);
}

export function stateLines(scene: Scene, states: readonly GFeature[]): string {
  return outlines(scene, states, LOOK.states.line);
}

export function countryLines(scene: Scene, countries: readonly GFeature[]): string {
  return outlines(scene, countries, LOOK.countries.line);
}

export function railroads(scene: Scene, lines: readonly GFeature[]): string {
  if (scene.viewport.zoom < LOOK.railroads.minzoom) return '';
  const d = lines.map((f) => pathData(scene.screen.linear(f.geometry), false)).join('');
  if (!d) return '';
  scene.keys.base.add('railroads');
  return el('path', { d, fill: 'none', ...strokeAt(LOOK.railroads.line, scene.viewport.zoom) });
}

/** The routing network's roads, wider for major highways, ferry routes hidden (as the web map). */
export function roads(scene: Scene, features: readonly LayerFeature<'roads'>[]): string {
  const R = LOOK.roads;
  const z = scene.viewport.zoom;
  if (z < R.minzoom) return '';
  const hidden = new Set<string>(R.hiddenTypes);
  const byWidth = new Map<number, string>();
  for (const f of features) {
    if (hidden.has(f.properties.type)) continue;
    const w = atZoom(f.properties.type === 'Major Highway' ? R.width['Major Highway'] : R.width.other, z);
    byWidth.set(w, (byWidth.get(w) ?? '') + pathData(scene.screen.linear(f.geometry), false));
  }
  // Narrow roads first, so highways run over the junctions.
  const paths = [...byWidth].filter(([, d]) => d).sort(([a], [b]) => a - b);
  if (!paths.length) return '';
  scene.keys.base.add('roads');
  return paths.map(([w, d]) => el('path', { d, fill: 'none', stroke: R.colour, 'stroke-width': w, 'stroke-linejoin': 'round', 'stroke-linecap': 'round' })).join('');
}

/** The US-Mexico border: a dark line on a white casing. */
export function border(scene: Scene, lines: readonly GFeature[]): string {
  const parts = lines.flatMap((f) => scene.screen.linear(f.geometry));
  if (!parts.length) return '';
  const d = pathData(parts, false);
  // The legend should not hide the border either.
  for (const p of parts) for (let i = 0; i < p.length; i += 8) keep(scene, p[i]!, p[i + 1]!, WEIGHT.outline);
  const z = scene.viewport.zoom;
  const common = { d, fill: 'none', 'stroke-linejoin': 'round', 'stroke-linecap': 'round' };
  return el('path', { ...common, ...strokeAt(LOOK.border.casing, z) }) + el('path', { ...common, ...strokeAt(LOOK.border.line, z) });
}
