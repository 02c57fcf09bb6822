import type { LineString, MultiLineString } from 'geojson';
import { z } from 'zod';
import { computeExposure, ExposureInputError, type ComputeOptions } from '../exposure/exposure.js';
import { csvHeader, csvRow, exposureFeatureCollection, type RouteFeature } from '../exposure/formats.js';
import {
  ExposureOptions,
  MAX_ROUTE_VERTICES,
  RouteCollection,
  RouteInput,
  routeGeometry,
} from '../exposure/route-input.js';
import { routeVertices, scanFeature, scanRoute } from '../exposure/route-scan.js';
import { jsonPath } from '../layers/problems.js';
import type { LayerSet } from '../layers/layer-set.js';
import { HttpProblem } from './problem.js';

// The exposure endpoints as functions of a request's parts, with no HTTP object in sight: they run in the worker
// pool (exposure-routes.ts posts them there), so a batch never holds up the event loop. New options go here.

export type ExposureFormat = 'json' | 'geojson' | 'csv';

/** What a worker gets: the raw body (parsed there, not on the event loop), the query, the negotiated format. */
export interface ExposureRequest {
  body?: { bytes: SharedArrayBuffer | Uint8Array; length: number };
  routeId?: string; // GET /routes/{id}/exposure
  query: Record<string, string | undefined>;
  format: ExposureFormat;
}

export interface Reply {
  status: number;
  type: string;
  body: Uint8Array; // encoded in the worker, so the event loop only writes it out
}

const utf8 = new TextEncoder();

function invalid(where: 'body' | 'query', error: z.ZodError, prefix: PropertyKey[] = []): HttpProblem {
  const errors = error.issues.map((i) => ({ path: jsonPath([where, ...prefix, ...i.path]), message: i.message }));
  return new HttpProblem(400, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors, 'invalid-input');
}

/** A request body's bytes as a Buffer over the same memory (no copy), shared or not. */
export function bodyBuffer(body: NonNullable<ExposureRequest['body']>): Buffer {
  return body.bytes instanceof Uint8Array ? Buffer.from(body.bytes.buffer, body.bytes.byteOffset, body.length) : Buffer.from(body.bytes, 0, body.length);
}

function parseBody(body: ExposureRequest['body']): unknown {
  if (!body || body.length === 0) return undefined;
  const text = bodyBuffer(body).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpProblem(400, `body: not valid JSON (${(err as Error).message})`, [{ path: 'body', message: 'not valid JSON' }], 'invalid-json');
  }
}

/** Options from body fields, overridden by query parameters (`as_of` is accepted for `asOf`). */
function optionsOf(q: Record<string, string | undefined>, body: Record<string, unknown> | undefined): ComputeOptions {
  const pick = (name: string, alias?: string) => q[name] ?? (alias ? q[alias] : undefined) ?? body?.[name];
  const raw = { bufferKm: pick('bufferKm'), asOf: pick('asOf', 'as_of'), staleAfterMonths: pick('staleAfterMonths'), by: pick('by'), expulsionPort: pick('expulsionPort'), explain: pick('explain') };
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  const r = ExposureOptions.safeParse(defined);
  if (!r.success) throw invalid('query', r.error);
  return r.data;
}

function compute(layers: LayerSet, geometry: Parameters<typeof computeExposure>[1], options: ComputeOptions) {
  try {
    return computeExposure(layers, geometry, options);
  } catch (err) {
    if (err instanceof ExposureInputError) {
      throw new HttpProblem(400, `${err.path}: ${err.message}`, [{ path: err.path, message: err.message }], 'invalid-input');
    }
    throw err;
  }
}

function respond(layers: LayerSet, format: ExposureFormat, route: RouteFeature | null, geometry: LineString | MultiLineString, options: ComputeOptions): Reply {
  const wantsGeoJson = format === 'geojson';
  const result = compute(layers, geometry, { ...options, withGeometry: wantsGeoJson });
  if (wantsGeoJson) return { status: 200, type: 'application/geo+json', body: utf8.encode(JSON.stringify(exposureFeatureCollection(route, result))) };
  return { status: 200, type: 'application/json; charset=utf-8', body: utf8.encode(JSON.stringify(result)) };
}

/** POST /exposure and GET /routes/{id}/exposure. */
export function singleExposure(layers: LayerSet, req: ExposureRequest): Reply {
  if (req.routeId !== undefined) {
    const route = layers.layer('routes').byId.get(req.routeId);
    if (!route) throw new HttpProblem(404, `unknown route "${req.routeId}"; see GET /layers/routes`, undefined, 'unknown-route');
    return respond(layers, req.format, route, route.geometry, optionsOf(req.query, undefined));
  }
  const body = parseBody(req.body) as Record<string, unknown> | undefined;
  if (body === undefined || typeof body !== 'object' || body === null) {
    throw new HttpProblem(400, 'body: send the route as a GeoJSON LineString or MultiLineString (bare or in a Feature)', [{ path: 'body', message: 'missing JSON body' }], 'invalid-input');
  }
  const wrapped = 'route' in body;
  const input = wrapped ? body.route : body;
  const prefix = wrapped ? ['route'] : [];
  const n = routeVertices(input);
  if (n > MAX_ROUTE_VERTICES) {
    const path = jsonPath(['body', ...prefix]);
    const message = `the route has ${n} vertices; the limit is ${MAX_ROUTE_VERTICES}`;
    throw new HttpProblem(400, `${path}: ${message}`, [{ path, message }], 'too-many-vertices');
  }
  let route = scanRoute(input);
  if (!route) {
    const parsed = RouteInput.safeParse(input);
    if (!parsed.success) throw invalid('body', parsed.error, prefix);
    route = parsed.data;
  }
  const options = optionsOf(req.query, body);
  return respond(layers, req.format, route.type === 'Feature' ? route : null, routeGeometry(route), options);
}

