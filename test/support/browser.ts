import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { useServer, type TestServer } from './server.js';
import { SHADER_CACHE_DIR } from './shader-cache.js';

// Debian's Chromium, headless, with WebGL drawn on the CPU by Mesa's llvmpipe: the real browser a person would
// use, for the viewer tests. A test file gets one server and one browser (starting them is most of a small file's
// time), and its pages share one browser context, so a page opened after the first finds the viewer's modules,
// MapLibre and the tiles it has already seen in the HTTP cache, as a returning visitor would. Screenshots the closing notes show
// (`shot(..., { always: true })`) go to tmp/viewer/ (gitignored) on every run; the others only with
// VIEWER_SHOTS=1, or of every open page when a test fails.

export const SHOTS_DIR = join(import.meta.dirname, '..', '..', 'tmp', 'viewer');
const ALL_SHOTS = process.env.VIEWER_SHOTS === '1';

/** Where no pixel is asserted: the sidebar (300 px), the panel (440 px) and a map between them (a route is fitted
 * with 840 px of side padding); low, as each frame drawn on the CPU costs in proportion to its pixels (480 px high
 * drew ~17% fewer than 580; at 400 two tests lose what they look for on screen). */
export const VIEWPORT = { width: 880, height: 480 };
/** The size a person looks at, a small laptop's (the screenshots of issue 13's walk-through); its pages are drawn at
 * a person's resolution too (Chromium.screen). */
export const LARGE_VIEWPORT = { width: 1024, height: 640 };

// WebGL goes through ANGLE to Mesa's llvmpipe over EGL (Debian's libegl-mesa0 and libgl1-mesa-dri, which
// scripts/ensure-test-packages.mjs installs), not through Chromium's own SwiftShader: most of what a page open costs
// the GPU process is compiling MapLibre's shaders, which SwiftShader does again for every page (1.2 - 1.5 s of CPU per
// open) while Mesa compiles them once into SHADER_CACHE_DIR (2.9 s for the run's first open, 0.4 s for each after);
// its frames cost less too. Four opens and 80 repaints, three browsers of each in turns: GPU process 35.0 s with
// SwiftShader, 22.9 s with llvmpipe (renderer 15.7 s either way). The compositor composites the page in software
// (--disable-gpu-compositing): through llvmpipe the same took 35.1 s. The rest of the flags turn off what a test
// never uses (extensions, sync, updates, audio).
const ARGS = ['--headless', '--no-sandbox', '--use-angle=gl-egl', '--ignore-gpu-blocklist', '--disable-gpu-compositing', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-extensions', '--disable-default-apps', '--mute-audio'];
/** What WebGL must name as its renderer (checkWebGL). */
const WEBGL_RENDERER = /llvmpipe/;

/**
 * Fails at once, saying why, where WebGL is not Mesa's llvmpipe: without Mesa's EGL there is no WebGL at all, and
 * each viewer test would only time out waiting for a map that cannot draw.
 */
async function checkWebGL(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  try {
    const renderer = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      if (!gl) return 'nothing (no WebGL2 context)';
      return String(gl.getParameter(gl.getExtension('WEBGL_debug_renderer_info')?.UNMASKED_RENDERER_WEBGL ?? gl.RENDERER));
    });
    if (!WEBGL_RENDERER.test(renderer)) throw new Error(`WebGL is drawn by ${renderer}, not Mesa's llvmpipe: see ARGS in test/support/browser.ts`);
  } finally {
    await page.close();
  }
}

/**
 * Device pixels per CSS pixel where no pixel is asserted. Layout, hit tests and queryRenderedFeatures are in CSS
 * pixels, so the page is the same page; MapLibre sizes its canvas by devicePixelRatio, so the GPU process draws a
 * quarter of the pixels per frame (Chromium CPU over test/viewer with SwiftShader, paired runs: 45.7 / 42.9 s at 1,
 * 38.5 / 37.0 s at 0.5 with the screen context for LARGE_VIEWPORT; 35.8 s with every page at 0.5).
 */
const TEST_SCALE = 0.5;

export interface Chromium {
  browser: Browser;
  /** Shared by the file's pages: one HTTP cache, downloads accepted, drawn at TEST_SCALE. */
  context: BrowserContext;
  /** The same at 1 device pixel per CSS pixel: pages whose pixels are read or shown (LARGE_VIEWPORT, the colour comparison). */
  screen: BrowserContext;
}

export interface ChromiumSession {
  server: TestServer;
  chrome: Chromium;
}

let session: ChromiumSession | undefined;

/**
 * The file's server and browser, started once however many modules of the file ask for them. Chromium is launched
 * at once, while the server loads its data; every page a test leaves open is closed after it.
 */
export function useChromium(): ChromiumSession {
  if (session) return session;
  const chrome = {} as Chromium;
  const env = { ...process.env, MESA_SHADER_CACHE_DIR: SHADER_CACHE_DIR }; // made by the global setup (shader-cache.ts)
  const launching = chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS, env });
  launching.catch(() => undefined); // awaited (and reported) in beforeAll
  const server = useServer();
  beforeAll(async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    chrome.browser = await launching;
    // reduced motion: the map jumps where it would fly (MapLibre's own rule), drawing one view instead of every frame between
    const options = { viewport: VIEWPORT, acceptDownloads: true, reducedMotion: 'reduce' } as const;
    chrome.context = await chrome.browser.newContext({ ...options, deviceScaleFactor: TEST_SCALE });
    chrome.screen = await chrome.browser.newContext({ ...options, deviceScaleFactor: 1 });
    await checkWebGL(chrome.context);
  }, 120_000);
  afterEach(async ({ task }) => {
    const pages = [chrome.context, chrome.screen].flatMap((c) => c?.pages() ?? []);
    const failed = task.result?.state === 'fail';
    if (failed) {
      const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await Promise.all(pages.map((p, i) => p.screenshot({ path: join(SHOTS_DIR, `failed-${name}-${i}.png`) }).catch(() => undefined)));
      shared.clear(); // the next test opens its link anew, not a page a failure left behind
    }
    await Promise.all(pages.filter((p) => failed || !sharedPages.has(p)).map((p) => p.close()));
  });
  afterAll(async () => {
    // files may share a process (isolate: false): the next file that asks starts its own
    session = undefined;
    shared.clear();
    await (await launching.catch(() => undefined))?.close();
  });
  session = { server, chrome };
  return session;
}

