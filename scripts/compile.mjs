// `npm run build` (first step): type-checks and compiles src/**/*.ts to dist/ with tsc, then copies every other
// file under src/ (HTML pages, the viewer's scripts and styles, data modules read beside themselves) to the same
// place under dist/, so compiled modules find them where the TypeScript ones do. The tests' global setup runs it
// too (test/support/global-setup.ts), so the CLI they run is always the compiled form of the source they test.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/** Every file under `dir`, recursively. */
function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));
}

/** tsc over tsconfig.build.json: type-checks src/ and writes it to `outDir`. */
async function tscBuild(outDir) {
  const tsc = createRequire(import.meta.url).resolve('typescript/package.json');
  const status = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(dirname(tsc), 'bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', outDir], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
  if (status !== 0) throw new Error(`tsc failed (exit ${status}): see the errors above`);
}

/**
 * The same modules with types stripped, file by file (esbuild, as tsx and vitest run src/), checking nothing: a
 * twentieth of tsc's time, even with --noCheck (0.13 s against 2.8 s of CPU).
 */
async function transpile(outDir, files) {
  const { build } = await import('esbuild');
  const entryPoints = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  await build({ entryPoints, outdir: outDir, outbase: src, tsconfig: join(root, 'tsconfig.build.json'), format: 'esm', platform: 'node', target: 'es2022', sourcemap: true, logLevel: 'error' });
}

/**
 * `typeCheck: false` only strips the types: the tests' compile, since CI type-checks src/, test/ and bench/ in a
 * step of its own (`npm run typecheck`); `npm run build` always checks.
 */
export async function compile({ quiet = false, typeCheck = true } = {}) {
  // built beside, then swapped in: a test run or server using dist/ meanwhile never sees it half-written
  const dist = join(root, `dist.tmp-${process.pid}`);
  const files = filesUnder(src);
  try {
    await (typeCheck ? tscBuild(dist) : transpile(dist, files));
  } catch (err) {
    rmSync(dist, { recursive: true, force: true });
    throw err;
  }
  let copied = 0;
  for (const path of files) {
    const name = basename(path);
    if (name.endsWith('.ts') || name === 'README.md') continue;
    cpSync(path, join(dist, relative(src, path)));
    copied++;
  }
  const final = join(root, 'dist');
  await snapshot(dist, final, quiet);
  const old = join(root, `dist.old-${process.pid}`);
  if (existsSync(final)) renameSync(final, old);
  renameSync(dist, final);
  rmSync(old, { recursive: true, force: true });
  if (!quiet) console.log(`compiled src/ to dist/ (${copied} asset file(s) copied)`);
}

/**
 * What the snapshot is a function of: the compiled modules, the locked dependencies and the geodata files (nothing
 * else: deriving reads no clock and no environment). Source maps are left out; they change nothing the code does.
 */
function snapshotKey(dist) {
  const hash = createHash('sha256');
  const add = (label, dir, keep) => {
    for (const path of filesUnder(dir).filter(keep).sort()) hash.update(`${label}/${relative(dir, path)}\0`).update(readFileSync(path));
  };
  add('dist', dist, (p) => p.endsWith('.js'));
  add('geodata', join(root, 'geodata'), () => true);
  hash.update(readFileSync(join(root, 'package-lock.json')));
  return hash.digest('hex');
}

/**
 * The shipped geodata, validated with the code just compiled, as the server's start-up snapshot (it skips the
 * validation and territory building when the files still hash to this version). Invalid data writes none: the
 * server then validates at start and refuses, printing every problem. The previous build's snapshot is kept when
 * its key (snapshotKey) is this build's: a rebuild of unchanged code and data (each test run) saves the 2 s of
 * validating and deriving. test/layers/validate.test.ts fails if a snapshot kept so differs from a full load.
 */
async function snapshot(dist, previous, quiet) {
  const key = snapshotKey(dist);
  const [file, keyFile] = ['geodata-snapshot.json', 'geodata-snapshot.key'];
  try {
    if (readFileSync(join(previous, keyFile), 'utf8') === key) {
      cpSync(join(previous, file), join(dist, file));
      writeFileSync(join(dist, keyFile), key);
      return;
    }
  } catch {
    // no previous build, or one without a snapshot: derive below
  }
  const { loadLayerSet } = await import(pathToFileURL(join(dist, 'layers/load.js')).href);
  const { layerSetSnapshot } = await import(pathToFileURL(join(dist, 'layers/snapshot.js')).href);
  try {
    const layers = await loadLayerSet();
    writeFileSync(join(dist, file), layerSetSnapshot(layers));
    writeFileSync(join(dist, keyFile), key);
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
