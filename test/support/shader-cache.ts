import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Mesa's compiled shaders for the viewer tests' Chromium (browser.ts): the run's browsers share them. */
export const SHADER_CACHE_DIR = join(import.meta.dirname, '..', '..', 'tmp', 'mesa-shader-cache');

/**
 * Empties it, at the start of each run (global-setup.ts): every run compiles its shaders once, as on a clean CI
 * clone, so what a run costs does not depend on the runs before it.
 */
export function clearShaderCache(): void {
  rmSync(SHADER_CACHE_DIR, { recursive: true, force: true });
  mkdirSync(SHADER_CACHE_DIR, { recursive: true });
}
