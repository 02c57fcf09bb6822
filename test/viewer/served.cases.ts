import { describe, expect, it } from 'vitest';
import { newPage, shot, useChromium } from '../support/browser.js';

// GET /index, the page of what the server publishes, read in the browser against /catalog and the layer list.

const { server, chrome } = useChromium();

describe('the index of what is served', () => {
  it('lists every tile source of /catalog with a TileJSON that answers, the style, the archive and previews', async () => {
    const { page, errors } = await newPage(chrome);
    await page.goto(`${server.base}/index`);
    await page.locator('#layers tr:nth-child(2)').waitFor();
    const catalog = await (await fetch(`${server.base}/catalog`)).json();
    const rows = page.locator('#sources tr[data-source]');
    expect(await rows.count()).toBe(catalog.sources.length);
    for (const [i, s] of catalog.sources.entries()) {
      const row = rows.nth(i);
      expect(await row.getAttribute('data-source')).toBe(s.id);
      const href = await row.locator('a', { hasText: 'TileJSON' }).getAttribute('href');
      const tj = await fetch(new URL(href!, server.base));
      expect(tj.status, href!).toBe(200);
      expect((await tj.json()).tilejson).toBe('3.0.0');
    }
    expect(await page.locator('#styles a[href="/styles/gauntlet/style.json"]').count()).toBe(1);
    expect(await page.locator('#archive a[href="/?archive=1"]').count()).toBe(1);
    expect(await page.locator('#layers tr').count()).toBe(server.layers.layers.size + 1);
    await shot(page, '00-index');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
