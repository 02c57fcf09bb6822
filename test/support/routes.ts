import type { LayerSet } from '../../src/layers/layer-set.js';
import { createApp } from '../../src/server/app.js';
import { heavyPool } from '../../src/server/heavy-tasks.js';
import { COMPILED_HEAVY_WORKER } from './compiled.js';

// The routes the server actually registers, read from express's router stack, as OpenAPI path templates: the one
// list the OpenAPI tests check the document against (never a hand-written one).

type Layer = { route?: { path: string | string[]; methods: Record<string, boolean> }; handle?: { stack?: Layer[] }; slash?: boolean };
export type RouterApp = { router: { stack: Layer[] } };

/** Express parameters that carry a suffix the document spells out. */
const ALIAS: Record<string, string> = { '/tiles/{name}': '/tiles/{source}.json', '/fonts/{fontstack}/{range}': '/fonts/{fontstack}/{range}.pbf', '/viewer/': '/viewer' };

export interface RegisteredRoute {
  method: string; // lower case, as express and OpenAPI keys spell it
  express: string; // /layers/:layer
  path: string; // the OpenAPI path: /layers/{layer}
}

/** Every route in express's router stacks; routers mounted under a prefix (/ogc has its own document) are skipped. */
export function registeredRoutes(app: unknown): RegisteredRoute[] {
  const walk = (stack: Layer[]): RegisteredRoute[] =>
    stack.flatMap((l) => {
      if (l.route) {
        return [l.route.path].flat().flatMap((p) => {
          const templated = p.replace(/:(\w+)/g, '{$1}');
          return Object.keys(l.route!.methods).map((method) => ({ method, express: p, path: ALIAS[templated] ?? templated }));
        });
      }
      return l.handle?.stack && l.slash ? walk(l.handle.stack) : []; // mounted at / (not /ogc)
    });
  return walk((app as RouterApp).router.stack);
}

export type OpenApiDoc = { paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>> };

/** "method /path" of each registered route the document does not describe. */
export function undocumented(app: unknown, doc: OpenApiDoc): string[] {
  return registeredRoutes(app)
    .filter((r) => !doc.paths[r.path]?.[r.method])
    .map((r) => `${r.method} ${r.express.replace(/:(\w+)/g, '{$1}')}`);
}

/**
 * `fn` on the app `gauntlet serve` builds over these layers, its one worker thread stopped afterwards (an app made
 * with no pool starts a pool of its own, a thread per core, that nothing stops).
 */
export async function withServerApp<T>(layers: LayerSet, fn: (app: ReturnType<typeof createApp>) => T): Promise<T> {
  const pool = heavyPool(layers, { workers: 1, workerEntry: COMPILED_HEAVY_WORKER });
  try {
    return fn(createApp(layers, { pool }));
  } finally {
    await pool.close();
  }
}

/** The routes of the app `gauntlet serve` builds over these layers. */
export function serverRoutes(layers: LayerSet): Promise<RegisteredRoute[]> {
  return withServerApp(layers, registeredRoutes);
}
