import { BASE_COLOURS } from '../../cartography/palette.js';
import type { GFeature } from '../../layers/validate.js';
import { pathData } from '../screen.js';
import { byZoom, el } from './markup.js';
import { keep, WEIGHT, type Scene } from './scene.js';

// The quiet geography under the thematic layers, as the vector style draws it (src/tiles/style.ts).

export function water(scene: Scene): string {
  return el('rect', { width: scene.viewport.width, height: scene.viewport.height, fill: BASE_COLOURS.water });
}

function landColour(name: unknown): string {
  if (name === 'Mexico') return BASE_COLOURS.mexico;
  if (name === 'United States of America') return BASE_COLOURS.usa;
  return BASE_COLOURS.neighbours;
}

export function landFill(scene: Scene, countries: readonly GFeature[]): string {
  return countries
    .map((f) => {
      const d = pathData(scene.screen.areal(f.geometry), true);
      return d ? el('path', { d, fill: landColour(f.properties.name), 'fill-rule': 'evenodd' }) : '';
    })
    .join('');
}

/** Outlines of areal features as one path (their clipped rings run along the margin, outside the image). */
function outlines(scene: Scene, features: readonly GFeature[], attrs: Record<string, string | number>): string {
  const d = features.map((f) => pathData(scene.screen.areal(f.geometry), true)).join('');
  return d ? el('path', { d, fill: 'none', 'stroke-linejoin': 'round', ...attrs }) : '';
}

export function municipalityLines(scene: Scene, municipalities: readonly GFeature[]): string {
  if (municipalities.length) scene.keys.base.add('municipalities');
  const z = scene.viewport.zoom;
  return outlines(scene, municipalities, { stroke: BASE_COLOURS.municipalityLine, 'stroke-width': byZoom(z, 5, 0.3, 10, 0.8), 'stroke-opacity': byZoom(z, 5, 0.5, 8, 0.8) });
}

export function stateLines(scene: Scene, states: readonly GFeature[]): string {
  return outlines(scene, states, { stroke: BASE_COLOURS.stateLine, 'stroke-width': byZoom(scene.viewport.zoom, 3, 0.5, 10, 1.5) });
}

export function countryLines(scene: Scene, countries: readonly GFeature[]): string {
  return outlines(scene, countries, { stroke: BASE_COLOURS.countryLine, 'stroke-width': byZoom(scene.viewport.zoom, 3, 0.8, 10, 1.6) });
}

export function railroads(scene: Scene, lines: readonly GFeature[]): string {
  const d = lines.map((f) => pathData(scene.screen.linear(f.geometry), false)).join('');
  if (!d) return '';
  scene.keys.base.add('railroads');
  const w = byZoom(scene.viewport.zoom, 3, 0.6, 10, 1.6);
  return el('path', { d, fill: 'none', stroke: BASE_COLOURS.railroad, 'stroke-width': w, 'stroke-dasharray': `${3 * w} ${2 * w}` });
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
  return (
    el('path', { ...common, stroke: BASE_COLOURS.borderCasing, 'stroke-width': byZoom(z, 3, 3, 10, 7), 'stroke-opacity': 0.8 }) +
    el('path', { ...common, stroke: BASE_COLOURS.border, 'stroke-width': byZoom(z, 3, 1.6, 10, 3.5) })
  );
}
