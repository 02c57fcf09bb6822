import { LOOK } from '../cartography/look.js';
import { BASE_COLOURS } from '../cartography/palette.js';
import { AGENCY_LABELS, CORRIDOR_LABELS, FLIGHT_LABELS, PORT_ROLE_LABELS } from '../cartography/labels.js';
import type { ExposureResult } from '../exposure/result.js';
import type { TimeAnswer } from '../layers/layer-set.js';
import { textWidth, truncateText, wrapText } from './fonts.js';
import { MARGIN } from './svg/frame.js';
import type { Box } from './svg/labels.js';
import { el, esc, num } from './svg/markup.js';
import { ROUTE_LINE, textOn } from './svg/route-exposure.js';
import type { LegendKeys } from './svg/scene.js';
import { agencyColour, groupColour } from './svg/thematic.js';

// The legend lists what the picture shows, in the order a reader needs it: for a route, what it passes through
// and the numbered checkpoints; then every kind of feature in view. Rows flow into columns when the image is
// short, and the box goes to the corner that hides the least of the map.

export { AGENCY_LABELS } from '../cartography/labels.js';

type Swatch =
  | { kind: 'fill'; colour: string; opacity: number; dashed?: boolean; dotted?: boolean }
  | { kind: 'line'; colour: string; width: number; dashed?: boolean }
  | { kind: 'band'; colour: string }
  | { kind: 'circle'; colour: string; ring: string }
  | { kind: 'number'; n: number; colour: string }
  | { kind: 'dot'; colour: string; opacity: number }
  | { kind: 'start' }
  | { kind: 'end' }
  | { kind: 'bar' };

interface Cell {
  swatch?: Swatch;
  text: string;
}
interface Row {
  kind: 'heading' | 'entry' | 'note';
  tight?: boolean; // a heading's second line: no space above
  grid?: number; // cells start every `grid` px (two short entries side by side)
  cells: Cell[];
}

export interface LegendContent {
  time: TimeAnswer; // the rule applied, printed so the image says which facts it shows
  keys: LegendKeys;
  route?: { name: string; result: ExposureResult } | undefined;
}

const heading = (text: string): Row => ({ kind: 'heading', cells: [{ text }] });
const note = (text: string): Row => ({ kind: 'note', cells: [{ text }] });
const entry = (swatch: Swatch, text: string): Row => ({ kind: 'entry', cells: [{ swatch, text }] });

/** Short entries two to a row, aligned on a grid, so a long legend stays short enough for the map. */
function paired(entries: Row[], rowMax: number, fs: number): Row[] {
  const half = (rowMax - CELL_GAP) / 2;
  const fits = (r: Row) => r.cells.length === 1 && SWATCH_W + SWATCH_GAP + textWidth(r.cells[0]!.text, fs) <= half;
  if (!entries.every(fits) || entries.length < 3) return entries;
  const rows: Row[] = [];
  for (let i = 0; i < entries.length; i += 2) {
    rows.push({ kind: 'entry', cells: entries.slice(i, i + 2).flatMap((r) => r.cells), grid: half + CELL_GAP });
  }
  return rows;
}

/** Known keys first, in the palette's order, then any others alphabetically. */
function ordered(keys: Iterable<string>, order: readonly string[]): string[] {
  const all = [...keys];
  return [...order.filter((k) => all.includes(k)), ...all.filter((k) => !order.includes(k)).sort()];
}

const round1 = (x: number) => (x >= 10 ? Math.round(x) : Math.round(x * 10) / 10);
/** The time rule in words: what a reader of the image needs to know about the dates of what it shows. */
export function timeText(t: TimeAnswer): string {
  if (t.rule === 'all') return 'all dates';
  if (t.rule === 'latest') return `latest known, ${t.to}`;
  if (t.policy) return `${t.policy} ${t.from}..${t.to}`;
  return t.from === t.to ? `as of ${t.from}` : `${t.asOf} (${t.from}..${t.to})`;
}
const evidenceText = (t: TimeAnswer) => (t.coverage ? `evidence ${t.coverage.earliest.slice(0, 7)} to ${t.coverage.latest.slice(0, 7)}` : 'no dated evidence');

