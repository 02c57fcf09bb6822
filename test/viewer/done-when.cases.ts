import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { idle, LARGE_VIEWPORT, openViewer, shot, timeSettled, useChromium } from '../support/browser.js';
import { expectPlanComparison, oneDecimal, planTrip } from './panel-steps.js';

// Issue 13's "Done when", step by step as a new user who has not read the README: open /, set the time control
// to 2021, plan Monterrey – Nuevo Laredo, read which groups it crosses and how solid that is, see the sources behind
// it, compare the least-exposure alternative, do the same for today, and download the map. Every figure the page
// shows is read against the API's own answer to the same question (/network/route, /exposure, /sources).

const { server, chrome } = useChromium();
const api = async (path: string, init?: RequestInit) => (await fetch(`${server.base}${path}`, init)).json();

/** The rows of the panel table under a heading, as cell texts. */
function tableUnder(page: Page, heading: string): Promise<string[][]> {
  return page.evaluate((heading) => {
    const h = [...document.querySelectorAll('#panel h3')].find((x) => x.textContent === heading);
    let t = h?.nextElementSibling;
    while (t && t.tagName !== 'TABLE' && !t.querySelector('table')) t = t.nextElementSibling;
    const table = t?.tagName === 'TABLE' ? t : t?.querySelector('table');
    return table ? [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')) : [];
  }, heading);
}

/** The panel says, for an exposure answer, what the API says: groups, the likely – possible band, the caveats. */
async function expectPanelReads(page: Page, x: any) {
  const s = x.summary;
  const headline = (await page.locator('#panel p.answer').first().textContent())!;
  if (s.groupsCrossed === 0) expect(headline).toContain('no mapped criminal-group territory');
  else {
    expect(headline).toContain(`${s.groupsCrossed} criminal group`);
    const same = Math.abs(s.likely.kmInTerritory - s.possible.kmInTerritory) < 0.05;
    expect(headline).toContain(same ? `${oneDecimal(s.possible.kmInTerritory)} km` : `likely ${oneDecimal(s.likely.kmInTerritory)} km – possible ${oneDecimal(s.possible.kmInTerritory)} km`);
  }
  const groups = await tableUnder(page, 'Groups');
  expect(groups.map((r) => r[0])).toEqual(x.groups.map((g: any) => g.groupName));
  expect(groups.map((r) => r[1])).toEqual(x.groups.map((g: any) => oneDecimal(g.likelyKm)));
  expect(groups.map((r) => r[2])).toEqual(x.groups.map((g: any) => oneDecimal(g.lengthKm)));
  const passages = await tableUnder(page, 'Passages in travel order');
  expect(passages.map((r) => [r[1], r[3], r[4], r[6], r[7]])).toEqual(x.territories.map((t: any) => [t.groupName, oneDecimal(t.entryKm), oneDecimal(t.exitKm), t.confidence, t.extentBasis]));
  // what the figure rests on: a stale passage is named as stale, the time rule's warnings are repeated
  const caveats = await page.locator('#panel ul.caveats li').allTextContents();
  for (const t of x.territories.filter((t: any) => t.stale)) expect(caveats.join(' ')).toContain(t.groupName);
  for (const w of x.time.warnings) expect(caveats.join(' ')).toContain(w);
  for (const p of x.time.policies) expect(await page.locator('#panel .policies').textContent()).toContain(p.name);
}

/** Every source the answer's passages and checkpoints cite is listed once, with its title linked to its URL. */
async function expectSourcesOf(page: Page, x: any) {
  const { sources } = await api('/sources');
  const byId = new Map(sources.map((s: any) => [s.id, s]));
  const cited = [...new Set([...x.territories, ...x.stateAreas, ...x.checkpoints].flatMap((f: any) => f.sources))];
  expect(cited.length).toBeGreaterThan(0);
  const listed = await page.locator('#panel ul.sources [data-source]').evaluateAll((as) => as.map((a) => [(a as HTMLElement).dataset.source, a.textContent, a.getAttribute('href')]));
  expect(listed.map(([id]) => id).sort()).toEqual([...cited].sort());
  for (const [id, title, href] of listed) {
    const s = byId.get(id) as any;
    expect(title).toBe(s.title);
    expect(href).toBe(s.url ?? null);
  }
}

describe("issue 13's Done when: a new user at / answers the Monterrey – Nuevo Laredo question", () => {
  it('finds the groups crossed as of 2021 and today, sees the sources, compares the least-exposure path and downloads the map', async () => {
    const { page, errors } = await openViewer(chrome, server.base, '/', LARGE_VIEWPORT);
    expect(await page.locator('#time output').textContent()).toContain('latest');
    // a link without a view opens at the served style's centre and zoom (the cartography table's map region)
    const style = await api('/styles/gauntlet/style.json');
    const opened = await page.evaluate(() => ({ centre: (window as any).gauntletMap.getCenter().toArray(), zoom: (window as any).gauntletMap.getZoom() }));
    expect(opened.centre[0]).toBeCloseTo(style.center[0], 6);
    expect(opened.centre[1]).toBeCloseTo(style.center[1], 6);
    expect(opened.zoom).toBeCloseTo(style.zoom, 6);

    // 1. as of 2021: the time control to June 2021, then the two place names and one button
    await page.locator('#time-slider').fill(String(2021 * 12 + 5));
    await timeSettled(page);
    expect(await page.locator('#time output').textContent()).toBe('as of 1 Jun 2021');
    await planTrip(page, 'Monterrey', 'Nuevo Laredo');
    const then = await api('/network/route?from=monterrey&to=nuevo-laredo&asOf=2021-06-01');
    expect(then.leastExposure.exposure.groups.length).toBeGreaterThan(0); // the data has a group on this trip in 2021
    // the comparison: both paths, their groups and bands, as the routing API answers
    await expectPlanComparison(page, then);
    expect(await page.locator('#panel .plan-compare').textContent()).toContain(then.sameRoute ? 'is the shortest one' : `${oneDecimal(then.extraKm)} km longer`);
    // the open answer is the least-exposure path's, read figure by figure
    await expectPanelReads(page, then.leastExposure.exposure);
    await shot(page, '10-done-2021-plan', { always: true });

    // 2. the sources behind it: titled links, one per cited source
    await expectSourcesOf(page, then.leastExposure.exposure);
    await page.locator('#panel h3', { hasText: 'Sources' }).scrollIntoViewIfNeeded();
    await shot(page, '11-done-2021-sources', { always: true });

    // 3. the timeline over policy periods, as the API computes it for the same line
    const line = then.leastExposure.geometry;
    const timeline = await api('/exposure?as_of=all&by=policy', { method: 'POST', body: JSON.stringify({ type: 'LineString', coordinates: line.coordinates }) });
    await page.locator('#panel table.timeline').waitFor();
    const rows = await page.locator('#panel .over-time table.timeline tbody tr').evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset.period, ...[...tr.querySelectorAll('td')].map((td) => td.textContent)]));
    expect(rows.map((r) => r[0])).toEqual(timeline.timeline.map((t: any) => t.period));
    expect(rows.map((r) => [r[4], r[5]])).toEqual(timeline.timeline.map((t: any) => [oneDecimal(t.summary.likely.kmInTerritory), oneDecimal(t.summary.possible.kmInTerritory)]));
    await page.locator('#panel .over-time').scrollIntoViewIfNeeded();
    await shot(page, '12-done-timeline', { always: true });

    // 4. the shortest path, opened from the comparison
    await page.locator('#panel .plan-compare tr.plan-distance button').click();
    await page.locator('#panel h2', { hasText: 'shortest' }).waitFor();
    await expectPanelReads(page, then.shortest.exposure);

    // 5. today: the same trip, planned again by the time control
    await page.click('#time-latest');
    await page.locator('#panel .summary', { hasText: 'latest' }).waitFor();
    await page.locator('#panel .downloads').waitFor();
    await idle(page);
    const now = await api('/network/route?from=monterrey&to=nuevo-laredo');
    expect(now.leastExposure.exposure.time.rule).toBe('latest');
    await expectPanelReads(page, now.leastExposure.exposure);
    await expectSourcesOf(page, now.leastExposure.exposure);
    await page.locator('#panel').evaluate((p) => (p.scrollTop = 0));
    await shot(page, '13-done-today', { always: true });

    // 6. the map as a PNG: the view on screen, at its size
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('#panel .download-png')]);
    expect(d.suggestedFilename()).toMatch(/^planned-route-latest\.png$/);
    const image = PNG.sync.read(readFileSync((await d.path())!));
    const size = await page.evaluate(() => ({ w: (window as any).gauntletMap.getCanvas().clientWidth, h: (window as any).gauntletMap.getCanvas().clientHeight }));
    expect([image.width, image.height]).toEqual([size.w, size.h]);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
