import { BASE_COLOURS } from '../../cartography/palette.js';
import { textWidth, truncateText, wrapText } from '../fonts.js';
import { metresPerPixel } from '../mercator.js';
import type { Viewport } from '../camera.js';
import type { Box } from './labels.js';
import { el, esc, haloText, num } from './markup.js';

// What frames a report figure: the title, the scale bar and the attribution, each returning the box it occupies
// so labels and the legend keep clear of it.

export interface Furniture {
  svg: string;
  box: Box | null;
}

export const MARGIN = 10;

/**
 * The attribution, always drawn: a strip along the bottom, wrapped to the width. Its type shrinks until the
 * strip takes at most a third of the image, so even a 64-px thumbnail carries every licence (if not legibly).
 */
export function attribution(width: number, height: number, text: string): Furniture {
  let size = Math.min(10, Math.max(8, width / 120));
  let lines = wrapText(text, size, width - 12);
  while (size > 3 && lines.length * size * 1.25 + 6 > height / 3) {
    size -= 0.5;
    lines = wrapText(text, size, width - 12);
  }
  const lineH = size * 1.25;
  const stripH = lines.length * lineH + 5;
  const y0 = height - stripH;
  const tspans = lines.map((l, i) => el('tspan', { x: 6, y: y0 + 2 + size + i * lineH }, esc(l))).join('');
  return {
    svg: el('rect', { x: 0, y: y0, width, height: stripH, fill: '#FFFFFF', 'fill-opacity': 0.82 }) + el('text', { 'font-size': size, fill: BASE_COLOURS.text }, tspans),
    box: { x0: 0, y0, x1: width, y1: height },
  };
}

/** The title in a white box at the top left, wrapped to two lines at most. */
export function title(width: number, height: number, text: string | null): Furniture {
  if (!text) return { svg: '', box: null };
  const size = Math.min(20, Math.max(11, Math.min(width, height) / 38));
  const pad = size * 0.5;
  const maxW = width - 2 * MARGIN - 2 * pad;
  let lines = wrapText(text, size, maxW, true);
  if (lines.length > 2) lines = [lines[0]!, truncateText(lines.slice(1).join(' '), size, maxW, true)];
  lines = lines.map((l) => truncateText(l, size, maxW, true));
  const w = Math.max(...lines.map((l) => textWidth(l, size, true))) + 2 * pad;
  const lineH = size * 1.2;
  const h = lines.length * lineH + 2 * pad - (lineH - size);
  const tspans = lines.map((l, i) => el('tspan', { x: MARGIN + pad, y: MARGIN + pad + size * 0.85 + i * lineH }, esc(l))).join('');
  return {
    svg:
      el('rect', { x: MARGIN, y: MARGIN, width: w, height: h, rx: 3, fill: '#FFFFFF', 'fill-opacity': 0.9, stroke: '#C9C4BA', 'stroke-width': 0.6 }) +
      el('text', { 'font-size': size, 'font-weight': 'bold', fill: BASE_COLOURS.text }, tspans),
    box: { x0: MARGIN, y0: MARGIN, x1: MARGIN + w, y1: MARGIN + h },
  };
}

/** 1, 2 or 5 times a power of ten, at most `x`. */
function niceBelow(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  return [5, 2, 1].map((m) => m * p).find((v) => v <= x) ?? p;
}

/** A scale bar for the centre latitude (Web Mercator scale varies with latitude), above the attribution. */
export function scaleBar(viewport: Viewport, bottom: number): Furniture {
  if (viewport.width < 160 || viewport.height < 120) return { svg: '', box: null };
  const [, lat] = viewport.centre();
  const mpp = metresPerPixel(lat, viewport.zoom);
  const maxPx = Math.min(130, viewport.width * 0.22);
  const metres = niceBelow(maxPx * mpp);
  const px = metres / mpp;
  const label = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
  const x0 = MARGIN + 2;
  const y = bottom - 8;
  const size = 10;
  const d = `M${num(x0)} ${num(y - 5)}V${num(y)}H${num(x0 + px)}V${num(y - 5)}`;
  const svg =
    el('path', { d, fill: 'none', stroke: '#FFFFFF', 'stroke-width': 4, 'stroke-linecap': 'square', 'stroke-opacity': 0.9 }) +
    el('path', { d, fill: 'none', stroke: BASE_COLOURS.text, 'stroke-width': 1.5, 'stroke-linecap': 'square' }) +
    haloText(label, { x: x0 + px + 5, y: y + 1, 'font-size': size, fill: BASE_COLOURS.text }, 3);
  const w = px + 5 + textWidth(label, size);
  return { svg, box: { x0: x0 - 3, y0: y - 12, x1: x0 + w + 3, y1: y + 4 } };
}
