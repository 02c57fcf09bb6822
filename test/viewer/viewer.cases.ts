import { describe, expect, it } from 'vitest';
import { LOOK } from '../../src/cartography/look.js';
import { goToView, idle, openViewer, renderedCount, sharedViewer, shot, tilesParsedTwice, timeSettled, useChromium } from '../support/browser.js';

// The analyst's viewer used as a person would: switches in the legend, the search box, a click on the map and
// its popup, the URL as a shareable link. Expectations come from the API and the geodata, not from the page.

const { server, chrome } = useChromium();
/** The link the tests of the legend, the search and the territory popup share a page of. */
const COAHUILA_2023 = '/?t=2023-03-15#5.6/27/-101';

describe('the viewer reads the map', () => {
  it('draws a legend from the palette, and a legend switch hides and shows a layer', async () => {
    // the page the next tests of this part share (as of 2023-03-15, Coahuila and Nuevo León in view)
    const { page, errors } = await sharedViewer(chrome, server.base, COAHUILA_2023);
    // the legend's switches, set up on a fresh page, change no layer: MapLibre parsed each tile once
    expect(await tilesParsedTwice(page)).toEqual([]);
    const legend = await (await fetch(`${server.base}/viewer/legend.json`)).json();
    const entriesOf = (theme: string) => legend.sections.find((s: any) => s.theme === theme).entries.filter((e: any) => !e.key.startsWith('presence:'));
    const groups = entriesOf('territories');
    const stateActors = entriesOf('state-actors');
    // every group the data names is in the legend, with its name as the data spells it: criminal groups under
    // their theme, state actors (issue 9's actor: state) under theirs
    const namesOf = (actor: string) => new Set(server.layers.layer('territories').features.filter((f) => (f.properties as any).actor === actor).map((f) => (f.properties as any).groupName));
    expect(new Set(groups.map((g: any) => g.label))).toEqual(namesOf('criminal'));
    expect(new Set(stateActors.map((g: any) => g.label))).toEqual(namesOf('state'));
    expect(stateActors.length).toBeGreaterThan(0);
    expect(await page.locator('#legend [data-theme=territories] li').count()).toBe(groups.length + 3);
    expect(await page.locator('#legend [data-theme=state-actors] li').count()).toBe(stateActors.length);
    // a group the table has no colour for is drawn in the table's fallback, on the map and in the panel alike
    expect(legend.groupFallback).toBe(LOOK.territories.fallback);

    const before = await renderedCount(page, 'checkpoints');
    expect(before).toBeGreaterThan(0);
    await page.getByLabel('Checkpoints by agency').uncheck();
    await idle(page);
    expect(await renderedCount(page, 'checkpoints')).toBe(0);
    expect(new URL(page.url()).searchParams.get('layers')?.split(',')).not.toContain('checkpoints');
    expect(await renderedCount(page, 'territories')).toBeGreaterThan(0); // the others stay
    await shot(page, '01-checkpoints-off');

    // the link holds the state: opened anew, the layer stays off
    const link = new URL(page.url());
    const again = await openViewer(chrome, server.base, link.pathname + link.search + link.hash);
    expect(await again.page.getByLabel('Checkpoints by agency').isChecked()).toBe(false);
    expect(await renderedCount(again.page, 'checkpoints')).toBe(0);
    await again.page.getByLabel('Checkpoints by agency').check();
    await idle(again.page);
    expect(await renderedCount(again.page, 'checkpoints')).toBe(before);
    expect(again.errors).toEqual([]);
    await again.page.close();
    // and the shared page is left as it opened, every layer on
    await page.getByLabel('Checkpoints by agency').check();
    await idle(page);
    expect(await renderedCount(page, 'checkpoints')).toBe(before);
    expect(errors).toEqual([]);
  }, 120_000);

  it('switches state-actor areas apart from criminal groups, and their popup says what they are', async () => {
    // as of 2023-03-15 the Coahuila state-officials area holds (observed 2023) beside criminal groups' territories
    const { page, errors } = await sharedViewer(chrome, server.base, COAHUILA_2023);
    const drawnIds = () => page.evaluate(() => new Set((window as any).gauntletMap.queryRenderedFeatures().filter((f: any) => f.sourceLayer === 'territories').map((f: any) => f.properties.id)).size);
    const drawnBy = async (actor: string) => (await page.evaluate(() => (window as any).gauntletMap.queryRenderedFeatures().filter((f: any) => f.sourceLayer === 'territories').map((f: any) => [f.properties.id, f.properties.actor]))).filter(([, a]: any) => a === actor).length;
    const state = server.layers.layer('territories').features.filter((f) => (f.properties as any).actor === 'state').map((f) => String(f.id));
    expect(await drawnBy('state')).toBeGreaterThan(0);
    expect(await drawnBy('criminal')).toBeGreaterThan(0);
    const all = await drawnIds();

    await page.getByLabel('State actors (documented abuse by officials)').uncheck();
    await idle(page);
    expect(await drawnBy('state')).toBe(0);
    expect(await drawnBy('criminal')).toBeGreaterThan(0);
    await page.getByLabel('Criminal groups', { exact: true }).uncheck();
    await page.getByLabel('State actors (documented abuse by officials)').check();
    await idle(page);
    expect(await drawnBy('criminal')).toBe(0);
    expect(await drawnBy('state')).toBeGreaterThan(0);
    await page.getByLabel('Criminal groups', { exact: true }).check();
    await idle(page);
    expect(await drawnIds()).toBe(all);

    // its popup: a state actor, the agencies its sources name, how the area was drawn
    await page.evaluate((id) => (window as any).gauntletViewer.popups.open('territories', id), state[0]);
    const popup = page.locator('.maplibregl-popup .feature-popup');
    await popup.waitFor();
    const f = server.layers.layer('territories').byId.get(state[0]!)!.properties as any;
    expect(await popup.locator('.actor-state').textContent()).toContain('State actor');
    expect(await popup.textContent()).toContain(f.groupName);
    expect(await popup.textContent()).toContain(`drawn as ${f.extentBasis === 'state' ? 'a whole state' : ''}`);
    expect(await popup.textContent()).toContain(`${Math.round(f.areaKm2).toLocaleString('en')} km²`);
    await shot(page, '02b-state-actor-popup');
    expect(errors).toEqual([]);
  }, 120_000);

  it('finds a place by name without its accents and flies there', async () => {
    // wherever the page is (the test before leaves it on Coahuila, a popup open): the search works from any view
    const { page, errors } = await sharedViewer(chrome, server.base, COAHUILA_2023);
    await page.getByLabel('Find a place or feature').fill('torreon');
    await page.locator('#search-results li', { hasText: 'Torreón' }).first().click();
    await page.waitForFunction(() => !(window as any).gauntletMap.isMoving());
    await idle(page);
    const torreon = server.layers.layer('places').byId.get('torreon');
    expect(torreon, 'Torreón is in the gazetteer').toBeDefined();
    const [lon, lat] = (torreon!.geometry as any).coordinates;
    const centre = await page.evaluate(() => (window as any).gauntletMap.getCenter().toArray());
    expect(Math.abs(centre[0] - lon)).toBeLessThan(0.01);
    expect(Math.abs(centre[1] - lat)).toBeLessThan(0.01);
    // the view is in the link
    const [z, hLat, hLon] = new URL(page.url()).hash.slice(1).split('/').map(Number);
    expect(z).toBeGreaterThanOrEqual(9);
    expect(Math.abs(hLat! - lat)).toBeLessThan(0.01);
    expect(Math.abs(hLon! - lon)).toBeLessThan(0.01);
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('the viewer inspects a feature', () => {
  it('opens a territory popup on click with its group, dates, confidence and source titles linked', async () => {
    // the page the search left (or opened anew), moved as a person would: the time control to March 2021, then
    // the link's view to the one its territories fill
    const { page, errors } = await sharedViewer(chrome, server.base, COAHUILA_2023);
    await page.locator('#time-slider').fill(String(2021 * 12 + 2));
    await timeSettled(page);
    expect(new URL(page.url()).searchParams.get('t')).toBe('2021-03-01');
    await goToView(page, '#7/25.3/-100.9');
    // Find a spot on screen where the only clickable thing is a territory, as a person would aim at a fill.
    // aim at a territory whose sources include one with a URL, so the popup has a link to follow
    const linked = server.layers.layer('territories').features.filter((f) => (f.properties as any).sources.some((id: string) => server.layers.sources.get(id)?.url)).map((f) => f.id);
    const target = await page.evaluate((linked) => {
      const map = (window as any).gauntletMap;
      const canvas = map.getCanvas().getBoundingClientRect();
      const clickable = ['ports', 'checkpoints', 'expulsion-flights', 'routes', 'places', 'airports', 'migrant-deaths'];
      for (let y = 60; y < canvas.height - 60; y += 23) {
        for (let x = 340; x < canvas.width - 80; x += 23) {
          // a territory where the click handler looks (3 px around), nothing else clickable a little further out
          const hits = map.queryRenderedFeatures([[x - 5, y - 5], [x + 5, y + 5]]).filter((f: any) => f.source === 'gauntlet');
          const t = map.queryRenderedFeatures([[x - 3, y - 3], [x + 3, y + 3]]).find((f: any) => f.source === 'gauntlet' && f.sourceLayer === 'territories');
          if (t && linked.includes(t.properties.id) && !hits.some((f: any) => clickable.includes(f.sourceLayer))) return { x, y, id: t.properties.id };
        }
      }
      return undefined;
    }, linked);
    expect(target, 'a territory on screen').toBeDefined();
    await page.mouse.click(target!.x, target!.y);
    const popup = page.locator('.maplibregl-popup .feature-popup');
    await popup.waitFor();
    const f = server.layers.layer('territories').byId.get(target!.id)!;
    const p = f.properties as any;
    expect(await popup.locator('h3').textContent()).toBe(p.name);
    expect(await popup.textContent()).toContain(p.groupName);
    expect(await popup.textContent()).toContain(`Confidence${p.confidence}`);
    const links = popup.locator('.sources a');
    const first = server.layers.sources.get(p.sources[0])!;
    expect(await links.first().textContent()).toBe(first.title);
    expect(await links.first().getAttribute('href')).toBe(first.url);
    expect(new URL(page.url()).searchParams.get('sel')).toBe(`territories/${target!.id}`);
    await shot(page, '02-territory-popup');
    expect(errors).toEqual([]);
  }, 120_000);
});
