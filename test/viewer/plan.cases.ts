import { describe, expect, it } from 'vitest';
import { idle, sharedViewer, shot, useChromium } from '../support/browser.js';
import { ROUTE_LINK } from './links.js';

// Planning a trip in the viewer as a person would: two place names, one button; the panel's comparison of the
// shortest and the least-exposure road paths is read against the routing API's own answer to the same question.

const { server, chrome } = useChromium();
const oneDecimal = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

describe('planning a route on roads in the viewer', () => {
  it('plans Monterrey – Nuevo Laredo as of March 2021 and shows both paths as the API answers them', async () => {
    // the page a route was asked in before (or opened anew): cleared as a person would, then the trip
    const { page, errors } = await sharedViewer(chrome, server.base, ROUTE_LINK);
    await page.click('#clear-route');
    await page.selectOption('#port-pick', '');
    expect(await page.locator('#panel').isHidden()).toBe(true);
    expect(await page.locator('#time output').textContent()).toBe('as of 1 Mar 2021');
    await page.getByLabel('Plan between two places: from').fill('Monterrey');
    await page.getByLabel('to', { exact: true }).fill('Nuevo Laredo');
    await page.click('#plan-go');
    await page.locator('#panel .plan-compare').waitFor();
    await page.locator('#panel .downloads').waitFor();
    await idle(page);
    const api = await (await fetch(`${server.base}/network/route?from=monterrey&to=nuevo-laredo&asOf=2021-03-01`)).json();
    for (const [cls, path] of [['plan-distance', api.shortest], ['plan-exposure', api.leastExposure]] as const) {
      const cells = await page.locator(`#panel .plan-compare tr.${cls} td`).allTextContents();
      expect(cells[1]).toBe(oneDecimal(path.lengthKm));
      expect(cells[2]).toBe(path.exposure.groups.map((g: any) => g.groupName).join(', ') || 'none');
      expect(cells[3]).toBe(oneDecimal(path.exposure.summary.likely.kmInTerritory));
      expect(cells[4]).toBe(oneDecimal(path.exposure.summary.possible.kmInTerritory));
      expect(cells[5]).toBe(String(path.exposure.summary.checkpointsPassed));
    }
    // both paths are drawn on the map
    const drawn = await page.evaluate(() => ['plan-shortest', 'plan-least'].map((id) => (window as any).gauntletMap.queryRenderedFeatures({ layers: [id] }).length));
    expect(drawn.every((n: number) => n > 0)).toBe(true);
    // the open answer is the least-exposure path's exposure, passage for passage
    const passages = await page.evaluate(() => {
      const h = [...document.querySelectorAll('#panel h3')].find((x) => x.textContent === 'Passages in travel order');
      const t = h?.nextElementSibling;
      return t?.tagName === 'TABLE' ? [...t.querySelectorAll('tbody tr')].map((tr) => tr.children[1]!.textContent) : [];
    });
    expect(passages).toEqual(api.leastExposure.exposure.territories.map((t: any) => t.groupName));
    expect(new URL(page.url()).searchParams.get('plan')).toBe('monterrey;nuevo-laredo');
    await shot(page, '08-plan-monterrey-nuevo-laredo');

    // today: the same trip, planned again by the time control
    await page.click('#time-latest');
    await page.locator('#panel .summary', { hasText: 'latest' }).waitFor();
    const now = await (await fetch(`${server.base}/network/route?from=monterrey&to=nuevo-laredo`)).json();
    const cells = await page.locator('#panel .plan-compare tr.plan-exposure td').allTextContents();
    expect(cells[4]).toBe(oneDecimal(now.leastExposure.exposure.summary.possible.kmInTerritory));
    await shot(page, '09-plan-today');
    expect(errors).toEqual([]);
  }, 180_000);
});
