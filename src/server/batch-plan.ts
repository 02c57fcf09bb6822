import { BATCH_MESSAGES, batchKeysOf, MAX_BATCH_VERTICES } from '../exposure/route-input.js';
import type { BodyLayout } from './json-scan.js';
import { bodyBuffer, shardBounds, type BatchShardRequest, type ExposureRequest } from './exposure-requests.js';
import { HttpProblem } from './problem.js';

// The event loop's part of a batch, between reading its body and handing it to the workers: the envelope checked
// from the scan's layout (no parse: a malformed or oversized batch is refused whatever the pool's load), every
// route's key read from the bytes of its ids, and the routes cut into one byte range per shard.

const refuse = (path: string, message: string, slug = 'invalid-input') => new HttpProblem(400, `${path}: ${message}`, [{ path, message }], slug);

/** A JSON value of the body read from its bytes: a plain string (no escape) without JSON.parse. */
function valueAt(text: Buffer, start: number, end: number): unknown {
  if (text[start] === 0x22) {
    let i = start + 1;
    while (i < end - 1 && text[i] !== 0x5c) i++;
    if (i === end - 1) return text.toString('utf8', start + 1, end - 1);
  }
  return JSON.parse(text.toString('utf8', start, end)) as unknown;
}

/** The shards' payloads of a scanned batch body, and every route's key; throws the envelope's problem. */
export function planBatch(req: ExposureRequest, layout: BodyLayout, shards: number): { keys: string[]; payloads: BatchShardRequest[] } {
  const bytes = bodyBuffer(req.body!);
  if (layout.root !== 'object') throw refuse('body', BATCH_MESSAGES.type);
  // a JSON string "FeatureCollection" has a few spellings (escapes): read it as JSON when it is short
  const type = layout.type && layout.type[1] - layout.type[0] <= 128 ? valueAt(bytes, ...layout.type) : undefined;
  if (type !== 'FeatureCollection') throw refuse('body.type', BATCH_MESSAGES.type);
  if (!layout.features) throw refuse('body.features', BATCH_MESSAGES.features);
  const s = layout.spans;
  if (s.count === 0) throw refuse('body.features', BATCH_MESSAGES.empty);
  if (layout.totalVertices > MAX_BATCH_VERTICES) throw refuse('body.features', BATCH_MESSAGES.vertices(layout.totalVertices), 'too-many-vertices');
  const value = (starts: number[], ends: number[]) => (i: number) => (starts[i]! < 0 ? undefined : valueAt(bytes, starts[i]!, ends[i]!));
  const keys = batchKeysOf(s.count, value(s.idStart, s.idEnd), value(s.propIdStart, s.propIdEnd));
  const bounds = shardBounds(s.vertices, Math.max(1, Math.min(shards, s.count)));
  const payloads = bounds.slice(1).map((to, i) => {
    const from = bounds[i]!;
    return { req, features: layout.features!, starts: s.start.slice(from, to), ends: s.end.slice(from, to), from, keys: keys.slice(from, to) };
  });
  return { keys, payloads };
}
