#!/usr/bin/env node
// The published entry point: runs the compiled CLI in dist/ (`npm run build`; `npm start` builds first). No
// TypeScript loader at run time.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('gauntlet: dist/ is missing: run `npm run build` first (npm start does it for you)');
  process.exit(2);
}
const { main: run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
