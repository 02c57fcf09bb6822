import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { goToView, idle, sharedViewer, shot, tileLoads, tilesParsedTwice, timeSettled, useChromium } from '../support/browser.js';
import { ROUTE_LINK } from './links.js';
import { clearAnswer, oneDecimal } from './panel-steps.js';

// Asking a route in the viewer as a person would: pick a stored route or draw one with two clicks, read the panel,
// hover a row, download the answer. The panel's figures are checked against the API's own answer to the same
// question, and a drawn line's length against the haversine formula.

const { server, chrome } = useChromium();

const R = 6371.0088;
function haversineKm([lon1, lat1]: number[], [lon2, lat2]: number[]): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2! - lat1!) * rad) / 2) ** 2 + Math.cos(lat1! * rad) * Math.cos(lat2! * rad) * Math.sin(((lon2! - lon1!) * rad) / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(a));
}

async function cellsOf(page: import('playwright-core').Page, heading: string): Promise<string[][]> {
  return page.evaluate((heading) => {
    const h = [...document.querySelectorAll('#panel h3')].find((x) => x.textContent === heading);
    const table = h?.nextElementSibling;
    if (!table || table.tagName !== 'TABLE') return [];
    return [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''));
  }, heading);
}

describe('asking a route in the viewer', () => {
  it('asks the exposure API with the same time rule as the map', async () => {
    // a link with a stored route, opened anew: the page the next tests of this file go on with
    const { page, errors, requests: loaded } = await sharedViewer(chrome, server.base, ROUTE_LINK);
    await page.locator('#panel .downloads').waitFor();
    expect(new URL(page.url()).searchParams.get('route')).toBe('central-nuevo-laredo');
    // the page asked each of the viewer's documents once, and not the whole OpenAPI document
    const count = (path: string) => loaded.filter((r) => r === `GET ${path}`).length;
    for (const path of ['/viewer/legend.json', '/viewer/search.json', '/sources', '/policies', '/styles/gauntlet/style.json?as_of=2021-03-01']) expect(count(path), path).toBe(1);
    expect(count('/openapi.json')).toBe(0);
    // and parsed each tile once: opening the link set no layer's filter or visibility for nothing
    expect(await tilesParsedTwice(page)).toEqual([]);
    // a link without a view opens at the route's box: the tiles of that view only, none of the style's view before it
    const zoom = await page.evaluate(() => (window as any).gauntletMap.getZoom());
    const zooms = new Set(Object.keys(await tileLoads(page)).map((k) => Number(k.split(' ')[1]!.split('/')[0])));
    expect([...zooms]).toEqual([Math.floor(zoom)]);
    // the pickers list every stored route and port, by name, from the search index (no layer downloaded for them)
    expect(loaded.filter((r) => r.startsWith('GET /layers/'))).toEqual([]);
    for (const [pick, layer] of [['#route-pick', 'routes'], ['#port-pick', 'ports']] as const) {
      const options = await page.locator(`${pick} option:not([value=""])`).evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent]));
      const features = server.layers.layer(layer).features.map((f) => [String(f.id), String((f.properties as any).name)]);
      expect(options.sort(), pick).toEqual(features.sort());
    }
    const requests: string[] = [];
    page.on('request', (r) => r.url().includes('/exposure') && requests.push(r.url()));
    await page.locator('#time-slider').fill(String(2019 * 12 + 5)); // June 2019
    await page.locator('#panel .summary', { hasText: 'as of 1 Jun 2019' }).waitFor();
    expect(requests.some((u) => new URL(u).searchParams.get('as_of') === '2019-06-01')).toBe(true);
    const api = await (await fetch(`${server.base}/routes/central-nuevo-laredo/exposure?as_of=2019-06-01`)).json();
    const rows = await page.locator('#panel h3:text("Passages in travel order") + table tbody tr').count();
    expect(rows).toBe(api.territories.length);
    expect(errors).toEqual([]);
  }, 120_000);

  it('answers a stored route as the API does: passages with entry/exit, checkpoints in order, the expulsion question', async () => {
    // the page the test before left at June 2019 (or the link opened anew): the time control back to March 2021
    const { page, errors } = await sharedViewer(chrome, server.base, ROUTE_LINK);
    await page.locator('#time-slider').fill(String(2021 * 12 + 2));
    await timeSettled(page);
    await page.selectOption('#port-pick', '2402');
    await page.selectOption('#route-pick', 'central-nuevo-laredo');
    await page.locator('#panel .downloads').waitFor();
    await idle(page);
    const api = await (await fetch(`${server.base}/routes/central-nuevo-laredo/exposure?as_of=2021-03-01&expulsionPort=2402`)).json();
    expect(await page.locator('#panel .summary').textContent()).toContain(`${oneDecimal(api.route.lengthKm)} km`);
    expect(await page.locator('#panel .summary').textContent()).toContain('as of 1 Mar 2021');
    const passages = await cellsOf(page, 'Passages in travel order');
    expect(passages.length).toBe(api.territories.length);
    expect(api.territories.length).toBeGreaterThan(0); // 2021: the CDN holds Nuevo Laredo
    for (const [i, t] of api.territories.entries()) {
      expect(passages[i]![1]).toBe(t.groupName);
      expect(passages[i]![3]).toBe(oneDecimal(t.entryKm));
      expect(passages[i]![4]).toBe(oneDecimal(t.exitKm));
    }
    const checkpoints = await cellsOf(page, 'Checkpoints in order');
    expect(checkpoints.map((r) => r[1])).toEqual(api.checkpoints.map((c: any) => c.name));
    expect(checkpoints.map((r) => r[3])).toEqual(api.checkpoints.map((c: any) => oneDecimal(c.distanceAlongKm)));
    const expulsion = await page.locator('#panel .expulsion').textContent();
    expect(expulsion).toContain(api.expulsion.lateral ? 'lateral. The route' : 'not lateral');
    expect(new URL(page.url()).searchParams.get('route')).toBe('central-nuevo-laredo');
    expect(new URL(page.url()).searchParams.get('port')).toBe('2402');

    // hovering the first passage row lights that passage up on the map, and only it
    await page.locator('#panel tr[data-row]').first().hover();
    await idle(page);
    const hot = await page.evaluate(() => (window as any).gauntletMap.queryRenderedFeatures({ layers: ['ask-passage-hot'] }).map((f: any) => f.properties.id));
    expect(hot.length).toBeGreaterThan(0);
    expect(new Set(hot)).toEqual(new Set([api.territories[0].id]));
    expect(await page.locator('#panel tr.hot').count()).toBe(1);
    await shot(page, '04-stored-route-panel');
    expect(errors).toEqual([]);
  }, 120_000);

  it('draws a two-click route, answers it in the panel and downloads the PNG, CSV and GeoJSON of the answer', async () => {
    // the page the stored route was asked in (or opened anew), cleared as a person would, at the view to draw in
    const { page, errors } = await sharedViewer(chrome, server.base, ROUTE_LINK);
    await clearAnswer(page);
    expect(await page.locator('#time output').textContent()).toBe('as of 1 Mar 2021');
    await goToView(page, '#7/26.4/-99.9');
    await page.click('#draw');
    const monterrey = [-100.318, 25.675];
    const nuevoLaredo = [-99.52, 27.48];
    for (const lonLat of [monterrey, nuevoLaredo]) {
      const p = await page.evaluate((c) => (window as any).gauntletMap.project(c), lonLat);
      await page.mouse.click(p.x, p.y);
      await page.waitForTimeout(200);
    }
    await page.click('#draw-finish');
    await page.locator('#panel .downloads').waitFor();
    await idle(page);
    const drawn = new URL(page.url()).searchParams.get('draw')!.split(';').map((pair) => pair.split(',').map(Number));
    expect(drawn.length).toBe(2);
    // the clicks land within a pixel of the places aimed at (≈ 1 km at zoom 7)
    expect(haversineKm(drawn[0]!, monterrey)).toBeLessThan(1.5);
    expect(haversineKm(drawn[1]!, nuevoLaredo)).toBeLessThan(1.5);
    const summary = await page.locator('#panel .summary').textContent();
    expect(summary).toContain(`${oneDecimal(haversineKm(drawn[0]!, drawn[1]!))} km`);
    const api = await (
      await fetch(`${server.base}/exposure?as_of=2021-03-01`, { method: 'POST', body: JSON.stringify({ type: 'LineString', coordinates: drawn }) })
    ).json();
    const passages = await cellsOf(page, 'Passages in travel order');
    expect(passages.map((r) => r[1])).toEqual(api.territories.map((t: any) => t.groupName));
    await shot(page, '05-drawn-route-panel');

    const download = async (cls: string) => {
      const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click(`#panel .${cls}`)]);
      return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
    };
    const png = await download('download-png');
    expect(png.name).toBe('drawn-route-2021-03-01.png');
    const image = PNG.sync.read(png.bytes);
    const size = await page.evaluate(() => ({ w: (window as any).gauntletMap.getCanvas().clientWidth, h: (window as any).gauntletMap.getCanvas().clientHeight }));
    expect([image.width, image.height]).toEqual([size.w, size.h]); // the view on screen, at its size

    const csv = (await download('download-csv')).bytes.toString('utf8').trim().split('\r\n');
    expect(csv[0]).toMatch(/^element,order,id,name,/);
    expect(csv.filter((r) => r.startsWith('passage,')).length).toBe(api.territories.length);
    expect(csv.filter((r) => r.startsWith('checkpoint,')).length).toBe(api.checkpoints.length);

    const geojson = JSON.parse((await download('download-geojson')).bytes.toString('utf8'));
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.features.filter((f: any) => f.properties.element === 'passage').length).toBe(api.territories.length);
    expect(geojson.exposure.summary).toEqual(api.summary);
    expect(errors).toEqual([]);
  }, 180_000);
});
