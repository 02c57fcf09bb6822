#!/usr/bin/env node
// Runs before `npm test`: the viewer tests drive Debian's Chromium (playwright-core never downloads a browser), its
// WebGL drawn by Mesa's llvmpipe through EGL (libegl-mesa0, libgl1-mesa-dri; see test/support/browser.ts). Installs
// what is missing with apt when we may (root on Debian); otherwise says how, and fails.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const MESA = ['libegl-mesa0', 'libgl1-mesa-dri'];

/** Whether dpkg has the package installed (false where there is no dpkg to ask). */
function installed(pkg) {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).endsWith('installed');
  } catch {
    return false;
  }
}

const missing = [...(existsSync(CHROMIUM) ? [] : ['chromium']), ...MESA.filter((p) => !installed(p))];
if (missing.length > 0) {
  const root = process.getuid?.() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    console.error(`the viewer tests need Debian's ${missing.join(', ')}: install with sudo apt-get install ${missing.join(' ')} and run the tests again.`);
    process.exit(1);
  }
  console.error(`installing ${missing.join(', ')} for the viewer tests (apt-get)...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
}
