import type { IncomingMessage } from 'node:http';
import { HttpProblem } from './problem.js';

/**
 * Deepest nesting of arrays and objects accepted in a JSON body. A route Feature in a batch is 6 deep, its
 * properties may nest a dozen more; 5,000 levels of `properties` overflowed JSON.stringify's stack (a 500).
 */
export const MAX_JSON_DEPTH = 32;

/** Tracks nesting across chunks, outside strings; cheap enough to run on every chunk as it arrives. */
export class JsonDepthScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  constructor(readonly max = MAX_JSON_DEPTH) {}

  /** False as soon as the nesting exceeds the maximum. */
  scan(chunk: Uint8Array): boolean {
    let { depth, inString, escaped } = this;
    const max = this.max;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) inString = false;
      } else if (c === 0x22) inString = true;
      else if (c === 0x5b || c === 0x7b) {
        if (++depth > max) return false;
      } else if (c === 0x5d || c === 0x7d) depth--;
    }
    Object.assign(this, { depth, inString, escaped });
    return true;
  }
}

export const tooDeep = () =>
  new HttpProblem(400, `body: nested deeper than ${MAX_JSON_DEPTH} levels`, [{ path: 'body', message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` }], 'too-deep');

/**
 * Reads a request body into shared memory (worker threads read it without a copy), refusing with 413 as soon
 * as it passes `limit` bytes (at once when Content-Length says so) and with 400 as soon as it nests too deep.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<{ bytes: SharedArrayBuffer; length: number }> {
  return new Promise((resolve, reject) => {
    const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    const tooLarge = () => new HttpProblem(413, `body: larger than the limit of ${limit} bytes`, [{ path: 'body', message: `at most ${limit} bytes` }], 'body-too-large');
    if (declared !== undefined && declared > limit) {
      req.resume(); // drain, so that the 413 reaches the client instead of a reset
      return reject(tooLarge());
    }
    let bytes = new SharedArrayBuffer(Math.max(1024, Math.min(limit, declared ?? 64 * 1024)));
    let view = new Uint8Array(bytes);
    let length = 0;
    const depth = new JsonDepthScanner();
    let failed = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      req.removeAllListeners('data');
      req.resume();
      reject(e);
    };
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      if (length + chunk.length > limit) return fail(tooLarge());
      if (!depth.scan(chunk)) return fail(tooDeep());
      if (length + chunk.length > bytes.byteLength) {
        const grown = new SharedArrayBuffer(Math.min(limit, Math.max(bytes.byteLength * 2, length + chunk.length)));
        new Uint8Array(grown).set(view.subarray(0, length));
        bytes = grown;
        view = new Uint8Array(grown);
      }
      view.set(chunk, length);
      length += chunk.length;
    });
    req.once('end', () => {
      if (!failed) resolve({ bytes, length });
    });
    req.once('error', (e) => fail(e));
  });
}
