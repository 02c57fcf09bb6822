#!/usr/bin/env node
// Runs before `npm test`: the tests drive real clients from Debian (playwright-core never downloads a browser).
// Installs what is missing with one apt-get run when we may (root on Debian: QGIS is ~140 MB, a few minutes);
// otherwise says what to install, and fails.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Whether dpkg has the package installed (false where there is no dpkg to ask). */
function installed(pkg) {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).endsWith('installed');
  } catch {
    return false;
  }
}

/** What each group of tests needs, and how to tell it is there. */
const NEEDS = [
  { packages: ['chromium'], present: () => existsSync('/usr/bin/chromium'), for: 'the viewer tests (test/viewer)' },
  // Chromium's WebGL through Mesa's llvmpipe over EGL (test/support/browser.ts)
  { packages: ['libegl-mesa0', 'libgl1-mesa-dri'], present: () => installed('libegl-mesa0') && installed('libgl1-mesa-dri'), for: "the viewer tests' WebGL" },
  // GDAL's own clients (ogrinfo, ogr2ogr) read the OGC API, the tilesets and the network export
  { packages: ['gdal-bin'], present: () => existsSync('/usr/bin/ogrinfo'), for: 'the GDAL tests' },
  // PyQGIS 3.22, headless (test/qgis)
  { packages: ['qgis', 'python3-qgis'], present: () => existsSync('/usr/lib/python3/dist-packages/qgis/core/__init__.py'), for: 'the QGIS test' },
];

const missing = NEEDS.filter((n) => !n.present());
if (missing.length > 0) {
  const packages = missing.flatMap((n) => n.packages);
  const purposes = missing.map((n) => `${n.packages.join(', ')} for ${n.for}`).join('; ');
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.error(`missing Debian packages: ${purposes}. Install them (sudo apt-get install --no-install-recommends ${packages.join(' ')}) and run the tests again.`);
    process.exit(1);
  }
  console.error(`installing ${purposes} (apt-get)...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
}
