import * as maplibregl from '/vendor/maplibre-gl/maplibre-gl.mjs';
import { TerraDraw, TerraDrawLineStringMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { fillPickers, setupAsk } from './ask.js';
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

const style = await getJson('/styles/gauntlet/style.json');
if (state.archive) {
  const protocol = new globalThis.pmtiles.Protocol();
  maplibregl.addProtocol('pmtiles', protocol.tile);
  style.sources.gauntlet = { type: 'vector', url: `pmtiles://${location.origin}/tiles/gauntlet.pmtiles`, attribution: style.sources.gauntlet.attribution };
}

const map = new maplibregl.Map({ container: 'map', style, center: [-102, 24], zoom: 4.2, hash: true, attributionControl: false });
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
await setupSearch(map, document.getElementById('search'), document.getElementById('search-results'), {
  onPick: (e) => e.layer !== 'places' && viewer.popups.open(e.layer, e.id),
});

// Policy periods, as the ports layer dates them: each role's documented spans, overlapping ones merged.
const ports = await getJson('/layers/ports?as_of=all');
const roleColour = Object.fromEntries(legendData.sections.find((x) => x.theme === 'ports').entries.map((e) => [e.key, e.swatch.colour]));
const periods = [];
Object.keys(legendData.labels.portRole).filter((r) => r !== 'none').forEach((role, lane) => {
  const spans = ports.features.flatMap((f) => f.properties.roles.filter((r) => r.role === role)).map((r) => [r.observed?.from ?? r.observed?.to, r.ended?.date]).sort((a, b) => a[0].localeCompare(b[0]));
  const merged = [];
  for (const [from, to] of spans) {
    const prev = merged.at(-1);
    if (prev && (prev[1] === undefined || prev[1] >= from)) prev[1] = prev[1] === undefined || to === undefined ? undefined : prev[1] > to ? prev[1] : to;
    else merged.push([from, to]);
  }
  for (const [from, to] of merged) periods.push({ title: legendData.labels.portRole[role], from, to, colour: roleColour[role], lane });
});
viewer.time = setupTime(map, document.getElementById('time'), {
  initial: state.time,
  periods,
  firstMonth: '2010-01', // the report's period and its run-up; older facts show with "all dates"
  onChange: () => viewer.ask?.refresh(),
});

const territories = legendData.sections.find((x) => x.theme === 'territories').entries.filter((e) => !e.key.startsWith('presence:'));
const routePick = document.getElementById('route-pick');
const portPick = document.getElementById('port-pick');
await fillPickers(routePick, portPick);
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
  groupColours: { ...Object.fromEntries(territories.map((e) => [e.key, e.swatch.colour])), fallback: '#777777' },
  labels: { ...legendData.labels, groupNames: Object.fromEntries(territories.map((e) => [e.key, e.label])) },
  TerraDraw: { TerraDraw, TerraDrawLineStringMode, Adapter: TerraDrawMapLibreGLAdapter },
});
if (state.route) await viewer.ask.ask({ kind: 'stored', id: state.route, keepView: sharedView });
else if (state.drawn?.length >= 2) await viewer.ask.ask({ kind: 'drawn', coordinates: state.drawn, keepView: sharedView });

if (state.selection) {
  const [layer, ...rest] = state.selection.split('/');
  await viewer.popups.open(layer, rest.join('/'));
}
viewer.ready = true;
