import type { Geometry, LineString, MultiLineString, Position } from 'geojson';
import { computeExposure, type ExposureResult } from '../exposure/exposure.js';
import { degreesFor, haversineKm } from '../exposure/geodesy.js';
import { routeGeometry, type RouteInput } from '../exposure/route-input.js';
import { DRAW_ORDER, LABEL_ORDER, type DrawStep, type LabelStep } from '../cartography/look.js';
import { ATTRIBUTION, THEMATIC_LAYERS, type LayerId } from '../layers/catalog.js';
import type { LayerFeature } from '../layers/features.js';
import type { BBox, LayerSet } from '../layers/layer-set.js';
import { TimeRuleError, type TimeRule } from '../layers/time/index.js';
import { resolveCamera, type Insets, type Viewport } from './camera.js'; // camera -> viewport (fit with padding)
import { MAX_CALLER_INK_PX } from './ink.js'; // a bound on the rasterizer's work
import { legend } from './legend.js'; // what the picture shows, in the emptiest corner
import type { OverlayFeature } from './overlay-input.js';
import { RenderInputError, type RenderOptions } from './options.js';
import { rasterize, type RasterizeOptions } from './rasterize.js'; // SVG -> PNG (resvg, shipped fonts)
import { Screen } from './screen.js'; // project, simplify to the resolution, clip to the view
import { border, countryLines, landFill, municipalityLines, railroads, roads, stateLines, water } from './svg/base-map.js';
import { attribution, MARGIN, scaleBar, title } from './svg/frame.js';
import { countryLabels, LabelPlacer, placeImportance, placeLabels } from './svg/labels.js';
import { el } from './svg/markup.js';
import { overlays } from './svg/overlays.js';
import { routeExposure } from './svg/route-exposure.js';
import { emptyKeys, type Scene } from './svg/scene.js';
import { airports, checkpoints, flights, migrantDeaths, ports, routes, stateActorAreas, territoryFills, territoryOutlines } from './svg/thematic.js';
import { FONT_FAMILY } from './fonts.js';

// A static map: options -> camera -> SVG built from the layers with the vector style's colours -> PNG.
// Everything but the last step is synchronous and pure; the SVG is the same for the same options and data.

/** Bumped whenever the drawing changes, so cached images (ETags) of an older renderer are not reused. */
export const RENDERER_VERSION = 2;
/** A fitted map is fitted again beside its legend when the legend would hide more than this (legend.ts weights). */
const LEGEND_COVER_LIMIT = 20;

const tooMuchInk = (what: string, ink: number) =>
  `the ${what} would cover ${(ink / 1e6).toFixed(0)} million device px² of strokes and fills at this camera; the limit is ${MAX_CALLER_INK_PX / 1e6} million: simplify, crop or draw a smaller image`;

/** A route to draw: its line, its name for the legend and the places the label placer must keep. */
interface RouteToDraw {
  geometry: LineString | MultiLineString;
  name: string;
  waypoints: string[];
}

function routeToDraw(layers: LayerSet, route: string | RouteInput): RouteToDraw {
  if (typeof route === 'string') {
    const f = layers.layer('routes').byId.get(route);
    if (!f) throw new RenderInputError('route', `unknown route "${route}"; see GET /layers/routes`);
    return { geometry: f.geometry, name: f.properties.name, waypoints: f.properties.waypoints };
  }
  const props = route.type === 'Feature' ? route.properties : null;
  const name = typeof props?.name === 'string' && props.name.trim() ? props.name.trim().slice(0, 200) : 'Route';
  return { geometry: routeGeometry(route), name, waypoints: [] };
}

function extend(box: BBox | null, p: Position): BBox {
  const [x, y] = [p[0]!, p[1]!];
  if (!box) return [x, y, x, y];
  return [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)];
}

function positionsOf(g: Geometry | null): Position[] {
  if (!g) return [];
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.flat();
    case 'MultiPolygon':
      return g.coordinates.flat(2);
    case 'GeometryCollection':
      return g.geometries.flatMap(positionsOf);
  }
}

/** What `auto` fits: the route and its checkpoints, else the overlays, else the selected layers. */
function contentBox(layers: LayerSet, o: RenderOptions, route: RouteToDraw | null, exposure: ExposureResult | null, extra: readonly OverlayFeature[]): BBox {
  let box: BBox | null = null;
  if (route && exposure) {
    for (const p of positionsOf(route.geometry)) box = extend(box, p);
    for (const c of exposure.checkpoints) box = extend(box, c.position);
  }
  for (const f of extra) for (const p of positionsOf(f.geometry)) box = extend(box, p);
  if (box) return box;
  const union = (ids: readonly LayerId[], asOf: string) => {
    let b: BBox | null = null;
    for (const id of ids) {
      const layer = layers.layer(id);
      for (const f of layers.query(id, { asOf })) {
        const fb = layer.bboxById.get(f.id);
        if (fb && f.geometry) b = extend(extend(b, [fb[0], fb[1]]), [fb[2], fb[3]]);
      }
    }
    return b;
  };
  // Nothing selected, or nothing valid on the date: the whole region the thematic layers cover.
  return union(o.layers, o.asOf) ?? union(THEMATIC_LAYERS, 'all') ?? [-118.5, 14.5, -86.5, 33];
}

