import { describe, expect, it } from 'vitest';
import { openViewer, sharedViewer, shot, timeSettled, useChromium } from '../support/browser.js';

// The time control as a person uses it: by default the map shows what holds today; moving the slider to a month
// redraws the territories of that day. Counts per date are checked against the API's own answer for the same date
// and view (/layers/territories?as_of=&bbox=), never against the page.

const { server, chrome } = useChromium();

const today = new Date().toISOString().slice(0, 10);

async function renderedTerritories(page: import('playwright-core').Page): Promise<Set<string>> {
  const ids: string[] = await page.evaluate(() =>
    (window as any).gauntletMap.queryRenderedFeatures({ layers: ['territories-fill', 'territories-fill-low-confidence', 'state-actor-areas-fill', 'state-actor-areas-fill-low-confidence'] }).map((f: any) => f.properties.id),
  );
  return new Set(ids);
}

async function view(page: import('playwright-core').Page): Promise<number[]> {
  return page.evaluate(() => (window as any).gauntletMap.getBounds().toArray().flat());
}

/** The API's territories for a date: those whose box meets the view, and those wholly inside it. */
async function apiTerritories(asOf: string, [w, s, e, n]: number[]) {
  const body = await (await fetch(`${server.base}/layers/territories?as_of=${asOf}&bbox=${w},${s},${e},${n}`)).json();
  const meets = new Set<string>(body.features.map((f: any) => f.id));
  const inside = new Set<string>(
    body.features
      .filter((f: any) => {
        const [bw, bs, be, bn] = server.layers.layer('territories').bboxById.get(f.id)!;
        return bw >= w! && bs >= s! && be <= e! && bn <= n!;
      })
      .map((f: any) => f.id),
  );
  return { meets, inside };
}

function expectDrawnAsApi(drawn: Set<string>, api: { meets: Set<string>; inside: Set<string> }) {
  for (const id of api.inside) expect(drawn.has(id), `${id} holds on the date and lies in view: drawn`).toBe(true);
  for (const id of drawn) expect(api.meets.has(id), `${id} drawn: the API has it for the date and view`).toBe(true);
}

describe('the viewer time control', () => {
  it('shows what holds today by default, and the territories of March 2021 when the slider is moved there', async () => {
    const { page, errors } = await sharedViewer(chrome, server.base, '/#5.3/26/-101');
    expect(await page.locator('#time output').textContent()).toContain('latest');
    const bounds = await view(page);
    const now = await renderedTerritories(page);
    expectDrawnAsApi(now, await apiTerritories(today, bounds));
    await shot(page, '06-time-latest');

    // The slider counts months since 2010-01; March 2021 is month 12 * 2021 + 2.
    await page.locator('#time-slider').fill(String(2021 * 12 + 2));
    await timeSettled(page);
    expect(await page.locator('#time output').textContent()).toBe('as of 1 Mar 2021');
    expect(new URL(page.url()).searchParams.get('t')).toBe('2021-03-01');
    const then = await renderedTerritories(page);
    const api2021 = await apiTerritories('2021-03-01', bounds);
    expectDrawnAsApi(then, api2021);
    expect(api2021.inside.size).toBeGreaterThan(0);
    // the two dates draw different maps (the data's 2021 territories are not today's)
    expect([...then].sort()).not.toEqual([...now].sort());
    await shot(page, '07-time-2021-03');

    // "all dates" draws every territory in view, whatever its dates
    await page.getByLabel('all dates').check();
    await timeSettled(page);
    expectDrawnAsApi(await renderedTerritories(page), await apiTerritories('all', bounds));
    expect(errors).toEqual([]);
  }, 180_000);

  it('marks the policy periods of GET /policies and applies a policy as the API\'s own time rule', async () => {
    // the page the test before left at "all dates", or opened anew: a policy button sets the rule from either
    const { page, errors } = await sharedViewer(chrome, server.base, '/#5.3/26/-101');
    const { policies } = await (await fetch(`${server.base}/policies`)).json();
    expect(policies.length).toBeGreaterThan(3);
    // one band and one button per policy, in the API's order, titled with its name and dates
    expect(await page.locator('#time .periods i').count()).toBe(policies.length);
    const titles = await page.locator('#time .period-list button').evaluateAll((bs) => bs.map((b) => [(b as HTMLElement).dataset.policy, b.getAttribute('title')]));
    expect(titles.map(([id]) => id)).toEqual(policies.map((p: any) => p.id));
    for (const [i, p] of policies.entries()) expect(titles[i]![1]).toContain(p.name);

    await page.locator('#time .period-list button[data-policy=title42]').click();
    await timeSettled(page);
    expect(new URL(page.url()).searchParams.get('t')).toBe('title42');
    const title42 = policies.find((p: any) => p.id === 'title42');
    expect(await page.locator('#time output').textContent()).toContain(title42.name);
    // the map's filters are the served style's for as_of=title42: the same time rule as the API, not a copy
    const served = await (await fetch(`${server.base}/styles/gauntlet/style.json?as_of=title42`)).json();
    const filters = await page.evaluate(() => Object.fromEntries(['territories-fill', 'checkpoints-inm', 'ports-title42-expulsion', 'routes', 'territories-label'].map((id) => [id, (window as any).gauntletMap.getFilter(id)])));
    for (const [id, f] of Object.entries(filters)) expect(f, id).toEqual(served.layers.find((l: any) => l.id === id).filter);
    const bounds = await view(page);
    const api = await apiTerritories('title42', bounds);
    expectDrawnAsApi(await renderedTerritories(page), api);
    // labels follow their areas: a label is drawn only for a territory the API has for the period
    const labelled: string[] = await page.evaluate(() => (window as any).gauntletMap.queryRenderedFeatures({ layers: ['territories-label'] }).map((f: any) => f.properties.territory));
    expect(labelled.length).toBeGreaterThan(0);
    for (const id of labelled) expect(api.meets.has(id), `label of ${id}`).toBe(true);
    await shot(page, '07b-time-title42');

    // an exposure asked now uses the same rule
    const requests: string[] = [];
    page.on('request', (r) => r.url().includes('/exposure') && requests.push(r.url()));
    await page.selectOption('#route-pick', 'central-nuevo-laredo');
    await page.locator('#panel .downloads').waitFor();
    expect(requests.some((u) => new URL(u).searchParams.get('as_of') === 'title42')).toBe(true);
    expect(errors).toEqual([]);
  }, 120_000);

  it('asks the exposure API with the same time rule as the map', async () => {
    const { page, errors } = await openViewer(chrome, server.base, '/?t=2021-03-01&route=central-nuevo-laredo');
    await page.locator('#panel .downloads').waitFor();
    const requests: string[] = [];
    page.on('request', (r) => r.url().includes('/exposure') && requests.push(r.url()));
    await page.locator('#time-slider').fill(String(2019 * 12 + 5)); // June 2019
    await page.locator('#panel .summary', { hasText: 'as of 1 Jun 2019' }).waitFor();
    expect(requests.some((u) => new URL(u).searchParams.get('as_of') === '2019-06-01')).toBe(true);
    const api = await (await fetch(`${server.base}/routes/central-nuevo-laredo/exposure?as_of=2019-06-01`)).json();
    const rows = await page.locator('#panel h3:text("Passages in travel order") + table tbody tr').count();
    expect(rows).toBe(api.territories.length);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
