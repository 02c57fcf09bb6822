import { describe, expect, it } from 'vitest';
import { goToView, sharedViewer, shot, tilesParsedTwice, timeSettled, useChromium } from '../support/browser.js';
import { PORT_LINK } from './links.js';

// A port's roles by period in its popup, then the time control as a person uses it: by default the map shows what
// holds today; moving the slider to a month redraws the territories of that day. Counts per date are checked
// against the API's own answer for the same date and view (/layers/territories?as_of=&bbox=), never against the page.

const { server, chrome } = useChromium();

const today = new Date().toISOString().slice(0, 10);
const NORTH_EAST = '#5.3/26/-101';

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

describe('the viewer inspects a feature', () => {
  it('describes a port\'s roles by period in words, and a link with sel= opens its popup', async () => {
    // a link opened anew: the page the time control's tests go on with
    const { page, errors } = await sharedViewer(chrome, server.base, PORT_LINK);
    const popup = page.locator('.maplibregl-popup .feature-popup');
    await popup.waitFor();
    expect(await popup.locator('h3').textContent()).toBe('San Ysidro – Tijuana');
    // geodata: mpp-return observed from 2019-01-29, ended 2021-06; the restart from 2022-01-05, ended 2022-08;
    // Title 42 from 2020-03, ended 2023-05-11
    expect(await popup.textContent()).toContain('MPP returns: 29 Jan 2019 – Jun 2021 (high confidence)');
    expect(await popup.textContent()).toContain('MPP returns: 5 Jan 2022 – Aug 2022');
    expect(await popup.textContent()).toContain('Title 42 expulsions: Mar 2020 – 11 May 2023');
    await shot(page, '03-port-popup');
    // opening the popup and the latest facts' filters parsed no tile twice
    expect(await tilesParsedTwice(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('the viewer time control', () => {
  it('shows what holds today by default, and the territories of March 2021 when the slider is moved there', async () => {
    // the page the port's link opened (at the latest facts, no t=), or that link opened anew, moved to a view of
    // the north-east as a person editing the link's view would
    const { page, errors } = await sharedViewer(chrome, server.base, PORT_LINK);
    await goToView(page, NORTH_EAST);
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
    const { page, errors } = await sharedViewer(chrome, server.base, PORT_LINK);
    await goToView(page, NORTH_EAST);
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
});
