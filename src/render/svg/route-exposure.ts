import type { LineString, MultiLineString } from 'geojson';
import { BASE_COLOURS, STATE_ACTOR_STYLE } from '../../cartography/palette.js';
import type { ExposureResult } from '../../exposure/result.js';
import { lengthOf, pathInk } from '../ink.js';
import { pathData, type Parts } from '../screen.js';
import type { Box } from './labels.js';
import { el, esc, num } from './markup.js';
import { keep, WEIGHT, type Scene } from './scene.js';
import { agencyColour, groupColour } from './thematic.js';

// One route with what it passes through: the line on a white casing, each passage through a territory as a band
// in the group's colour beneath it, a bar across the line where it enters or leaves a territory, start and end
// marks, and the checkpoints it passes numbered in travel order (the legend lists them under the same numbers).

export const ROUTE_LINE = '#2B2B2B';
export const MARKER_RADIUS = 8.5;

/** Dark or white text, whichever reads on `hex` (WCAG relative luminance). */
export function textOn(hex: string): string {
  const h = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, (c) => c + c) : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.4 ? '#1A1A1A' : '#FFFFFF';
}

/** A bar across the line at (x, y), perpendicular to the direction (dx, dy). */
function crossBar(x: number, y: number, dx: number, dy: number, colour: string): string {
  const len = Math.hypot(dx, dy) || 1;
  const [nx, ny] = [(-dy / len) * 8, (dx / len) * 8];
  const d = `M${num(x - nx)} ${num(y - ny)}L${num(x + nx)} ${num(y + ny)}`;
  return (
    el('path', { d, stroke: BASE_COLOURS.halo, 'stroke-width': 5, 'stroke-linecap': 'round' }) +
    el('path', { d, stroke: colour, 'stroke-width': 2.5, 'stroke-linecap': 'round' })
  );
}

export interface DrawnExposure {
  svg: string;
  reserved: Box[]; // marker boxes labels must avoid
  ink: number; // CSS px² the route's strokes cover (casing, band and line)
}

