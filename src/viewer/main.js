import * as maplibregl from '/vendor/maplibre-gl/maplibre-gl.mjs';
import { setupLegend } from './legend.js';
import { createPopups } from './popup.js';
import { setupSearch } from './search.js';
import { readState } from './state.js';

// The analyst's viewer: the server's own style and API, no private endpoints but the legend and search index.
// ?archive=1 reads tiles/gauntlet.pmtiles with HTTP range requests instead of the XYZ endpoints, as a newsroom
// would from a static host.

maplibregl.setWorkerUrl('/vendor/maplibre-gl/maplibre-gl-worker.mjs');
const state = readState();

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

if (state.selection) {
  const [layer, ...rest] = state.selection.split('/');
  await viewer.popups.open(layer, rest.join('/'));
}
viewer.ready = true;
