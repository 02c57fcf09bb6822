import { compile } from '../../scripts/compile.mjs';
import { clearShaderCache } from './shader-cache.js';

/**
 * vitest's global setup: compiles src/ to dist/ (the CLI tests run bin/gauntlet.js, the compiled code) and writes
 * the validated geodata's snapshot there, made by the code just compiled. Types are stripped, not checked: CI
 * type-checks src/, test/ and bench/ in its own step (`npm run typecheck`), and `npm run build` checks src/. An
 * invalid geodata gives no snapshot: the tests then load the files themselves and fail with the problems. Also
 * empties the viewer tests' shader cache (shader-cache.ts).
 */
export default async function setup(): Promise<void> {
  clearShaderCache();
  await compile({ quiet: true, typeCheck: false });
}
