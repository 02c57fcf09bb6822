import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../src/layers/catalog.js';
import { loadLayerSet } from '../../src/layers/load.js';
import { listen } from '../../src/server/serve.js';
import { openViewer, SHOTS_DIR, useBrowser } from './browser.js';

// A real map client: MapLibre GL JS in Debian's headless Chromium (WebGL through SwiftShader), pointed at the
// server's viewer and style. Needs /usr/bin/chromium (npm test installs it).

let server: Server;
let base: string;
const chromium = useBrowser();

beforeAll(async () => {
  ({ server, url: base } = await listen(await loadLayerSet(), { port: 0, host: '127.0.0.1' }));
}, 120_000);
afterAll(() => new Promise<void>((done) => server.close(() => done())));

interface Rendered {
  layers: Record<string, number>;
  symbols: number;
  errors: string[];
}

/** Opens the viewer at `path`, waits until the map is idle, and counts the rendered features per tile layer. */
async function render(path: string, screenshot: string): Promise<Rendered> {
  const { page, errors } = await openViewer(chromium.browser, base, path);
  const rendered = await page.evaluate(() => {
    const features = (window as any).gauntletMap.queryRenderedFeatures();
    const layers: Record<string, number> = {};
    for (const f of features) layers[f.sourceLayer] = (layers[f.sourceLayer] ?? 0) + 1;
    return { layers, symbols: features.filter((f: any) => f.layer.type === 'symbol').length };
  });
  await page.screenshot({ path: screenshot });
  await page.close();
  return { ...rendered, errors };
}

describe('MapLibre GL JS draws the style', () => {
  it('renders every Gauntlet layer, with labels, from the XYZ endpoints', async () => {
    const shot = join(SHOTS_DIR, 'maplibre-xyz.png');
    const r = await render('/?t=all#5/26.5/-101', shot);
    expect(r.errors).toEqual([]);
    for (const l of LAYERS) expect(r.layers[l.id] ?? 0, `${l.id} rendered (screenshot: ${shot})`).toBeGreaterThan(0);
    expect(r.symbols).toBeGreaterThan(10); // text was drawn: glyphs loaded
  }, 120_000);

  it('renders from the PMTiles archive with the pmtiles protocol (range requests, no tile server)', async () => {
    const shot = join(SHOTS_DIR, 'maplibre-archive.png');
    const r = await render('/?archive=1&t=all#7/26.2/-98.9', shot);
    expect(r.errors).toEqual([]);
    for (const id of ['territories', 'routes', 'ports', 'checkpoints', 'border', 'places']) expect(r.layers[id] ?? 0, id).toBeGreaterThan(0);
  }, 120_000);
});
