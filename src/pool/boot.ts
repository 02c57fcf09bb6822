import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Source of an eval'd worker that runs a TypeScript entry (tests and `tsx` development runs): it registers tsx's
 * ESM loader in the thread, then imports the entry. The compiled build starts its .js entries directly, and tsx is
 * then never loaded.
 */
export function tsBootScript(entry: URL): string {
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  const api = pathToFileURL(join(dirname(pkg), 'dist/esm/api/index.mjs')).href;
  return `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })
  .catch((e) => { require('node:worker_threads').parentPort.postMessage({ kind: 'init-failed', message: String((e && e.stack) || e) }); });`;
}
