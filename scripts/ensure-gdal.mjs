#!/usr/bin/env node
// Runs before `npm test`: the OGC API and tileset tests read the server with GDAL's own clients (ogrinfo, ogr2ogr).
// Installs Debian's gdal-bin when missing and we may (root on Debian); otherwise says how, and fails.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const OGRINFO = '/usr/bin/ogrinfo';
if (!existsSync(OGRINFO)) {
  const root = process.getuid?.() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    console.error(`${OGRINFO} is missing: install Debian's gdal-bin (sudo apt-get install gdal-bin) and run the tests again.`);
    process.exit(1);
  }
  console.error('installing gdal-bin for the OGC API and MVT tests (apt-get)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'gdal-bin'], { stdio: 'inherit', env });
}
