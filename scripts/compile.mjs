// `npm run build` (first step): type-checks and compiles src/**/*.ts to dist/ with tsc, then copies every other
// file under src/ (HTML pages, the viewer's scripts and styles, data modules read beside themselves) to the same
// place under dist/, so compiled modules find them where the TypeScript ones do. The tests' global setup runs it
// too (test/support/global-setup.ts), so the CLI they run is always the compiled form of the source they test.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * `snapshotText`, when given, is the snapshot made meanwhile by the caller (the tests' global setup loads the geodata
 * from src/ while tsc runs: the same code, on the other core); otherwise the compiled code makes it after tsc.
 * `typeCheck: false` only emits (tsc --noCheck): the tests' compile, since CI type-checks in a step of its own
 * (`npm run typecheck`); `npm run build` always checks.
 */
export async function compile({ quiet = false, snapshotText, typeCheck = true } = {}) {
  const src = join(root, 'src');
  // built beside, then swapped in: a test run or server using dist/ meanwhile never sees it half-written
  const dist = join(root, `dist.tmp-${process.pid}`);
  const tsc = createRequire(import.meta.url).resolve('typescript/package.json');
  const status = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(dirname(tsc), 'bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', dist, ...(typeCheck ? [] : ['--noCheck'])], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
  if (status !== 0) {
    rmSync(dist, { recursive: true, force: true });
    throw new Error(`tsc failed (exit ${status}): see the errors above`);
  }
  let copied = 0;
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!name.endsWith('.ts') && name !== 'README.md') {
        cpSync(path, join(dist, relative(src, path)));
        copied++;
      }
    }
  };
  walk(src);
  if (snapshotText) {
    const text = await snapshotText;
    if (text) writeFileSync(join(dist, 'geodata-snapshot.json'), text);
  } else await snapshot(dist, quiet);
  const final = join(root, 'dist');
  const old = join(root, `dist.old-${process.pid}`);
  if (existsSync(final)) renameSync(final, old);
  renameSync(dist, final);
  rmSync(old, { recursive: true, force: true });
  if (!quiet) console.log(`compiled src/ to dist/ (${copied} asset file(s) copied)`);
}

/**
 * The shipped geodata, validated with the code just compiled, as the server's start-up snapshot (it skips the
 * validation and territory building when the files still hash to this version). Invalid data writes none: the
 * server then validates at start and refuses, printing every problem.
 */
async function snapshot(dist, quiet) {
  const { loadLayerSet } = await import(pathToFileURL(join(dist, 'layers/load.js')).href);
  const { layerSetSnapshot } = await import(pathToFileURL(join(dist, 'layers/snapshot.js')).href);
  try {
    const layers = await loadLayerSet();
    writeFileSync(join(dist, 'geodata-snapshot.json'), layerSetSnapshot(layers));
  } catch (err) {
    if (!quiet) console.error(`build: no geodata snapshot (${err.message}); gauntlet validate lists the problems`);
  }
}


if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await compile();
  } catch (err) {
    console.error(`build: ${err.message}`);
    process.exit(1);
  }
}
