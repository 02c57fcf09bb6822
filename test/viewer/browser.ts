import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

// Debian's Chromium, headless, with WebGL through SwiftShader: the real browser a person would use, for the
// viewer tests. Screenshots of the states the tests reach go to tmp/viewer/ (gitignored) for a person to look at.

export const SHOTS_DIR = join(import.meta.dirname, '..', '..', 'tmp', 'viewer');

export function useBrowser(): { browser: Browser } {
  const handle = { browser: undefined as unknown as Browser };
  beforeAll(async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    handle.browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 120_000);
  afterAll(async () => {
    await handle.browser?.close();
  });
  return handle;
}

export interface ViewerPage {
  page: Page;
  errors: string[];
}

/** Opens the viewer at `path` and waits until it is ready and the map idle. Page errors and HTTP errors are kept. */
export async function openViewer(browser: Browser, base: string, path: string, viewport = { width: 1280, height: 800 }): Promise<ViewerPage> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('response', (res) => res.status() >= 400 && errors.push(`${res.status()} ${res.url()}`));
  await page.goto(base + path);
  await page.waitForFunction(() => (window as any).gauntletViewer?.ready === true, undefined, { timeout: 60_000 });
  await idle(page);
  return { page, errors };
}

/** Waits until the map has drawn every tile it needs. */
export async function idle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = (window as any).gauntletMap;
        // a frame first, so a change made just before has been seen by the map
        requestAnimationFrame(() => (map.loaded() && map.areTilesLoaded() && !map.isMoving() ? resolve() : map.once('idle', () => resolve())));
      }),
  );
}

/** Waits until the map shows the time control's rule (the served style's filters for it are applied), then idle. */
export async function timeSettled(page: Page): Promise<void> {
  await page.evaluate(() => (window as any).gauntletViewer.time.settled());
  await idle(page);
}

/** Features of the given tile source-layer the map has drawn on screen now. */
export function renderedCount(page: Page, sourceLayer: string): Promise<number> {
  return page.evaluate((sl) => {
    const map = (window as any).gauntletMap;
    const ids = new Set(map.queryRenderedFeatures().filter((f: any) => f.sourceLayer === sl).map((f: any) => f.id ?? JSON.stringify(f.properties)));
    return ids.size;
  }, sourceLayer);
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS_DIR, `${name}.png`) });