/** One shard's part of a batch: `"key":result,...` (or CSV rows) of its routes, in input order, encoded. */
export interface BatchShard {
  count: number;
  part: Uint8Array;
}

/** What a route costs a shard beyond its vertices (its queries and its answer), in vertices: measured, about 32. */
export const ROUTE_COST_IN_VERTICES = 32;

/**
 * Where `n` shards of a batch start, and where the last ends: runs of routes of about equal cost (vertices, plus
 * ROUTE_COST_IN_VERTICES a route), each of at least one route; the batch takes as long as its slowest shard.
 */
export function shardBounds(vertices: readonly number[], n: number): number[] {
  const count = vertices.length;
  const cost = (i: number) => vertices[i]! + ROUTE_COST_IN_VERTICES;
  let total = 0;
  for (let i = 0; i < count; i++) total += cost(i);
  const bounds = [0];
  let i = 0;
  let sum = 0;
  for (let k = 1; k < n; k++) {
    // advance to the first route past k/n of the cost, leaving at least one route for each shard still to come
    while (i < count - (n - k) && (sum + cost(i) <= (total * k) / n || i < bounds[k - 1]! + 1)) sum += cost(i++);
    bounds.push(i);
  }
  bounds.push(count);
  return bounds;
}

/**
 * What a shard of a batch gets: the body's bytes, where its "features" array lies (the rest is the envelope, with
 * the options), the byte range of each of this shard's routes in it, the index of its first route and their keys.
 */
export interface BatchShardRequest {
  req: ExposureRequest;
  features: [number, number];
  starts: number[];
  ends: number[];
  from: number;
  keys: string[];
}

const decode = (body: NonNullable<ExposureRequest['body']>, start: number, end: number) => bodyBuffer(body).toString('utf8', start, end);

/**
 * A growing byte buffer that strings are encoded into as they are made: a shard's answer is written route by
 * route, so no answer object, and no string of it, outlives its route (what survives a young-generation GC is what
 * it costs: every parsed route and every answer string held to the end of a shard was copied and promoted).
 */
class ByteSink {
  private buf = new Uint8Array(1 << 16);
  private length = 0;

  write(s: string): void {
    if (this.length + 3 * s.length > this.buf.length) {
      const next = new Uint8Array(Math.max(2 * this.buf.length, this.length + 3 * s.length));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    this.length += utf8.encodeInto(s, this.buf.subarray(this.length)).written;
  }

  /** The bytes written, in a buffer of their own (so it can be transferred). */
  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/**
 * POST /exposure/batch, one shard: the event loop has checked the JSON and the envelope (json-scan.ts,
 * exposure-routes.ts) and found each route's bytes; this parses the envelope (the body without its routes) for the
 * options, then each of its routes in turn: parsed, validated, computed and written before the next is parsed.
 * A route that fails validation stops the computing; the rest are still validated, so the problem lists every
 * fault of the shard, as when all were parsed first.
 */
export function batchExposureShard(layers: LayerSet, p: BatchShardRequest): BatchShard {
  const body = p.req.body!;
  const envelope = JSON.parse(decode(body, 0, p.features[0]) + '[]' + decode(body, p.features[1], body.length)) as Record<string, unknown>;
  const FeatureSchema = RouteCollection.shape.features.element;
  const errors: { path: string; message: string }[] = [];
  // what stops the computing (a fault in the options, or one a route's computation finds in them) is thrown
  // once every route has been validated, as it was when validation came first
  let stop: unknown;
  let options: ComputeOptions = {};
  try {
    options = optionsOf(p.req.query, envelope);
  } catch (err) {
    stop = err;
  }
  const csv = p.req.format === 'csv';
  const out = new ByteSink();
  for (let k = 0; k < p.starts.length; k++) {
    const value = JSON.parse(decode(body, p.starts[k]!, p.ends[k]!)) as unknown;
    let f: { geometry: LineString | MultiLineString } | undefined = scanFeature(value);
    if (!f) {
      const parsed = FeatureSchema.safeParse(value);
      if (parsed.success) f = parsed.data;
      else errors.push(...parsed.error.issues.map((x) => ({ path: jsonPath(['body', 'features', p.from + k, ...x.path]), message: x.message })));
    }
    if (!f || errors.length || stop !== undefined) continue;
    try {
      const r = compute(layers, f.geometry, options);
      if (csv) out.write(csvRow(p.keys[k]!, r));
      else out.write(`${k > 0 ? ',' : ''}${JSON.stringify(p.keys[k])}:${JSON.stringify(r)}`);
    } catch (err) {
      stop = err;
    }
  }
  if (errors.length) throw new HttpProblem(400, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors, 'invalid-input');
  if (stop !== undefined) throw stop;
  return { count: p.starts.length, part: out.bytes() };
}

/**
 * The shards' parts as the pieces of one response body, to be written in order (keys keep the input order:
 * JSON objects put integer-like keys first).
 */
export function joinBatch(shards: BatchShard[], keys: string[], format: ExposureFormat): { type: string; pieces: Uint8Array[] } {
  const parts = shards.filter((s) => s.count > 0).map((s) => s.part);
  if (format === 'csv') return { type: 'text/csv; charset=utf-8; header=present', pieces: [utf8.encode(csvHeader()), ...parts] };
  const pieces: Uint8Array[] = [utf8.encode(`{"count":${keys.length},"keys":${JSON.stringify(keys)},"results":{`)];
  parts.forEach((p, i) => pieces.push(...(i > 0 ? [utf8.encode(','), p] : [p])));
  pieces.push(utf8.encode('}}'));
  return { type: 'application/json; charset=utf-8', pieces };
}
