import type { IncomingMessage } from 'node:http';
import { HttpProblem } from './problem.js';
import { JsonScanError, JsonScanner, type BodyLayout, type ScanLimits } from './json-scan.js';

/**
 * Deepest nesting of arrays and objects accepted in a JSON body. A route Feature in a batch is 6 deep, its
 * properties may nest a dozen more; 5,000 levels of `properties` overflowed JSON.stringify's stack (a 500).
 */
export const MAX_JSON_DEPTH = 32;

export const tooDeep = () =>
  new HttpProblem(400, `body: nested deeper than ${MAX_JSON_DEPTH} levels`, [{ path: 'body', message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` }], 'too-deep');

const syntaxProblem = (e: JsonScanError) =>
  new HttpProblem(400, `body: not valid JSON (${e.message} at byte ${e.offset})`, [{ path: 'body', message: `not valid JSON: ${e.message} at byte ${e.offset}` }], 'invalid-json');

/** A scan fault as the problem the client gets (limits of a batch have their own, from the caller). */
export function scanProblem(e: JsonScanError, limits: (e: JsonScanError) => HttpProblem | undefined = () => undefined): HttpProblem {
  if (e.kind === 'depth') return tooDeep();
  return limits(e) ?? syntaxProblem(e);
}

export interface ReadBodyOptions {
  limits?: Omit<ScanLimits, 'maxDepth'>; // route and vertex limits of a batch, checked as the bytes arrive
  problem?: (e: JsonScanError) => HttpProblem | undefined; // the problem for a route or vertex limit
}

/**
 * Reads a request body into shared memory (worker threads read it without a copy), checking its JSON as it
 * arrives (json-scan.ts): 413 as soon as it passes `limit` bytes (at once when Content-Length says so), 400 at the
 * first syntax fault or past the nesting limit. One chunk per turn of the event loop: a 50 MB body never holds
 * other requests up for more than a chunk's scan.
 */
export function readBody(req: IncomingMessage, limit: number, options: ReadBodyOptions = {}): Promise<{ bytes: SharedArrayBuffer; length: number; layout: BodyLayout }> {
  return new Promise((resolve, reject) => {
    const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    const tooLarge = () => new HttpProblem(413, `body: larger than the limit of ${limit} bytes`, [{ path: 'body', message: `at most ${limit} bytes` }], 'body-too-large');
    if (declared !== undefined && declared > limit) {
      // drain before answering (at most a second), so that the 413 reaches the client instead of a reset: a
      // server that answers and closes while the client still sends makes its kernel reset the connection
      req.resume();
      const timer = setTimeout(() => reject(tooLarge()), 1000);
      req.once('end', () => (clearTimeout(timer), reject(tooLarge())));
      req.once('error', () => (clearTimeout(timer), reject(tooLarge())));
      return;
    }
    let bytes = new SharedArrayBuffer(Math.max(1024, Math.min(limit, declared ?? 64 * 1024)));
    let view = new Uint8Array(bytes);
    let length = 0;
    const scanner = new JsonScanner({ maxDepth: MAX_JSON_DEPTH, ...options.limits });
    let failed = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      req.removeAllListeners('data');
      req.resume();
      reject(e instanceof JsonScanError ? scanProblem(e, options.problem) : e);
    };
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      if (length + chunk.length > limit) return fail(tooLarge());
      if (length + chunk.length > bytes.byteLength) {
        const grown = new SharedArrayBuffer(Math.min(limit, Math.max(bytes.byteLength * 2, length + chunk.length)));
        new Uint8Array(grown).set(view.subarray(0, length));
        bytes = grown;
        view = new Uint8Array(grown);
      }
      view.set(chunk, length);
      try {
        scanner.scan(view, length, length + chunk.length);
      } catch (e) {
        return fail(e as Error);
      }
      length += chunk.length;
      // let other sockets in before the next chunk
      req.pause();
      setImmediate(() => req.resume());
    });
    req.once('end', () => {
      if (failed) return;
      try {
        resolve({ bytes, length, layout: scanner.finish(length) });
      } catch (e) {
        fail(e as Error);
      }
    });
    req.once('error', (e) => fail(e));
  });
}