export interface ViewerPage {
  page: Page;
  errors: string[];
  /** Every request the page made, as "METHOD path?query", in order. */
  requests: string[];
}

/** A new page in the shared context (LARGE_VIEWPORT: the screen one); page errors, HTTP errors and requests are kept. */
export async function newPage(chrome: Chromium, viewport = VIEWPORT): Promise<ViewerPage> {
  const page = await (viewport === LARGE_VIEWPORT ? chrome.screen : chrome.context).newPage();
  if (viewport !== VIEWPORT) await page.setViewportSize(viewport);
  await page.addInitScript(recordTileLoads);
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('request', (req) => {
    const url = new URL(req.url());
    requests.push(`${req.method()} ${url.pathname}${url.search}`);
  });
  page.on('response', (res) => res.status() >= 400 && errors.push(`${res.status()} ${res.url()}`));
  return { page, errors, requests };
}

/**
 * Runs in the page before its scripts: counts each tile MapLibre loads (a tile `data` event: fetched and parsed, or
 * parsed again by a source reload) by "source z/x/y" key into `window.gauntletTileLoads`, from the moment the
 * viewer sets `window.gauntletMap` (before any tile is asked for).
 */
function recordTileLoads() {
  const loads: Record<string, number> = ((window as any).gauntletTileLoads = {});
  let map: any;
  Object.defineProperty(window, 'gauntletMap', {
    configurable: true,
    get: () => map,
    set(m) {
      map = m;
      m.on('data', (e: any) => {
        if (e.dataType !== 'source' || !e.tile) return;
        const { overscaledZ, wrap, canonical: c } = e.tile.tileID;
        const key = `${e.sourceId} ${overscaledZ}/${c.x}/${c.y}${wrap ? `@${wrap}` : ''}`;
        loads[key] = (loads[key] ?? 0) + 1;
      });
    },
  });
}

/** The tile loads the page has counted so far (see recordTileLoads), of the given source. */
export async function tileLoads(page: Page, source = 'gauntlet'): Promise<Record<string, number>> {
  const all: Record<string, number> = await page.evaluate(() => (window as any).gauntletTileLoads);
  return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith(`${source} `)));
}

/** The tiles of the source the page has loaded more than once so far (a source reloaded for nothing parses them all again). */
export async function tilesParsedTwice(page: Page, source = 'gauntlet'): Promise<string[]> {
  const loads = Object.entries(await tileLoads(page, source));
  // none counted is the hook not working, not a page that parsed nothing twice
  if (loads.length === 0) throw new Error(`no ${source} tile load counted on ${page.url()}`);
  return loads.filter(([, n]) => n > 1).map(([k]) => k);
}

/** Opens the viewer at `path` and waits until it is ready and the map idle. */
export async function openViewer(chrome: Chromium, base: string, path: string, viewport = VIEWPORT): Promise<ViewerPage> {
  const opened = await newPage(chrome, viewport);
  await gotoViewer(opened.page, base + path);
  return opened;
}

const shared = new Map<string, Promise<ViewerPage>>();
const sharedPages = new WeakSet<Page>();

/**
 * The viewer opened at `path` once for all the tests of the file that start from the same link (opening the viewer
 * is most of what such a test costs): the first to ask opens it, the others get the page as the one before left it
 * and set what they need through the UI, as a person staying on the page would.
 */
export function sharedViewer(chrome: Chromium, base: string, path: string): Promise<ViewerPage> {
  if (!shared.has(path)) {
    const opening = openViewer(chrome, base, path).then((v) => (sharedPages.add(v.page), v));
    opening.catch(() => shared.delete(path));
    shared.set(path, opening);
  }
  return shared.get(path)!;
}

/** Goes to another view in the same page, as a person editing the link's `#zoom/lat/lon` would, and waits until idle. */
export async function goToView(page: Page, hash: string): Promise<void> {
  // MapLibre's own hashchange listener, added first, has jumped there when this one runs
  await page.evaluate((h) => new Promise<void>((resolve) => (location.hash === h ? resolve() : (addEventListener('hashchange', () => resolve(), { once: true }), (location.hash = h)))), hash);
  await idle(page);
}

/** Loads the viewer at `url` in a page (a link opened anew) and waits until it is ready and the map idle. */
export async function gotoViewer(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => (window as any).gauntletViewer?.ready === true, undefined, { timeout: 60_000 });
  await idle(page);
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

/** A screenshot to tmp/viewer/NAME.png: always for the ones a closing note shows, else only with VIEWER_SHOTS=1. */
export async function shot(page: Page, name: string, { always = false } = {}): Promise<void> {
  if (always || ALL_SHOTS) await page.screenshot({ path: join(SHOTS_DIR, `${name}.png`) });
}
