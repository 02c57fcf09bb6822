import type { LayerSet } from '../../src/layers/layer-set.js';
import { DEFAULT_GEODATA_DIR, loadLayerSet, SNAPSHOT_FILE } from '../../src/layers/load.js';

/**
 * The snapshot the tests' global setup writes (scripts/compile.mjs: the shipped geodata validated and derived by the
 * code just compiled from this src/), where `gauntlet serve` and the commands find it: vitest.config.ts sets
 * GAUNTLET_SNAPSHOT to it for code run from src/. test/layers/validate.test.ts proves it is exactly what a full
 * load of the files gives.
 */
export const BUILD_SNAPSHOT = SNAPSHOT_FILE;

let shipped: Promise<LayerSet> | undefined;

/**
 * The shipped geodata, loaded once per test file: from the build's snapshot when it holds the files' content hash,
 * else (no build, or the files changed since) validated and derived in full. Tests of validation and derivation
 * themselves load the files (loadLayerSet, test/support/geodata-memory.ts); the rest need the served data only.
 */
export function shippedLayers(): Promise<LayerSet> {
  shipped ??= loadLayerSet(DEFAULT_GEODATA_DIR, { snapshot: BUILD_SNAPSHOT });
  return shipped;
}
