#!/usr/bin/env node
// Runs before `npm test`: test/qgis drives QGIS itself (PyQGIS 3.22 from Debian, headless) against the server.
// Installs qgis and python3-qgis when missing and we may (root on Debian: ~140 MB, a few minutes); otherwise says how.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PYQGIS = '/usr/lib/python3/dist-packages/qgis/core/__init__.py';
if (!existsSync(PYQGIS)) {
  const root = process.getuid?.() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    console.error(`PyQGIS is missing: install Debian's QGIS (sudo apt-get install --no-install-recommends qgis python3-qgis) and run the tests again.`);
    process.exit(1);
  }
  console.error('installing qgis and python3-qgis for the QGIS test (apt-get)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'qgis', 'python3-qgis'], { stdio: 'inherit', env });
}
