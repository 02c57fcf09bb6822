import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Viewport } from '../../src/render/camera.js';
import { RenderRequest } from '../../src/render/options.js';
import { renderMap } from '../../src/render/render.js';
import { territoryLabelFeatures } from '../../src/tiles/label-points.js';
import { SHOTS_DIR, useChromium } from '../support/browser.js';
import { colourDistance, decode, type Image } from './png.js';

// One region drawn both ways from the one cartography table: MapLibre GL JS in headless Chromium with the served
// style, and the PNG renderer with the same centre, zoom and size. The colours at the same projected points
// (checkpoints, ports, and points inside territories) must agree. Labels are left out of both where they differ
// by design (MapLibre places its own; the image places place names greedily).

const { server: srv, chrome } = useChromium();
const [LON, LAT, ZOOM, W, H] = [-100, 26.9, 6.3, 800, 500];
const AS_OF = '2021-03-15';
/** Source-layers the PNG draws for `layers=territories,checkpoints,ports` (base geography always). */
const DRAWN = ['countries', 'states', 'border', 'territories', 'checkpoints', 'ports'];

async function maplibre(): Promise<Image> {
  const page = await chrome.screen.newPage(); // drawn at deviceScaleFactor 1, as the PNG
  await page.setViewportSize({ width: W, height: H });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // A bare map page on the server's origin (so the vendored worker loads), with the served style for the date.
  await page.route(`${srv.base}/__compare.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><head><link rel="stylesheet" href="/vendor/maplibre-gl/maplibre-gl.css">
<style>html,body{margin:0}#map{width:${W}px;height:${H}px}</style></head><body><div id="map"></div>
<script type="module">
import * as maplibregl from '/vendor/maplibre-gl/maplibre-gl.mjs';
maplibregl.setWorkerUrl('/vendor/maplibre-gl/maplibre-gl-worker.mjs');
const style = await (await fetch('/styles/gauntlet/style.json?as_of=${AS_OF}')).json();
const drawn = new Set(${JSON.stringify(DRAWN)});
style.layers = style.layers.filter((l) => l.type === 'background' || (l.type !== 'symbol' && drawn.has(l['source-layer'])));
const map = new maplibregl.Map({ container: 'map', style, center: [${LON}, ${LAT}], zoom: ${ZOOM}, interactive: false, attributionControl: false, pixelRatio: 1, fadeDuration: 0 });
window.map = map;
map.once('idle', () => (window.drawn = true));
</script></body></html>`,
    }),
  );
  await page.goto(`${srv.base}/__compare.html`);
  await page.waitForFunction(() => (window as any).drawn === true, undefined, { timeout: 60_000 });
  const png = await page.screenshot({ clip: { x: 0, y: 0, width: W, height: H } });
  // the two projections agree (both Web Mercator with 512-px tiles)
  const projected = await page.evaluate(([lon, lat]) => (window as any).map.project([lon, lat]), [-98.29, 26.08]);
  const viewport = Viewport.centredOn(LON, LAT, ZOOM, W, H);
  expect(Math.abs(projected.x - viewport.x(-98.29))).toBeLessThan(0.5);
  expect(Math.abs(projected.y - viewport.y(26.08))).toBeLessThan(0.5);
  await page.close();
  expect(errors).toEqual([]);
  writeFileSync(join(SHOTS_DIR, 'compare-maplibre.png'), png);
  return decode(png);
}

describe('the web map and the PNG from one cartography table', () => {
  it('show the same colours at the same points of one region', async () => {
    const web = await maplibre();
    const png = await renderMap(srv.layers, RenderRequest.parse({ camera: `${LON},${LAT},${ZOOM}`, width: W, height: H, layers: 'territories,checkpoints,ports', legend: false, asOf: AS_OF }));
    writeFileSync(join(SHOTS_DIR, 'compare-png.png'), png);
    const image = decode(png);
    const viewport = Viewport.centredOn(LON, LAT, ZOOM, W, H);

    const points: { what: string; lon: number; lat: number }[] = [
      ...srv.layers.query('checkpoints', { asOf: AS_OF }).map((f) => ({ what: `checkpoint ${f.id}`, lon: (f.geometry as any).coordinates[0], lat: (f.geometry as any).coordinates[1] })),
      ...srv.layers.query('ports', { asOf: AS_OF }).map((f) => ({ what: `port ${f.id}`, lon: (f.geometry as any).coordinates[0], lat: (f.geometry as any).coordinates[1] })),
      ...territoryLabelFeatures(srv.layers.query('territories', { asOf: AS_OF })).map((l) => ({ what: `territory ${l.id}`, lon: l.geometry.coordinates[0]!, lat: l.geometry.coordinates[1]! })),
    ];
    // inside the picture, clear of the edges and of the PNG's scale bar and attribution along the bottom
    const inView = points
      .map((p) => ({ ...p, x: Math.round(viewport.x(p.lon)), y: Math.round(viewport.y(p.lat)) }))
      .filter((p) => p.x > 10 && p.x < W - 10 && p.y > 10 && p.y < H - 60);
    expect(inView.filter((p) => p.what.startsWith('checkpoint')).length).toBeGreaterThan(3);
    expect(inView.filter((p) => p.what.startsWith('port')).length).toBeGreaterThan(3);
    expect(inView.filter((p) => p.what.startsWith('territory')).length).toBeGreaterThan(2);

    const compared = inView.map((p) => ({ ...p, web: web.pixel(p.x, p.y).slice(0, 3), png: image.pixel(p.x, p.y).slice(0, 3) }));
    const differ = compared.filter((c) => colourDistance(c.web, c.png) > 24);
    // a place name of the image may lie over a point: a few may differ, not more
    expect(differ.length, JSON.stringify(differ)).toBeLessThanOrEqual(Math.floor(compared.length * 0.15));
    // and the points are not all one colour (the test would pass on two blank maps)
    expect(new Set(compared.map((c) => c.web.join())).size).toBeGreaterThan(4);
  }, 120_000);
});
