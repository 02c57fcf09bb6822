#!/usr/bin/env node
// Runs before `npm test`: the viewer test drives Debian's Chromium (playwright-core never downloads a browser).
// Installs it with apt when missing and we may (root on Debian); otherwise says how, and fails.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  const root = process.getuid?.() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    console.error(`${CHROMIUM} is missing: install Debian's chromium (sudo apt-get install chromium) and run the tests again.`);
    process.exit(1);
  }
  console.error('installing chromium for the viewer test (apt-get)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
}
