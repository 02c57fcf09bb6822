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

/**
 * How a refused body is drained before its problem is answered (as nginx's lingering close): the server keeps
 * reading while bytes keep coming, at most LINGER_IDLE_MS between chunks and LINGER_MAX_MS in all. Answering and
 * closing while the client still sends makes the kernel reset the connection, and the client sees ECONNRESET
 * instead of the 4xx (a 14 MB route, refused, took more than a second to drain on a loaded machine).
 */
export const LINGER_IDLE_MS = 1000;
export const LINGER_MAX_MS = 10_000;

function lingerThen(req: IncomingMessage, done: () => void): void {
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(idle);
    clearTimeout(total);
    req.off('data', onData);
    done();
  };
  let idle = setTimeout(finish, LINGER_IDLE_MS);
  const total = setTimeout(finish, LINGER_MAX_MS);
  const onData = () => {
    clearTimeout(idle);
    idle = setTimeout(finish, LINGER_IDLE_MS);
  };
  if (req.complete) return finish();
  req.on('data', onData);
  req.once('end', finish);
  req.once('error', finish);
  req.once('close', finish);
  req.resume();
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
      lingerThen(req, () => reject(tooLarge()));
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
      const problem = e instanceof JsonScanError ? scanProblem(e, options.problem) : e;
      lingerThen(req, () => reject(problem));
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
