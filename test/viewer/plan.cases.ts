import { describe, expect, it } from 'vitest';
import { sharedViewer, shot, useChromium } from '../support/browser.js';
import { ROUTE_LINK } from './links.js';
import { clearAnswer, expectPlanComparison, oneDecimal, planTrip } from './panel-steps.js';

// Planning a trip in the viewer as a person would: two place names, one button; the panel's comparison of the
// shortest and the least-exposure road paths is read against the routing API's own answer to the same question.

const { server, chrome } = useChromium();

describe('planning a route on roads in the viewer', () => {
  it('plans Monterrey – Nuevo Laredo as of March 2021 and shows both paths as the API answers them', async () => {
    // the page a route was asked in before (or opened anew): cleared as a person would, then the trip
    const { page, errors } = await sharedViewer(chrome, server.base, ROUTE_LINK);
    await clearAnswer(page);
    expect(await page.locator('#time output').textContent()).toBe('as of 1 Mar 2021');
    await planTrip(page, 'Monterrey', 'Nuevo Laredo');
    const api = await (await fetch(`${server.base}/network/route?from=monterrey&to=nuevo-laredo&asOf=2021-03-01`)).json();
    await expectPlanComparison(page, api);
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
