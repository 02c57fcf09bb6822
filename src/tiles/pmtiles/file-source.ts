/**
 * A `pmtiles` Source over a local archive, read with positioned range reads.
 *
 * The file is opened on first use and kept open, so a PMTiles reader (which caches the header and
 * directories) keeps seeing one consistent file even if a new archive is later renamed over the path.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { RangeResponse, Source } from 'pmtiles';

export class FileSource implements Source {
  private handle: Promise<FileHandle> | undefined;

  constructor(readonly path: string) {}

  getKey(): string {
    return this.path;
  }

  /** Up to `length` bytes from `offset`; fewer only at the end of the file (the reader asks for 16 KiB first). */
  async getBytes(offset: number, length: number, signal?: AbortSignal): Promise<RangeResponse> {
    signal?.throwIfAborted();
    if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
      throw new RangeError(`bad byte range ${offset}+${length} for ${this.path}`);
    }
    // Forget a failed open so a later call can retry (e.g. the archive did not exist yet).
    this.handle ??= open(this.path, 'r').catch((err: unknown) => {
      this.handle = undefined;
      throw err;
    });
    const handle = await this.handle;
    const buf = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(buf, filled, length - filled, offset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { data: filled === length ? buf.buffer : buf.buffer.slice(0, filled) };
  }

  /** Close the file; a later getBytes reopens it. */
  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    if (handle) await (await handle).close();
  }
}