function rowsOf(c: LegendContent, textMax: (bold: boolean) => number, fs: number): Row[] {
  const rows: Row[] = [];
  const rowMax = textMax(true);
  const k = c.keys;
  const crossed = new Set<string>();
  if (c.route) {
    const r = c.route.result;
    const lines = wrapText(c.route.name, fs, textMax(true), true);
    if (lines.length > 2) lines.splice(1, lines.length, truncateText(lines.slice(1).join(' '), fs, textMax(true), true));
    lines.forEach((line, i) => rows.push({ ...heading(line), tight: i > 0 }));
    rows.push(note(`${round1(r.route.lengthKm)} km · ${timeText(c.time)}`));
    rows.push(note(evidenceText(c.time)));
    rows.push(heading('Criminal territory crossed'));
    if (!r.groups.length) rows.push(note('no mapped criminal territory under this time rule'));
    else {
      // The band: solid evidence (high confidence, narrow extent) to everything mapped.
      const { likely, possible } = r.summary;
      rows.push(note(`likely ${round1(likely.kmInTerritory)} km (${Math.round(likely.shareInTerritory * 100)}%) – possible ${round1(possible.kmInTerritory)} km (${Math.round(possible.shareInTerritory * 100)}%)`));
    }
    for (const g of r.groups) {
      crossed.add(g.group);
      rows.push(entry({ kind: 'band', colour: groupColour(g.group) }, `${g.groupName} · ${round1(g.lengthKm)} km (${Math.round(g.share * 100)}%)`));
    }
    if (r.stateAreas.length) rows.push(heading('Abuse by officials (state actors)'));
    for (const a of r.stateAreas.filter((a, i, all) => all.findIndex((b) => b.group === a.group) === i)) {
      const lengthKm = r.stateAreas.filter((b) => b.group === a.group).reduce((sum, b) => sum + b.lengthKm, 0);
      const share = r.route.lengthKm > 0 ? lengthKm / r.route.lengthKm : 0;
      rows.push(entry({ kind: 'fill', colour: LOOK.territories.stateActors.colour, opacity: LOOK.territories.stateActors.legendOpacity, dotted: true }, `${a.groupName} · ${round1(lengthKm)} km (${Math.round(share * 100)}%)`));
    }
    rows.push(heading(`Checkpoints passed (within ${r.bufferKm} km)`));
    if (!r.checkpoints.length) rows.push(note('none documented under this time rule'));
    r.checkpoints.forEach((cp, i) => {
      const km = ` · km ${Math.round(cp.distanceAlongKm)}`;
      const name = truncateText(cp.name, fs, textMax(false) - textWidth(km, fs));
      rows.push(entry({ kind: 'number', n: i + 1, colour: agencyColour(cp.agency) }, name + km));
    });
    rows.push({
      kind: 'entry',
      cells: [
        { swatch: { kind: 'start' }, text: 'start' },
        { swatch: { kind: 'end' }, text: 'end' },
        { swatch: { kind: 'bar' }, text: 'enters or leaves' },
      ],
    });
  } else {
    rows.push(note(`Features: ${timeText(c.time)}`));
    rows.push(note(evidenceText(c.time)));
  }

  const otherGroups = ordered(k.groups.keys(), Object.keys(LOOK.territories.colours)).filter((g) => !crossed.has(g));
  if (otherGroups.length) {
    rows.push(heading(c.route ? 'Other criminal groups in view' : 'Criminal groups'));
    for (const g of otherGroups) rows.push(entry({ kind: 'fill', colour: groupColour(g), opacity: LOOK.territories.presenceOpacity.dominant }, k.groups.get(g)!));
  }
  if (k.presences.size > 1 || (k.presences.size === 1 && !k.presences.has('dominant'))) {
    const order = ['dominant', 'present', 'contested'] as const;
    rows.push({
      kind: 'entry',
      cells: order
        .filter((p) => k.presences.has(p))
        .map((p) => ({ swatch: { kind: 'fill', colour: BASE_COLOURS.presenceSwatch, opacity: LOOK.territories.presenceOpacity[p] + 0.1, dashed: p === 'contested' }, text: p })),
    });
  }
  const otherState = [...k.stateActors.keys()].filter((g) => !c.route?.result.stateAreas.some((a) => a.group === g)).sort();
  if (otherState.length) {
    rows.push(heading(c.route ? 'Other state-actor areas in view' : 'State-actor areas (abuse by officials)'));
    for (const g of otherState) rows.push(entry({ kind: 'fill', colour: LOOK.territories.stateActors.colour, opacity: LOOK.territories.stateActors.legendOpacity, dotted: true }, k.stateActors.get(g)!));
  }
  if (k.agencies.size) {
    rows.push(heading(c.route ? 'Other checkpoints' : 'Checkpoints'));
    const agencies = ordered(k.agencies, Object.keys(LOOK.checkpoints.colours)).map((a) => entry({ kind: 'circle', colour: agencyColour(a), ring: LOOK.checkpoints.stroke.colour }, AGENCY_LABELS[a] ?? a));
    rows.push(...paired(agencies, rowMax, fs));
  }
  if (k.portRoles.size) {
    rows.push(heading('Ports of entry'));
    const P = LOOK.ports;
    const roles = ordered(k.portRoles, [...P.priority, 'none']).map((role) =>
      entry({ kind: 'circle', colour: (P.colours as Readonly<Record<string, string>>)[role] ?? P.colours.none, ring: P.stroke.colour }, PORT_ROLE_LABELS[role] ?? role),
    );
    rows.push(...paired(roles, rowMax, fs));
  }
  if (k.corridors.size) {
    rows.push(heading('Migration routes'));
    const R = LOOK.routes;
    const corridors = ordered(k.corridors, Object.keys(R.colours)).map((cor) =>
      entry({ kind: 'line', colour: (R.colours as Readonly<Record<string, string>>)[cor] ?? R.fallback, width: cor === 'journey' ? R.legendWidth.journey : R.legendWidth.other }, CORRIDOR_LABELS[cor] ?? cor),
    );
    rows.push(...paired(corridors, rowMax, fs));
  }
  if (k.flightKinds.size) {
    rows.push(heading('Expulsion flights'));
    const F = LOOK.flights;
    for (const f of ordered(k.flightKinds, Object.keys(F.colours))) {
      rows.push(entry({ kind: 'line', colour: (F.colours as Readonly<Record<string, string>>)[f] ?? F.fallback, width: F.legendWidth, dashed: true }, FLIGHT_LABELS[f] ?? f));
    }
  }
  const base: Row[] = [];
  if (k.base.has('roads')) base.push(entry({ kind: 'line', colour: LOOK.roads.colour, width: LOOK.roads.legendWidth }, 'Road'));
  if (k.base.has('railroads')) base.push(entry({ kind: 'line', colour: LOOK.railroads.line.colour, width: LOOK.railroads.legendWidth, dashed: true }, 'Railroad'));
  if (k.base.has('airports')) base.push(entry({ kind: 'circle', colour: LOOK.airports.colour, ring: LOOK.airports.stroke.colour }, 'Airport'));
  if (k.base.has('migrant-deaths')) base.push(entry({ kind: 'dot', colour: LOOK.migrantDeaths.colour, opacity: LOOK.migrantDeaths.legendOpacity }, 'Migrant deaths (IOM)'));
  if (base.length) rows.push(heading('Other'), ...paired(base, rowMax, fs));
  if (k.lowConfidence) rows.push(note('Faded: low confidence'));
  return rows;
}

