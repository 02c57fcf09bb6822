// `npm run build` (first step): type-checks and compiles src/**/*.ts to dist/ with tsc, then copies every other
// file under src/ (HTML pages, the viewer's scripts and styles, data modules read beside themselves) to the same
// place under dist/, so compiled modules find them where the TypeScript ones do. Also the tests' global setup, so
// the CLI they run is always the compiled form of the source they test.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function compile({ quiet = false } = {}) {
  const src = join(root, 'src');
  // built beside, then swapped in: a test run or server using dist/ meanwhile never sees it half-written
  const dist = join(root, `dist.tmp-${process.pid}`);
  const tsc = createRequire(import.meta.url).resolve('typescript/package.json');
  const r = spawnSync(process.execPath, [join(dirname(tsc), 'bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', dist], { stdio: 'inherit' });
  if (r.status !== 0) {
    rmSync(dist, { recursive: true, force: true });
    throw new Error(`tsc failed (exit ${r.status}): see the errors above`);
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
  const final = join(root, 'dist');
  const old = join(root, `dist.old-${process.pid}`);
  if (existsSync(final)) renameSync(final, old);
  renameSync(dist, final);
  rmSync(old, { recursive: true, force: true });
  if (!quiet) console.log(`compiled src/ to dist/ (${copied} asset file(s) copied)`);
}

/** vitest globalSetup */
export default function setup() {
  compile({ quiet: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    compile();
  } catch (err) {
    console.error(`build: ${err.message}`);
    process.exit(1);
  }
}
