import type { LayerId } from './catalog.js';
import { LayerSet } from './layer-set.js';
import type { Policy } from './schema/index.js';
import type { Source } from './schema/index.js';
import type { BuiltLayers, GFeature } from './features.js';

// A set rebuilt from a snapshot keeps the snapshot's UTF-8 bytes in shared memory: handing them on to worker
// threads costs no second stringify and no copy. As text the snapshot is a two-byte string of ~8 MB (a few
// characters are outside Latin-1) that every thread held for good in its workerData; as shared bytes it is 4 MB
// once for the process, and each thread's text is garbage as soon as it is parsed.
const shared = new WeakMap<LayerSet, SharedArrayBuffer>();

/** A validated LayerSet as JSON text: worker threads and a warm start rebuild it without validating again. */
export function layerSetSnapshot(set: LayerSet): string {
  const bytes = shared.get(set);
  return bytes ? Buffer.from(bytes).toString('utf8') : stringify(set);
}

/** The same snapshot as UTF-8 bytes in shared memory (what worker threads are given). */
export function layerSetSnapshotBytes(set: LayerSet): SharedArrayBuffer {
  let bytes = shared.get(set);
  if (!bytes) {
    bytes = toShared(Buffer.from(stringify(set), 'utf8'));
    shared.set(set, bytes);
  }
  return bytes;
}

const stringify = (set: LayerSet) =>
  JSON.stringify({ version: set.version, layers: [...set.layers].map(([id, l]) => [id, l.features]), sources: [...set.sources.values()], policies: set.policyRecords });

function toShared(bytes: Uint8Array): SharedArrayBuffer {
  const out = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(out).set(bytes);
  return out;
}

/** Rebuilds a LayerSet from snapshot text or UTF-8 bytes (shared bytes are kept by reference, others copied). */
export function layerSetFromSnapshot(snapshot: string | Uint8Array | SharedArrayBuffer): LayerSet {
  const text = typeof snapshot === 'string' ? snapshot : Buffer.from(snapshot instanceof SharedArrayBuffer ? new Uint8Array(snapshot) : snapshot).toString('utf8');
  const s = JSON.parse(text) as { version: string; layers: [LayerId, GFeature[]][]; sources: Source[]; policies?: Policy[] };
  // The snapshot holds what a validated LayerSet served (layerSetSnapshot above): its features are typed as such.
  const set = new LayerSet(Object.fromEntries(s.layers) as BuiltLayers, s.sources, s.version, { policies: s.policies ?? [] });
  if (snapshot instanceof SharedArrayBuffer) shared.set(set, snapshot);
  else if (snapshot instanceof Uint8Array && snapshot.buffer instanceof SharedArrayBuffer && snapshot.byteLength === snapshot.buffer.byteLength) shared.set(set, snapshot.buffer);
  else shared.set(set, toShared(typeof snapshot === 'string' ? Buffer.from(snapshot, 'utf8') : snapshot));
  return set;
}
