// Entry of the server's worker threads: each rebuilds the LayerSet from the snapshot it is given, then runs the
// heavy requests the event loop hands it. A new kind of heavy request is one more entry in HEAVY_TASKS.
import { layerSetFromSnapshot } from '../layers/snapshot.js';
import { serveTasks } from '../pool/serve-tasks.js';
import { HEAVY_TASKS } from './heavy-tasks.js';

await serveTasks((data) => layerSetFromSnapshot((data as { snapshot: SharedArrayBuffer }).snapshot), HEAVY_TASKS);