/** Places within `maxKm` of a position, nearest first (labels for a posted route's ends). */
function placesNear(layers: LayerSet, p: Position, maxKm: number): string[] {
  const { dLon, dLat } = degreesFor(maxKm, p[1]!);
  return layers
    .query('places', { asOf: 'all', bbox: [p[0]! - dLon, p[1]! - dLat, p[0]! + dLon, p[1]! + dLat] })
    .map((f) => ({ id: f.id, km: haversineKm(p, f.geometry.coordinates) }))
    .filter((x) => x.km <= maxKm)
    .sort((a, b) => a.km - b.km)
    .map((x) => x.id);
}

export interface MapSvg {
  svg: string;
  vertices: number; // path vertices handed to the rasterizer, after simplification and clipping
  exposure: ExposureResult | null;
}

export interface BuildOptions {
  simplify?: boolean; // false keeps every vertex (the benchmark's baseline); default true
}

/** The SVG of a static map. Throws RenderInputError when the options name data that does not exist. */
export function buildMapSvg(layers: LayerSet, o: RenderOptions, build: BuildOptions = {}): MapSvg {
  const { width, height } = o;
  // One time rule for the map, the exposure and the legend (policy names are data: a bad one is the caller's fault).
  let rule: TimeRule;
  try {
    rule = layers.timeRule(o.asOf);
  } catch (err) {
    if (err instanceof TimeRuleError) throw new RenderInputError('asOf', err.message);
    throw err;
  }
  const time = layers.timeAnswer(rule);
  const route = o.route === null ? null : routeToDraw(layers, o.route);
  const exposure = route ? computeExposure(layers, route.geometry, { asOf: rule, bufferKm: o.bufferKm, withGeometry: true }) : null;

  const credit = attribution(width, height, ATTRIBUTION);
  const heading = title(width, height, o.title);
  const p = o.padding;
  // A fit keeps the content clear of the title and the attribution; an explicit box is shown as asked.
  const auto = o.camera.kind === 'auto';
  const insets: Insets = {
    top: p + (auto && heading.box ? heading.box.y1 : 0),
    right: p,
    bottom: p + (auto && credit.box ? credit.box.y1 - credit.box.y0 : 0),
    left: p,
  };
  const content = () => contentBox(layers, o, route, exposure, o.overlays);
  const want = new Set<LayerId>(o.layers);
  const passedIds = new Set(exposure?.checkpoints.map((c) => c.id) ?? []);

  /** Everything but the labels, for one viewport. */
  const compose = (viewport: Viewport) => {
    const screen = new Screen(viewport, build.simplify === false ? 0 : 0.5 / o.scale);
    const scene: Scene = { viewport, screen, asOf: o.asOf, keys: emptyKeys(), keepClear: [], occupied: [] };
    const bbox = viewport.bounds(16);
    const get = <K extends LayerId>(id: K, always = false): LayerFeature<K>[] => (always || want.has(id) ? layers.query(id, { asOf: rule, bbox }) : []);
    const countries = get('countries', true);
    const territoryFeatures = get('territories');
    // One drawer per step of the table's draw order (look.ts DRAW_ORDER), the order the web style is built in;
    // null where the image draws the step elsewhere or not at all, with the reason.
    const steps: Record<DrawStep, (() => string) | null> = {
      background: () => water(scene),
      'countries-fill': () => landFill(scene, countries),
      'territories-fill': () => territoryFills(scene, territoryFeatures),
      'municipalities-line': () => municipalityLines(scene, get('municipalities')),
      'states-line': () => stateLines(scene, get('states', true)),
      'countries-line': () => countryLines(scene, countries),
      'territories-outline': () => territoryOutlines(scene, territoryFeatures, false),
      'territories-outline-contested': () => territoryOutlines(scene, territoryFeatures, true),
      'state-actor-areas': () => stateActorAreas(scene, territoryFeatures),
      roads: () => roads(scene, get('roads')),
      railroads: () => railroads(scene, get('railroads')),
      border: () => border(scene, get('border', true)),
      'migrant-deaths': () => migrantDeaths(scene, get('migrant-deaths')),
      routes: () => routes(scene, get('routes')),
      'expulsion-flights': () => flights(scene, get('expulsion-flights')),
      airports: () => airports(scene, get('airports')),
      places: null, // a place's dot is drawn with its name, where the name fits (labels.ts placeLabels)
      checkpoints: () => checkpoints(scene, get('checkpoints'), passedIds),
      ports: () => ports(scene, get('ports')),
    };
    const parts: string[] = DRAW_ORDER.map((step) => steps[step]?.() ?? '');
    const drawn = route && exposure ? routeExposure(scene, route.geometry, exposure) : null;
    if (drawn) parts.push(drawn.svg);
    const extra = overlays(scene, o.overlays);
    parts.push(extra.svg);
    // What a caller adds is measured before anything is rasterized (ink.ts): past the budget, a 400 naming it.
    const k = o.scale * o.scale;
    if (drawn && drawn.ink * k > MAX_CALLER_INK_PX) throw new RenderInputError('route', tooMuchInk('route', drawn.ink * k));
    if (extra.ink * k > MAX_CALLER_INK_PX) throw new RenderInputError('overlays', tooMuchInk('overlays', extra.ink * k));

    // Furniture first, then the legend where it hides least.
    const bar = scaleBar(viewport, credit.box?.y0 ?? height);
    const key = o.legend
      ? legend(
          { time, keys: scene.keys, route: route && exposure ? { name: route.name, result: exposure } : undefined },
          {
            width,
            height,
            top: 10,
            topLeft: heading.box ? heading.box.y1 + 8 : 10,
            bottom: credit.box?.y0 ?? height,
            bottomLeft: bar.box?.y0 ?? credit.box?.y0 ?? height,
            keepClear: scene.keepClear,
          },
        )
      : { svg: '', box: null, covered: 0 };
    return { scene, parts, drawn, bar, key, countries, get };
  };

  let pass = compose(resolveCamera(o.camera, width, height, insets, content));
  // A fitted map whose legend would hide something is fitted again beside a one-column legend.
  const column = pass.key.column;
  if (auto && pass.key.covered > LEGEND_COVER_LIMIT && column && column.width < width * 0.4) {
    const refit = { ...insets, [column.side]: Math.max(insets[column.side], column.width + 2 * MARGIN) };
    pass = compose(resolveCamera(o.camera, width, height, refit, content));
  }
  const { scene, parts, drawn, bar, key, countries, get } = pass;
  const { screen } = scene;

  const placer = new LabelPlacer(width, height);
  for (const b of [credit.box, heading.box, bar.box, key.box]) if (b) placer.reserve(b, 'furniture');
  for (const b of [...(drawn?.reserved ?? []), ...scene.occupied]) placer.reserve(b, 'symbol');
  const mustShow = new Map<string, number>();
  if (route) {
    const ends = route.waypoints.length ? [route.waypoints[0]!, route.waypoints.at(-1)!] : [];
    if (!ends.length && exposure) {
      const [a] = placesNear(layers, exposure.route.start, 15);
      const [b] = placesNear(layers, exposure.route.end, 15);
      for (const id of [a, b]) if (id) ends.push(id);
    }
    for (const w of route.waypoints) mustShow.set(w, 1);
    for (const e of ends) mustShow.set(e, 3);
  }
  // The labels in the table's order (look.ts LABEL_ORDER). The image names countries and places, placed greedily
  // so none overlaps; a drawn route numbers its checkpoints and names them in the legend.
  const labelSteps: Record<LabelStep, (() => string) | null> = {
    'countries-label': () => countryLabels(scene, countries, placer),
    'territories-label': null,
    'routes-label': null,
    'airports-label': null,
    'places-label': () =>
      placeLabels(scene, get('places', true), placer, {
        importance: placeImportance(layers),
        mustShow,
        maxLabels: Math.max(3, Math.min(60, Math.round((width * height) / 22_000))),
      }),
    'checkpoints-label': null,
    'ports-label': null,
  };
  const labels = LABEL_ORDER.map((step) => labelSteps[step]?.() ?? '').join('');
  parts.push(labels, heading.svg, bar.svg, key.svg, credit.svg);

  const svg = el(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': FONT_FAMILY },
    parts.join(''),
  );
  return { svg, vertices: screen.vertices, exposure };
}

export type Rasterizer = (svg: string, options: RasterizeOptions) => Promise<Buffer>;

/**
 * The static map as a PNG of (width x scale) by (height x scale) pixels. `raster` defaults to resvg in this
 * process; the server passes its RasterPool so a render past the time limit can be killed.
 */
export async function renderMap(layers: LayerSet, options: RenderOptions, raster: Rasterizer = rasterize): Promise<Buffer> {
  const { svg } = buildMapSvg(layers, options);
  return raster(svg, { scale: options.scale });
}

