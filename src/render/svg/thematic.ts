import { drawnAt } from '../../cartography/importance.js';
import { LOOK } from '../../cartography/look.js';
import { atZoom } from '../../cartography/zoom.js';
import type { LayerFeature } from '../../layers/features.js';
import { pathData, type Parts } from '../screen.js';
import { strokeAt } from './base-map.js';
import { el, num } from './markup.js';
import { keep, WEIGHT, type Scene } from './scene.js';

// The thematic layers from the cartography table (cartography/look.ts) the web style is generated from, in its
// draw order, so a static image reads like the web map at the same zoom.

const colourOf = (table: Readonly<Record<string, string>>, key: unknown, fallback: string) => table[String(key)] ?? fallback;
export const groupColour = (group: unknown) => colourOf(LOOK.territories.colours, group, LOOK.territories.fallback);
export const agencyColour = (agency: unknown) => colourOf(LOOK.checkpoints.colours, agency, LOOK.checkpoints.fallback);
const LOW = LOOK.lowConfidenceOpacity;

function confidence(scene: Scene, f: { properties: { confidence?: string } }): number {
  if (f.properties.confidence !== 'low') return 1;
  scene.keys.lowConfidence = true;
  return LOW;
}

/** Points every `spacingPx` along the parts, for the legend to steer clear of. */
function sample(scene: Scene, parts: Parts, spacingPx: number, weight: number): void {
  for (const p of parts) {
    let carry = 0;
    for (let i = 0; i + 3 < p.length; i += 2) {
      const [x0, y0, x1, y1] = [p[i]!, p[i + 1]!, p[i + 2]!, p[i + 3]!];
      const len = Math.hypot(x1 - x0, y1 - y0);
      let t = carry;
      for (; t < len; t += spacingPx) keep(scene, x0 + ((x1 - x0) * t) / len, y0 + ((y1 - y0) * t) / len, weight);
      carry = t - len;
    }
  }
}

/** The middle of a symbol: a label may graze its edge but not hide it. */
const core = (p: [number, number], r: number) => ({ x0: p[0] - r / 2, y0: p[1] - r / 2, x1: p[0] + r / 2, y1: p[1] + r / 2 });

const PRESENCE_ORDER: Record<string, number> = { contested: 0, present: 1, dominant: 2 };
const isState = (f: LayerFeature<'territories'>) => f.properties.actor === 'state';
const byPresence = (features: readonly LayerFeature<'territories'>[]) =>
  [...features].sort((a, b) => (PRESENCE_ORDER[a.properties.presence] ?? 1) - (PRESENCE_ORDER[b.properties.presence] ?? 1));

/**
 * Criminal groups' territory fills, under the admin lines (the table's draw order); dominant presence last, on
 * top. The outlines are later steps: territoryOutlines, then stateActorAreas.
 */
export function territoryFills(scene: Scene, features: readonly LayerFeature<'territories'>[]): string {
  const T = LOOK.territories;
  let fills = '';
  for (const f of byPresence(features)) {
    if (isState(f)) continue;
    const parts = scene.screen.areal(f.geometry);
    if (!parts.length) continue;
    const { presence, group } = f.properties;
    scene.keys.groups.set(group, f.properties.groupName);
    scene.keys.presences.add(presence);
    sample(scene, parts, 12, WEIGHT.outline);
    const opacity = (T.presenceOpacity[presence] ?? T.presenceOpacity.present) * confidence(scene, f);
    fills += el('path', { d: pathData(parts, true), fill: groupColour(group), 'fill-opacity': opacity, 'fill-rule': 'evenodd' });
  }
  return fills;
}

/** Criminal groups' territory outlines: solid for present and dominant, or (`contested`) the dashed ones. */
export function territoryOutlines(scene: Scene, features: readonly LayerFeature<'territories'>[], contested: boolean): string {
  const z = scene.viewport.zoom;
  const T = LOOK.territories;
  const line = contested ? T.contested : T.outline;
  let out = '';
  for (const f of byPresence(features)) {
    if (isState(f) || (f.properties.presence === 'contested') !== contested) continue;
    const d = pathData(scene.screen.areal(f.geometry), true);
    if (!d) continue;
    const colour = groupColour(f.properties.group);
    out += el('path', { d, fill: 'none', ...strokeAt({ colour, ...line }, z), 'stroke-opacity': line.opacity * confidence(scene, f), 'stroke-linejoin': contested ? undefined : 'round' });
  }
  return out;
}

