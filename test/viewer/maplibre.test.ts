import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../src/layers/catalog.js';
import { loadLayerSet } from '../../src/layers/load.js';
import { listen } from '../../src/server/serve.js';

// A real map client: MapLibre GL JS in Debian's headless Chromium (WebGL through SwiftShader), pointed at the
// server's viewer and style. Needs /usr/bin/chromium (.ci/run installs it).

let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  ({ server, url: base } = await listen(await loadLayerSet(), { port: 0, host: '127.0.0.1' }));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => server.close(() => done()));
});

interface Rendered {
  layers: Record<string, number>;
  symbols: number;
  errors: string[];
}

async function render(path: string, screenshot: string): Promise<Rendered> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('response', (res) => res.status() >= 400 && errors.push(`${res.status()} ${res.url()}`));
  await page.goto(base + path);
  await page.waitForFunction(() => (window as any).gauntletViewer?.ready === true, undefined, { timeout: 60_000 });
  const rendered = await page.evaluate(
    () =>
      new Promise<{ layers: Record<string, number>; symbols: number }>((resolve) => {
        const map = (window as any).gauntletMap;
        const done = () => {
          const features = map.queryRenderedFeatures();
          const layers: Record<string, number> = {};
          for (const f of features) layers[f.sourceLayer] = (layers[f.sourceLayer] ?? 0) + 1;
          resolve({ layers, symbols: features.filter((f: any) => f.layer.type === 'symbol').length });
        };
        if (map.loaded() && map.areTilesLoaded()) done();
        else map.once('idle', done);
      }),
  );
  await page.screenshot({ path: screenshot });
  await page.close();
  return { ...rendered, errors };
}

describe('MapLibre GL JS draws the style', () => {
  it('renders every Gauntlet layer, with labels, from the XYZ endpoints', async () => {
    const shot = join(tmpdir(), 'gauntlet-maplibre-xyz.png');
    const r = await render('/?t=all#5/26.5/-101', shot);
    expect(r.errors).toEqual([]);
    for (const l of LAYERS) expect(r.layers[l.id] ?? 0, `${l.id} rendered (screenshot: ${shot})`).toBeGreaterThan(0);
    expect(r.symbols).toBeGreaterThan(10); // text was drawn: glyphs loaded
  }, 120_000);

  it('renders from the PMTiles archive with the pmtiles protocol (range requests, no tile server)', async () => {
    const shot = join(tmpdir(), 'gauntlet-maplibre-archive.png');
    const r = await render('/?archive=1&t=all#7/26.2/-98.9', shot);
    expect(r.errors).toEqual([]);
    for (const id of ['territories', 'routes', 'ports', 'checkpoints', 'border', 'places']) expect(r.layers[id] ?? 0, id).toBeGreaterThan(0);
  }, 120_000);
});