const SWATCH_W = 18;
const SWATCH_GAP = 6;
const CELL_GAP = 10;

function swatchSvg(s: Swatch, x: number, cy: number, rowH: number): string {
  const mid = x + SWATCH_W / 2;
  switch (s.kind) {
    case 'fill':
      return el('rect', {
        x, y: cy - 5, width: SWATCH_W, height: 10, fill: s.colour, 'fill-opacity': s.opacity,
        stroke: s.colour, 'stroke-width': s.dotted ? 1.6 : 1, 'stroke-dasharray': s.dotted ? '1 2' : s.dashed ? '3 2' : undefined,
      });
    case 'line': {
      const d = `M${num(x)} ${num(cy)}H${num(x + SWATCH_W)}`;
      return el('path', { d, stroke: s.colour, 'stroke-width': s.width, 'stroke-dasharray': s.dashed ? `${num(2 * s.width)} ${num(1.3 * s.width)}` : undefined });
    }
    case 'band': {
      const d = `M${num(x)} ${num(cy)}H${num(x + SWATCH_W)}`;
      return el('path', { d, stroke: s.colour, 'stroke-width': 8 }) + el('path', { d, stroke: ROUTE_LINE, 'stroke-width': 2.5 });
    }
    case 'circle':
      return el('circle', { cx: mid, cy, r: 4.5, fill: s.colour, stroke: s.ring, 'stroke-width': 1.5 }) +
        (s.ring === BASE_COLOURS.halo ? el('circle', { cx: mid, cy, r: 5.5, fill: 'none', stroke: '#D0CBC2', 'stroke-width': 0.6 }) : '');
    case 'dot':
      return el('circle', { cx: mid, cy, r: 3.5, fill: s.colour, 'fill-opacity': s.opacity });
    case 'number': {
      const r = Math.min(7.5, rowH / 2 - 0.5);
      return el('circle', { cx: mid, cy, r, fill: s.colour, stroke: '#FFFFFF', 'stroke-width': 1.5 }) +
        el('text', { x: mid, y: cy + r * 0.42, 'font-size': r * 1.25, 'font-weight': 'bold', 'text-anchor': 'middle', fill: textOn(s.colour) }, String(s.n));
    }
    case 'start':
      return el('circle', { cx: mid, cy, r: 4.5, fill: '#FFFFFF', stroke: ROUTE_LINE, 'stroke-width': 2 });
    case 'end':
      return el('circle', { cx: mid, cy, r: 5, fill: ROUTE_LINE, stroke: '#FFFFFF', 'stroke-width': 1.5 });
    case 'bar':
      return el('path', { d: `M${num(x)} ${num(cy)}H${num(x + SWATCH_W)}`, stroke: ROUTE_LINE, 'stroke-width': 2 }) +
        el('path', { d: `M${num(mid)} ${num(cy - 6)}V${num(cy + 6)}`, stroke: '#777777', 'stroke-width': 2.5, 'stroke-linecap': 'round' });
  }
}