/** Areas of abuse by officials, not a cartel: a faint fill and a dotted outline, confident ones first (as the style). */
export function stateActorAreas(scene: Scene, features: readonly LayerFeature<'territories'>[]): string {
  const z = scene.viewport.zoom;
  const s = LOOK.territories.stateActors;
  const state = features.filter(isState);
  let out = '';
  for (const low of [false, true]) {
    let fills = '';
    let outlines = '';
    for (const f of state) {
      if ((f.properties.confidence === 'low') !== low) continue;
      const parts = scene.screen.areal(f.geometry);
      if (!parts.length) continue;
      const d = pathData(parts, true);
      const c = confidence(scene, f);
      scene.keys.stateActors.set(f.properties.group, f.properties.groupName);
      sample(scene, parts, 12, WEIGHT.outline);
      fills += el('path', { d, fill: s.colour, 'fill-opacity': s.fillOpacity * c, 'fill-rule': 'evenodd' });
      outlines += el('path', { d, fill: 'none', ...strokeAt(s.outline, z), 'stroke-linecap': 'round', 'stroke-linejoin': 'round', 'stroke-opacity': s.outline.opacity * c });
    }
    out += fills + outlines;
  }
  return out;
}

/** Corridors: saturated lines on a white casing; the report's journey wider and on top; low confidence dashed. */
export function routes(scene: Scene, features: readonly LayerFeature<'routes'>[]): string {
  const z = scene.viewport.zoom;
  const isJourney = (f: LayerFeature<'routes'>) => f.properties.corridor === 'journey';
  const R = LOOK.routes;
  const width = (f: LayerFeature<'routes'>, extra = 0) => atZoom(isJourney(f) ? R.width.journey : R.width.other, z) + extra;
  const sorted = [...features].sort((a, b) => Number(isJourney(a)) - Number(isJourney(b)));
  let casings = '';
  let lines = '';
  for (const f of sorted) {
    const parts = scene.screen.linear(f.geometry);
    if (!parts.length) continue;
    const d = pathData(parts, false);
    const colour = colourOf(R.colours, f.properties.corridor, R.fallback);
    scene.keys.corridors.add(f.properties.corridor);
    sample(scene, parts, 10, WEIGHT.line);
    const round = { fill: 'none', 'stroke-linejoin': 'round', 'stroke-linecap': 'round' };
    if (f.properties.confidence === 'low') {
      scene.keys.lowConfidence = true;
      const w = width(f);
      lines += el('path', { d, fill: 'none', stroke: colour, 'stroke-width': w, 'stroke-dasharray': R.lowConfidence.dash.map((x) => num(x * w)).join(' '), 'stroke-opacity': R.lowConfidence.opacity });
    } else {
      casings += el('path', { d, ...round, stroke: R.casing.colour, 'stroke-width': width(f, R.casing.extra), 'stroke-opacity': R.casing.opacity });
      lines += el('path', { d, ...round, stroke: colour, 'stroke-width': width(f) });
    }
  }
  return casings + lines;
}

/** Expulsion flights: dashed lines with a chevron at mid-flight pointing to the destination. */
export function flights(scene: Scene, features: readonly LayerFeature<'expulsion-flights'>[]): string {
  const z = scene.viewport.zoom;
  const F = LOOK.flights;
  const w = atZoom(F.line.width, z);
  let out = '';
  for (const f of features) {
    const parts = scene.screen.linear(f.geometry);
    if (!parts.length) continue;
    const colour = colourOf(F.colours, f.properties.kind, F.fallback);
    const c = confidence(scene, f);
    scene.keys.flightKinds.add(f.properties.kind);
    out += el('path', { d: pathData(parts, false), fill: 'none', ...strokeAt({ colour, ...F.line }, z), 'stroke-opacity': F.line.opacity * c });
    // The chevron sits on the middle segment of the longest visible piece.
    const p = parts.reduce((a, b) => (b.length > a.length ? b : a));
    const i = Math.max(0, 2 * Math.floor((p.length / 2 - 1) / 2));
    const [x0, y0, x1, y1] = [p[i]!, p[i + 1]!, p[i + 2]!, p[i + 3]!];
    const angle = (Math.atan2(y1 - y0, x1 - x0) * 180) / Math.PI;
    const s = 2.5 * w + 2;
    out += el('path', {
      d: `M${num(-s)} ${num(-s)}L0 0L${num(-s)} ${num(s)}`,
      transform: `translate(${num((x0 + x1) / 2)} ${num((y0 + y1) / 2)}) rotate(${num(angle)})`,
      fill: 'none', stroke: colour, 'stroke-width': w * 1.2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round', 'stroke-opacity': c,
    });
  }
  return out;
}

