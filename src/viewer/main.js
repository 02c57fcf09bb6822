import * as maplibregl from '/vendor/maplibre-gl/maplibre-gl.mjs';
import { TerraDraw, TerraDrawLineStringMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { fillPickers, ROUTE_FIT, setupAsk } from './ask.js';
import { setupPlan } from './plan.js';
import { setupTime } from './time.js';
import { setupLegend } from './legend.js';
import { createPopups } from './popup.js';
import { setupSearch } from './search.js';
import { readState } from './state.js';

// The analyst's viewer: the server's own style and API, no private endpoints but the legend and search index.
// ?archive=1 reads tiles/gauntlet.pmtiles with HTTP range requests instead of the XYZ endpoints, as a newsroom
// would from a static host.

maplibregl.setWorkerUrl('/vendor/maplibre-gl/maplibre-gl-worker.mjs');
const state = readState();
const sharedView = location.hash.length > 1; // a link with a view keeps it; otherwise an asked route is fitted

const getJson = async (url) => {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
};

/** The box of the link's stored route (from the search index) or drawn line, as [[w, s], [e, n]]; else undefined. */
function linkedRouteBox() {
  if (state.route) {
    const e = searchEntries.find((x) => x.layer === 'routes' && x.id === state.route);
    return e && [[e.bbox[0], e.bbox[1]], [e.bbox[2], e.bbox[3]]];
  }
  if (!(state.drawn?.length >= 2)) return undefined;
  const lons = state.drawn.map((c) => c[0]);
  const lats = state.drawn.map((c) => c[1]);
  return [[Math.min(...lons), Math.min(...lats)], [Math.max(...lons), Math.max(...lats)]];
}

// The served style for the link's time rule (latest by default); the time control swaps in the served filters of
// any other rule. A rule the server refuses falls back to latest, and the control says so.
const initialRule = state.time ?? 'latest';
const searchIndex = getJson('/viewer/search.json'); // asked beside the style: it holds a linked route's box
let styleRule = initialRule;
const style = await getJson(`/styles/gauntlet/style.json?as_of=${encodeURIComponent(initialRule)}`).catch(() => {
  styleRule = 'latest';
  return getJson('/styles/gauntlet/style.json');
});
const { entries: searchEntries } = await searchIndex;
const servedLayers = structuredClone(style.layers);
if (state.archive) {
  const protocol = new globalThis.pmtiles.Protocol();
  maplibregl.addProtocol('pmtiles', protocol.tile);
  style.sources.gauntlet = { type: 'vector', url: `pmtiles://${location.origin}/tiles/gauntlet.pmtiles`, attribution: style.sources.gauntlet.attribution };
}

// The view: the link's hash; else the asked route's box, fitted as the answer will be (the map opens there rather
// than loading the style's view first and then the route's); else the served style's centre and zoom (the map
// region of the cartography table). Labels appear at once, without MapLibre's fade, for a reader who asks the
// system for reduced motion.
const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
const bounds = sharedView ? undefined : linkedRouteBox();
const map = new maplibregl.Map({
  container: 'map', style, hash: true, attributionControl: false,
  ...(bounds ? { bounds, fitBoundsOptions: ROUTE_FIT } : {}),
  ...(reducedMotion ? { fadeDuration: 0 } : {}),
});
map.addControl(new maplibregl.NavigationControl(), 'top-right');
map.addControl(new maplibregl.ScaleControl({ maxWidth: 120, unit: 'metric' }), 'bottom-left');
map.addControl(new maplibregl.AttributionControl({ compact: true }), 'bottom-right');
window.gauntletMap = map; // for tests and the console
const viewer = (window.gauntletViewer = { map });

await new Promise((resolve) => (map.isStyleLoaded() ? resolve() : map.once('load', resolve)));
// Compact attribution starts open; fold it so it does not cover the map (its (i) button opens it).
document.querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');

const [legendData, sourceList] = await Promise.all([getJson('/viewer/legend.json'), getJson('/sources')]);
const sources = new Map(sourceList.sources.map((s) => [s.id, s]));
viewer.legend = setupLegend(map, document.getElementById('legend'), state.layers, legendData);
viewer.popups = createPopups(map, maplibregl, { labels: legendData.labels, sources });
setupSearch(map, document.getElementById('search'), document.getElementById('search-results'), searchEntries, {
  onPick: (e) => e.layer !== 'places' && viewer.popups.open(e.layer, e.id),
});

// Policy periods are data (GET /policies): marked on the time control, each a time rule of its own.
const { policies } = await getJson('/policies');
viewer.time = setupTime(map, document.getElementById('time'), {
  initial: state.time,
  initialLayers: styleRule === initialRule ? servedLayers : undefined,
  policies: policies.map((p) => ({ id: p.id, name: p.name, from: p.from, to: p.ended?.date ?? p.to ?? null })),
  firstMonth: '2010-01', // the report's period and its run-up; older facts show with "all dates"
  // a new rule re-asks the open question: a planned trip is planned again (its paths depend on the date)
  onChange: () => (viewer.ask?.current()?.kind === 'planned' ? viewer.plan?.replan() : viewer.ask?.refresh()),
});

// criminal groups and state actors (their own theme since issue 9): the passages' colours and names
const territories = legendData.sections.filter((x) => x.theme === 'territories' || x.theme === 'state-actors').flatMap((x) => x.entries).filter((e) => !e.key.startsWith('presence:'));
const routePick = document.getElementById('route-pick');
const portPick = document.getElementById('port-pick');
fillPickers(routePick, portPick, searchEntries); // names and ids only: no route geometry downloaded for a list
if (state.port) portPick.value = state.port;
viewer.ask = setupAsk(map, maplibregl, {
  panel: document.getElementById('panel'),
  routePick,
  portPick,
  drawButton: document.getElementById('draw'),
  finishButton: document.getElementById('draw-finish'),
  clearButton: document.getElementById('clear-route'),
  legend: viewer.legend,
  time: viewer.time,
  onClear: () => viewer.plan?.clear(),
  groupColours: { ...Object.fromEntries(territories.map((e) => [e.key, e.swatch.colour])), fallback: legendData.groupFallback },
  labels: { ...legendData.labels, groupNames: Object.fromEntries(territories.map((e) => [e.key, e.label])) },
  sources,
  TerraDraw: { TerraDraw, TerraDrawLineStringMode, Adapter: TerraDrawMapLibreGLAdapter },
});
// Planning on roads between two places of the gazetteer (the search index's places).
const places = searchEntries.filter((e) => e.layer === 'places');
viewer.plan = setupPlan(map, document.getElementById('plan'), { places, ask: viewer.ask, time: viewer.time, panel: document.getElementById('panel'), initial: state.plan });
if (state.route) await viewer.ask.ask({ kind: 'stored', id: state.route, keepView: sharedView });
else if (state.drawn?.length >= 2) await viewer.ask.ask({ kind: 'drawn', coordinates: state.drawn, keepView: sharedView });

if (state.selection) {
  const [layer, ...rest] = state.selection.split('/');
  await viewer.popups.open(layer, rest.join('/'));
}
await viewer.time.settled();
viewer.ready = true;
