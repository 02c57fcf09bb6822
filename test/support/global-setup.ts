import { compile } from '../../scripts/compile.mjs';

/**
 * vitest's global setup: compiles src/ to dist/ (the CLI tests run bin/gauntlet.js, the compiled code) and writes
 * the validated geodata's snapshot there. tsc runs in its own process while this one loads the geodata from src/
 * (the code tsc compiles), so the two take the two cores instead of one after the other. An invalid geodata gives
 * no snapshot: the tests then load the files themselves and fail with the problems.
 */
export default async function setup(): Promise<void> {
  const snapshotText = (async () => {
    const { loadLayerSet } = await import('../../src/layers/load.js');
    const { layerSetSnapshot } = await import('../../src/layers/snapshot.js');
    return layerSetSnapshot(await loadLayerSet());
  })().catch(() => undefined);
  // emit only: CI type-checks src/, test/ and bench/ in its own step (`npm run typecheck`), `npm run build` checks src/
  await compile({ quiet: true, snapshotText, typeCheck: false });
}