export interface LegendSpace {
  width: number;
  height: number;
  top: number; // y below which the legend may sit on the left (under the title)
  topLeft: number;
  bottom: number; // y above which it must end (the attribution)
  bottomLeft: number; // the same on the left (the scale bar)
  keepClear: readonly number[]; // [x, y, weight] triples: what covering costs
}

export interface DrawnLegend {
  svg: string;
  box: Box | null;
  covered: number; // the weight of what it hides (0: nothing)
  /** The one-column layout at its best side: the room a fit can leave for the legend. */
  column?: { width: number; side: 'left' | 'right' };
}

/** Lays the legend out and puts it in the corner that covers the fewest important points. */
export function legend(content: LegendContent, space: LegendSpace): DrawnLegend {
  const { width, height } = space;
  const fs = Math.min(11, Math.max(8.5, Math.min(width, height) / 55));
  const rowH = fs * 1.6;
  const pad = 8;
  const maxColW = Math.min(width >= 1000 ? 340 : 300, Math.max(120, width * 0.36));
  const textMax = (bold: boolean) => maxColW - 2 * pad - (bold ? 0 : SWATCH_W + SWATCH_GAP);
  const rows = rowsOf(content, textMax, fs);

  const rowWidth = (r: Row) =>
    r.grid ? r.grid * (r.cells.length - 1) + SWATCH_W + SWATCH_GAP + textWidth(r.cells.at(-1)!.text, fs) :
    r.cells.reduce((w, c, i) => w + (i ? CELL_GAP : 0) + (c.swatch ? SWATCH_W + SWATCH_GAP : 0) + textWidth(c.text, fs, r.kind === 'heading'), 0);
  const rowHeight = (r: Row, first: boolean) => (r.kind === 'heading' && !first && !r.tight ? rowH * 1.3 : rowH);

  // Flow rows into columns no taller than maxH; a heading never ends a column.
  const freeH = Math.min(space.bottom, space.bottomLeft) - Math.max(MARGIN, space.top) - MARGIN - 2 * pad;
  if (freeH < rowH * 2 || width < 140) return { svg: '', box: null, covered: 0 };
  const layout = (rows: Row[], maxH: number) => {
    const columns: Row[][] = [[]];
    let colH = 0;
    for (const r of rows) {
      let col = columns.at(-1)!;
      const h = rowHeight(r, col.length === 0);
      const headingAtEnd = r.kind === 'heading' && colH + h + rowH > maxH;
      if (col.length && (colH + h > maxH || headingAtEnd)) {
        col = [];
        columns.push(col);
        colH = 0;
      }
      col.push(r);
      colH += rowHeight(r, col.length === 1);
    }
    const colWidths = columns.map((col) => Math.min(maxColW - 2 * pad, Math.max(...col.map(rowWidth))));
    const boxW = colWidths.reduce((a, b) => a + b, 0) + (columns.length - 1) * 14 + 2 * pad;
    const boxH = Math.max(...columns.map((col) => col.reduce((h, r, i) => h + rowHeight(r, i === 0), 0))) + 2 * pad - rowH * 0.15;
    return { columns, colWidths, boxW, boxH, complete: true };
  };
  // The legend may take at most 60% of the width and a third of the image: past that the last entries give way
  // to "…" (a thumbnail keeps the first sections, which say what the colours mean).
  const tooBig = (l: ReturnType<typeof layout>) => l.boxW > width * 0.6 || l.boxW * l.boxH > width * height * 0.34;
  const fitted = (maxH: number) => {
    let kept = rows;
    let l = layout(kept, maxH);
    while (tooBig(l) && kept.length > 2) {
      kept = kept.slice(0, kept.at(-1)?.cells[0]?.text === '…' ? -2 : -1);
      while (kept.length && kept.at(-1)!.kind === 'heading') kept = kept.slice(0, -1);
      kept = [...kept, note('…')];
      l = { ...layout(kept, maxH), complete: false };
    }
    // A legend cut to less than half says too little to be worth the map it hides.
    return tooBig(l) || kept.length < rows.length / 2 ? null : l;
  };

  // One tall column, or two or three shorter ones, in each corner: the least costly placement wins. Covering a
  // checkpoint costs more than covering an outline; a cut-short legend costs more than either.
  const covering = (l: NonNullable<ReturnType<typeof fitted>>, c: { x: number; y: number }) => {
    let n = 0;
    for (let i = 0; i < space.keepClear.length; i += 3) {
      const px = space.keepClear[i]!;
      const py = space.keepClear[i + 1]!;
      if (px >= c.x - 6 && px <= c.x + l.boxW + 6 && py >= c.y - 6 && py <= c.y + l.boxH + 6) n += space.keepClear[i + 2]!;
    }
    return n;
  };
  const cost = (l: NonNullable<ReturnType<typeof fitted>>, c: { x: number; y: number }) =>
    (l.complete ? 0 : 1e6) + covering(l, c) + (l.boxW * l.boxH) / 20_000; // among equals, the smaller box
  let best: { l: NonNullable<ReturnType<typeof fitted>>; c: { x: number; y: number }; n: number } | undefined;
  let column: DrawnLegend['column'];
  for (const share of [1, 0.62, 0.42]) {
    const l = fitted(freeH * share);
    if (!l) continue;
    const corners = [
      { x: width - MARGIN - l.boxW, y: MARGIN },
      { x: width - MARGIN - l.boxW, y: space.bottom - MARGIN - l.boxH },
      { x: MARGIN, y: space.bottomLeft - MARGIN - l.boxH },
      { x: MARGIN, y: space.topLeft },
    ].filter((c) => c.y >= MARGIN - 0.01 && c.y + l.boxH <= space.bottom && c.x >= 0);
    let bestHere: { c: { x: number; y: number }; n: number } | undefined;
    for (const c of corners) {
      const n = cost(l, c);
      if (!best || n < best.n - 1e-9) best = { l, c, n };
      if (!bestHere || n < bestHere.n - 1e-9) bestHere = { c, n };
    }
    if (share === 1 && bestHere) column = { width: l.boxW, side: bestHere.c.x > width / 2 - l.boxW / 2 ? 'right' : 'left' };
  }
  if (!best) return { svg: '', box: null, covered: 0 };
  const { columns: shown, colWidths, boxW, boxH } = best.l;
  const at = best.c;

  let body = '';
  let x = at.x + pad;
  shown.forEach((col, ci) => {
    let y = at.y + pad;
    col.forEach((r, i) => {
      const h = rowHeight(r, i === 0);
      const cy = y + h - rowH / 2;
      let cx = x;
      r.cells.forEach((cell, k) => {
        if (r.grid) cx = x + k * r.grid;
        if (cell.swatch) {
          body += swatchSvg(cell.swatch, cx, cy, rowH);
          cx += SWATCH_W + SWATCH_GAP;
        }
        const bold = r.kind === 'heading';
        const text = truncateText(cell.text, fs, colWidths[ci]! - (cx - x), bold);
        body += el('text', { x: cx, y: cy + fs * 0.36, 'font-weight': bold ? 'bold' : undefined, fill: r.kind === 'note' ? BASE_COLOURS.textMuted : BASE_COLOURS.text }, esc(text));
        cx += textWidth(text, fs, bold) + CELL_GAP;
      });
      y += h;
    });
    x += colWidths[ci]! + 14;
  });
  const svg = el('g', { 'font-size': fs }, el('rect', { x: at.x, y: at.y, width: boxW, height: boxH, rx: 3, fill: '#FFFFFF', 'fill-opacity': 0.92, stroke: '#C9C4BA', 'stroke-width': 0.6 }) + body);
  return { svg, box: { x0: at.x, y0: at.y, x1: at.x + boxW, y1: at.y + boxH }, covered: covering(best.l, at), column };
}