/** IOM Missing Migrants records: faint dots sized by the dead and missing, largest first so small ones show. */
export function migrantDeaths(scene: Scene, features: readonly LayerFeature<'migrant-deaths'>[]): string {
  const z = scene.viewport.zoom;
  const D = LOOK.migrantDeaths;
  if (z < D.minzoom) return '';
  const n = (f: LayerFeature<'migrant-deaths'>) => Math.max(1, f.properties.dead_and_missing || 1);
  const sorted = [...features].sort((a, b) => n(b) - n(a));
  let circles = '';
  for (const f of sorted) {
    const p = scene.screen.point(f.geometry.coordinates);
    if (!p) continue;
    const root = Math.sqrt(n(f));
    const r = atZoom(D.radius.base, z) + atZoom(D.radius.perRootCount, z) * root;
    circles += el('circle', { cx: p[0], cy: p[1], r });
  }
  if (!circles) return '';
  scene.keys.base.add('migrant-deaths');
  return el('g', { fill: D.colour, 'fill-opacity': atZoom(D.opacity, z) }, circles);
}

export function airports(scene: Scene, features: readonly LayerFeature<'airports'>[]): string {
  const A = LOOK.airports;
  if (scene.viewport.zoom < A.minzoom) return '';
  const r = atZoom(A.radius, scene.viewport.zoom);
  let circles = '';
  for (const f of features) {
    const p = scene.screen.point(f.geometry.coordinates);
    if (p) circles += el('circle', { cx: p[0], cy: p[1], r });
  }
  if (!circles) return '';
  scene.keys.base.add('airports');
  return el('g', { fill: A.colour, stroke: A.stroke.colour, 'stroke-width': A.stroke.width }, circles);
}

/** Checkpoints by agency, white-ringed; low-confidence ones faded and drawn first. */
export function checkpoints(scene: Scene, features: readonly LayerFeature<'checkpoints'>[], skip: ReadonlySet<string> = new Set()): string {
  const z = scene.viewport.zoom;
  const r = atZoom(LOOK.checkpoints.radius, z);
  const sw = atZoom(LOOK.checkpoints.stroke.width, z);
  const sorted = [...features].sort((a, b) => Number(a.properties.confidence !== 'low') - Number(b.properties.confidence !== 'low'));
  let out = '';
  for (const f of sorted) {
    if (skip.has(f.id)) continue; // drawn numbered by the route exposure
    if (!drawnAt.checkpoints(f, z)) continue; // a small-scale map keeps the major ones (importance.ts)
    const p = scene.screen.point(f.geometry.coordinates);
    if (!p) continue;
    const c = confidence(scene, f);
    scene.keys.agencies.add(f.properties.agency);
    keep(scene, p[0], p[1], WEIGHT.symbol);
    scene.occupied.push(core(p, r));
    out += el('circle', { cx: p[0], cy: p[1], r, fill: agencyColour(f.properties.agency), stroke: LOOK.checkpoints.stroke.colour, 'stroke-width': sw, opacity: c < 1 ? c : undefined });
  }
  return out;
}

/** The role a port is coloured by on the date: the first of the table's priority it holds, else "none". */
export function portRole(port: LayerFeature<'ports'>): keyof typeof LOOK.ports.colours {
  const roles = new Set(port.properties.roles.map((r) => r.role));
  return LOOK.ports.priority.find((r) => roles.has(r)) ?? 'none';
}

/** Ports of entry by role on the date, dark-ringed to set them apart from checkpoints. */
export function ports(scene: Scene, features: readonly LayerFeature<'ports'>[]): string {
  const z = scene.viewport.zoom;
  const r = atZoom(LOOK.ports.radius, z);
  const sw = atZoom(LOOK.ports.stroke.width, z);
  let out = '';
  for (const f of features) {
    if (!drawnAt.ports(f, z)) continue; // a small-scale map keeps the major ones (importance.ts)
    const p = scene.screen.point(f.geometry.coordinates);
    if (!p) continue;
    const role = portRole(f);
    scene.keys.portRoles.add(role);
    keep(scene, p[0], p[1], WEIGHT.symbol);
    scene.occupied.push(core(p, r));
    out += el('circle', { cx: p[0], cy: p[1], r, fill: LOOK.ports.colours[role], stroke: LOOK.ports.stroke.colour, 'stroke-width': sw });
  }
  return out;
}
