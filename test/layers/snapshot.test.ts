import { describe, expect, it } from 'vitest';
import { loadLayerSet } from '../../src/layers/load.js';
import { layerSetFromSnapshot, layerSetSnapshot, layerSetSnapshotBytes } from '../../src/layers/snapshot.js';

// Worker threads rebuild the server's LayerSet from the snapshot's bytes in shared memory (one copy per process):
// the rebuilt set must hold exactly what the validated one does.
describe('LayerSet snapshots in shared memory', () => {
  it('a set rebuilt from the shared bytes equals the validated set, and hands the same bytes on without a copy', async () => {
    const validated = await loadLayerSet();
    const bytes = layerSetSnapshotBytes(validated);
    expect(bytes).toBeInstanceOf(SharedArrayBuffer);
    expect(layerSetSnapshotBytes(validated)).toBe(bytes); // made once
    const rebuilt = layerSetFromSnapshot(bytes);
    expect(rebuilt.version).toBe(validated.version);
    expect([...rebuilt.layers.keys()]).toEqual([...validated.layers.keys()]);
    for (const [id, layer] of validated.layers) expect(rebuilt.layer(id).features, id).toEqual(layer.features);
    expect([...rebuilt.sources.values()]).toEqual([...validated.sources.values()]);
    expect(rebuilt.policyRecords).toEqual(validated.policyRecords);
    expect(layerSetSnapshotBytes(rebuilt)).toBe(bytes);
    // the text is the same whichever way it is asked for, and a text snapshot rebuilds the same set
    const text = layerSetSnapshot(rebuilt);
    expect(text).toBe(layerSetSnapshot(validated));
    expect(Buffer.byteLength(text, 'utf8')).toBe(bytes.byteLength);
    expect(layerSetFromSnapshot(text).layer('ports').features).toEqual(validated.layer('ports').features);
  });
});
