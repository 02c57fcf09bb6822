import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../src/layers/catalog.js';
import { LARGE_VIEWPORT, openViewer, shot, useChromium, VIEWPORT } from '../support/browser.js';

// A real map client: MapLibre GL JS in Debian's headless Chromium (WebGL through SwiftShader), pointed at the
// server's viewer and style. Needs /usr/bin/chromium (npm test installs it).

const { server, chrome } = useChromium();

interface Rendered {
  layers: Record<string, number>;
  symbols: number;
  errors: string[];
}

/** Opens the viewer at `path`, waits until the map is idle, and counts the rendered features per tile layer. */
async function render(path: string, screenshot: string, viewport = LARGE_VIEWPORT): Promise<Rendered> {
  const { page, errors } = await openViewer(chrome, server.base, path, viewport);
  const rendered = await page.evaluate(() => {
    const features = (window as any).gauntletMap.queryRenderedFeatures();
    const layers: Record<string, number> = {};
    for (const f of features) layers[f.sourceLayer] = (layers[f.sourceLayer] ?? 0) + 1;
    return { layers, symbols: features.filter((f: any) => f.layer.type === 'symbol').length };
  });
  await shot(page, screenshot); // the page stays open: a failing test's screenshot shows it (tmp/viewer/failed-*)
  return { ...rendered, errors };
}

describe('MapLibre GL JS draws the style', () => {
  it('renders every Gauntlet layer, with labels, from the XYZ endpoints', async () => {
    const r = await render('/?t=all#5/26.5/-101', 'maplibre-xyz');
    expect(r.errors).toEqual([]);
    for (const l of LAYERS) expect(r.layers[l.id] ?? 0, `${l.id} rendered`).toBeGreaterThan(0);
    expect(r.symbols).toBeGreaterThan(10); // text was drawn: glyphs loaded
  }, 120_000);

  it('renders from the PMTiles archive with the pmtiles protocol (range requests, no tile server)', async () => {
    const r = await render('/?archive=1&t=all#7/26.2/-98.9', 'maplibre-archive', VIEWPORT);
    expect(r.errors).toEqual([]);
    for (const id of ['territories', 'routes', 'ports', 'checkpoints', 'border', 'places']) expect(r.layers[id] ?? 0, id).toBeGreaterThan(0);
  }, 120_000);
});
