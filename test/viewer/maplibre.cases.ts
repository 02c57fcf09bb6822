import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../src/layers/catalog.js';
import type { Page } from 'playwright-core';
import { goToView, openViewer, sharedViewer, shot, timeSettled, useChromium } from '../support/browser.js';
import { PORT_LINK } from './links.js';

// A real map client: MapLibre GL JS in Debian's headless Chromium (WebGL through Mesa's llvmpipe), pointed at the
// server's viewer and style. Needs /usr/bin/chromium (npm test installs it).

const { server, chrome } = useChromium();

interface Rendered {
  layers: Record<string, number>;
  symbols: number;
}

/** The rendered features per tile layer of the map in the page, once idle, and how many are symbols. */
async function rendered(page: Page, screenshot: string): Promise<Rendered> {
  const counts = await page.evaluate(() => {
    const features = (window as any).gauntletMap.queryRenderedFeatures().filter((f: any) => f.source === 'gauntlet');
    const layers: Record<string, number> = {};
    for (const f of features) layers[f.sourceLayer] = (layers[f.sourceLayer] ?? 0) + 1;
    return { layers, symbols: features.filter((f: any) => f.layer.type === 'symbol').length };
  });
  await shot(page, screenshot); // the page stays open: a failing test's screenshot shows it (tmp/viewer/failed-*)
  return counts;
}

describe('MapLibre GL JS draws the style', () => {
  it('renders every Gauntlet layer, with labels, from the XYZ endpoints', async () => {
    // the page the time control's tests leave (or their link opened anew), set to all dates over the north
    const { page, errors } = await sharedViewer(chrome, server.base, PORT_LINK);
    await page.click('#clear-route');
    await page.getByLabel('all dates').check();
    await timeSettled(page);
    await goToView(page, '#5/26.5/-101');
    expect(new URL(page.url()).searchParams.get('t')).toBe('all');
    const r = await rendered(page, 'maplibre-xyz');
    expect(errors).toEqual([]);
    for (const l of LAYERS) expect(r.layers[l.id] ?? 0, `${l.id} rendered`).toBeGreaterThan(0);
    expect(r.symbols).toBeGreaterThan(10); // text was drawn: glyphs loaded
  }, 120_000);

  it('renders from the PMTiles archive with the pmtiles protocol (range requests, no tile server)', async () => {
    const { page, errors } = await openViewer(chrome, server.base, '/?archive=1&t=all#7/26.2/-98.9');
    const r = await rendered(page, 'maplibre-archive');
    expect(errors).toEqual([]);
    for (const id of ['territories', 'routes', 'ports', 'checkpoints', 'border', 'places']) expect(r.layers[id] ?? 0, id).toBeGreaterThan(0);
  }, 120_000);
});