export function routeExposure(scene: Scene, geometry: LineString | MultiLineString, result: ExposureResult): DrawnExposure {
  const { screen, viewport } = scene;
  const routeParts = screen.linear(geometry);
  // Points every 8 px along the line, so neither the legend nor a country name lands on it (at most ~4,000).
  const lengthPx = lengthOf(routeParts);
  const spacing = Math.max(8, lengthPx / 4000);
  for (const p of routeParts) {
    for (let i = 0; i + 3 < p.length; i += 2) {
      const [x0, y0, x1, y1] = [p[i]!, p[i + 1]!, p[i + 2]!, p[i + 3]!];
      const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / spacing));
      for (let k = 0; k < steps; k++) keep(scene, x0 + ((x1 - x0) * k) / steps, y0 + ((y1 - y0) * k) / steps, WEIGHT.line);
    }
    keep(scene, p.at(-2)!, p.at(-1)!, WEIGHT.line);
  }
  const routeD = pathData(routeParts, false);
  const round = { fill: 'none', 'stroke-linejoin': 'round', 'stroke-linecap': 'round' };
  let svg = '';
  if (routeD) svg += el('path', { d: routeD, ...round, stroke: BASE_COLOURS.halo, 'stroke-width': 12, 'stroke-opacity': 0.9 });

  // Passages: group-coloured bands under the line.
  const passageParts: { parts: Parts; colour: string }[] = [];
  for (const t of result.territories) {
    const coords = t.coordinates ?? [t.entry, t.exit];
    const parts = screen.line(coords);
    if (parts.length) passageParts.push({ parts, colour: groupColour(t.group) });
  }
  for (const { parts, colour } of passageParts) svg += el('path', { d: pathData(parts, false), ...round, 'stroke-linecap': 'butt', stroke: colour, 'stroke-width': 8 });
  // Areas of abuse by officials: a dotted band, wider than the criminal ones so both show where they overlap.
  for (const t of result.stateAreas) {
    const parts = screen.line(t.coordinates ?? [t.entry, t.exit]);
    if (parts.length) svg += el('path', { d: pathData(parts, false), fill: 'none', stroke: STATE_ACTOR_STYLE.colour, 'stroke-width': 12, 'stroke-dasharray': '3 4', 'stroke-opacity': 0.7 });
  }
  if (routeD) svg += el('path', { d: routeD, ...round, stroke: ROUTE_LINE, 'stroke-width': 2.5 });

  // Entry and exit bars, except where the route starts or ends inside.
  const lengthKm = result.route.lengthKm;
  for (const t of result.territories) {
    const coords = t.coordinates ?? [t.entry, t.exit];
    const colour = groupColour(t.group);
    const mark = (at: number[], toward: number[], sign: number) => {
      const a = screen.point(at);
      if (!a) return;
      const bx = viewport.x(toward[0]!);
      const by = viewport.y(toward[1]!);
      svg += crossBar(a[0], a[1], sign * (bx - a[0]), sign * (by - a[1]), colour);
    };
    if (t.entryKm > 0.05 && coords.length >= 2) mark(coords[0]!, coords[1]!, 1);
    if (t.exitKm < lengthKm - 0.05 && coords.length >= 2) mark(coords.at(-1)!, coords.at(-2)!, -1);
  }

  // Start (open) and end (filled) of the route.
  const start = screen.point(result.route.start);
  const end = screen.point(result.route.end);
  if (start) svg += el('circle', { cx: start[0], cy: start[1], r: 5.5, fill: BASE_COLOURS.halo, stroke: ROUTE_LINE, 'stroke-width': 2.5 });
  if (end) svg += el('circle', { cx: end[0], cy: end[1], r: 6, fill: ROUTE_LINE, stroke: BASE_COLOURS.halo, 'stroke-width': 2 });

  // Numbered checkpoints. A marker that would cover an earlier one moves aside on a leader line.
  const reserved: Box[] = [];
  const placed: [number, number][] = [];
  let leaders = ''; // under every marker, so a leader never crosses a number
  let markers = '';
  const R = MARKER_RADIUS;
  result.checkpoints.forEach((c, i) => {
    const p = screen.point(c.position);
    if (!p) return;
    keep(scene, p[0], p[1], WEIGHT.symbol);
    const free = (x: number, y: number) => placed.every(([px, py]) => Math.hypot(px - x, py - y) >= 2 * R + 1);
    const offsets: [number, number][] = [[0, 0]];
    for (let ring = 1; ring <= 3; ring++) {
      for (let k = 0; k < 8; k++) offsets.push([Math.cos((k * Math.PI) / 4) * ring * 2.3 * R, Math.sin((k * Math.PI) / 4) * ring * 2.3 * R]);
    }
    const [ox, oy] = offsets.find(([dx, dy]) => free(p[0] + dx, p[1] + dy)) ?? [0, 0];
    const [x, y] = [p[0] + ox, p[1] + oy];
    if (ox !== 0 || oy !== 0) {
      leaders += el('path', { d: `M${num(p[0])} ${num(p[1])}L${num(x)} ${num(y)}`, stroke: ROUTE_LINE, 'stroke-width': 1.2 });
      leaders += el('circle', { cx: p[0], cy: p[1], r: 2.5, fill: ROUTE_LINE, stroke: BASE_COLOURS.halo, 'stroke-width': 1 });
    }
    placed.push([x, y]);
    const fill = agencyColour(c.agency);
    markers += el('circle', { cx: x, cy: y, r: R, fill, stroke: BASE_COLOURS.halo, 'stroke-width': 2 });
    markers += el('text', { x, y: y + 3.6, 'font-size': 10.5, 'font-weight': 'bold', 'text-anchor': 'middle', fill: textOn(fill) }, esc(String(i + 1)));
    reserved.push({ x0: x - R - 1, y0: y - R - 1, x1: x + R + 1, y1: y + R + 1 });
  });
  // The line is stroked three times (casing, band, line): its ink as one 23-px stroke.
  return { svg: svg + leaders + markers, reserved, ink: pathInk(routeParts, 22, false) };
}
