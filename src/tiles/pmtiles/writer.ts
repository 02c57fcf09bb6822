/**
 * Streaming PMTiles v3 writer (protomaps/PMTiles spec/v3/spec.md).
 *
 * Tiles arrive in strictly increasing tile id order, so the archive is clustered. Tile data is appended to a
 * temporary file as it arrives; only the directory entries and a content hash -> offset map stay in memory.
 * finish() writes the archive in the spec's order: header, root directory, JSON metadata, leaf directories,
 * tile data, then renames it into place.
 */
import { createHash } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { MAX_TILE_ZOOM, tileIdToZxy } from './tile-id.js';

export type PmtilesTileType = 'unknown' | 'mvt' | 'png' | 'jpeg' | 'webp' | 'avif';
export type PmtilesTileCompression = 'none' | 'gzip';

export interface PmtilesHeaderOptions {
  minZoom: number;
  maxZoom: number;
  /** [minLon, minLat, maxLon, maxLat] in degrees. */
  bounds: [number, number, number, number];
  /** [lon, lat, zoom]. */
  center: [number, number, number];
  tileType: PmtilesTileType;
  /** How the bytes given to addTile are already compressed. */
  tileCompression: PmtilesTileCompression;
}

/** A directory entry; runLength 0 marks an entry pointing at a leaf directory. */
export interface PmtilesEntry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

export interface PmtilesWriteResult {
  /** Tiles before run-length encoding: the sum of run lengths. */
  addressedTiles: number;
  /** Directory entries with runLength > 0. */
  tileEntries: number;
  /** Distinct blobs in the tile data section. */
  tileContents: number;
  /** Size of the whole archive. */
  bytes: number;
  /** Compressed size of the root directory. */
  rootDirectoryBytes: number;
  leafDirectories: number;
}

export const HEADER_BYTES = 127;
/** Header plus root directory must fit in the first 16 KiB, which clients prefetch. */
export const MAX_ROOT_DIRECTORY_BYTES = 16_384 - HEADER_BYTES;

const COMPRESSION = { none: 1, gzip: 2 } as const;
const TILE_TYPE = { unknown: 0, mvt: 1, png: 2, jpeg: 3, webp: 4, avif: 5 } as const;
/** Fixed so identical input gives byte-identical archives. */
const GZIP_LEVEL = 9;
/** Batch small tile writes into roughly this many bytes per write call. */
const WRITE_BATCH_BYTES = 1 << 20;

export class PmtilesWriter {
  private readonly entries: PmtilesEntry[] = [];
  private readonly offsetByHash = new Map<string, number>();
  private tileDataBytes = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private flushedBytes = 0;
  private writes: Promise<void> = Promise.resolve();
  private writeError: unknown;
  private state: 'open' | 'finishing' | 'closed' = 'open';

  private constructor(
    private readonly path: string,
    private readonly options: PmtilesHeaderOptions,
    private readonly tileData: FileHandle,
    private readonly tileDataPath: string,
  ) {}

  /**
   * Start an archive at `path`. Tile data is buffered in `${path}.tiles.tmp` (next to the output rather than
   * in os.tmpdir(), which may be RAM-backed); the archive is assembled in `${path}.tmp` and renamed over
   * `path` by finish().
   */
  static async create(path: string, options: PmtilesHeaderOptions): Promise<PmtilesWriter> {
    validateOptions(options);
    const tileDataPath = `${path}.tiles.tmp`;
    const handle = await open(tileDataPath, 'w+');
    return new PmtilesWriter(path, { ...options, bounds: [...options.bounds], center: [...options.center] }, handle, tileDataPath);
  }

  /**
   * Add one tile. `data` must already be compressed per `tileCompression` and be non-empty. Tile ids must be
   * strictly increasing. Identical bytes are stored once; a tile that continues the previous entry's run
   * (next tile id, same bytes) only extends that entry's run length.
   */
  async addTile(tileId: number, data: Uint8Array): Promise<void> {
    if (this.state !== 'open') throw new Error('PmtilesWriter: addTile after finish() or abort()');
    if (this.writeError !== undefined) throw this.writeError;
    const [z] = tileIdToZxy(tileId);
    if (z < this.options.minZoom || z > this.options.maxZoom) {
      throw new RangeError(`tile id ${tileId} is at zoom ${z}, outside ${this.options.minZoom}..${this.options.maxZoom}`);
    }
    if (data.byteLength === 0) throw new RangeError(`tile id ${tileId} has no data (the spec requires length > 0)`);
    const last = this.entries.at(-1);
    if (last && tileId <= last.tileId + last.runLength - 1) {
      throw new Error(`tile id ${tileId} is not after the previous tile id ${last.tileId + last.runLength - 1}`);
    }

    const hash = createHash('sha256').update(data).digest('base64');
    let offset = this.offsetByHash.get(hash);
    if (offset === undefined) {
      offset = this.tileDataBytes;
      this.offsetByHash.set(hash, offset);
      this.tileDataBytes += data.byteLength;
      // Copy: the caller may reuse its buffer before the batch is written.
      this.pending.push(new Uint8Array(data));
      this.pendingBytes += data.byteLength;
    }

    if (last && last.tileId + last.runLength === tileId && last.offset === offset) {
      last.runLength++;
    } else {
      this.entries.push({ tileId, offset, length: data.byteLength, runLength: 1 });
    }
    if (this.pendingBytes >= WRITE_BATCH_BYTES) await this.flush();
  }

  /**
   * Write the directories, gzipped JSON `metadata` and tile data to `path`, remove the temporary files and
   * report counts. At least one tile is required (the spec forbids empty directories).
   */
  async finish(metadata: object): Promise<PmtilesWriteResult> {
    if (this.state !== 'open') throw new Error('PmtilesWriter: finish() called twice or after abort()');
    if (this.entries.length === 0) throw new Error('PmtilesWriter: cannot finish an archive without tiles');
    this.state = 'finishing';
    const partPath = `${this.path}.tmp`;
    let out: FileHandle | undefined;
    try {
      await this.flush();
      await this.writes;
      if (this.writeError !== undefined) throw this.writeError;
      const { root, leaves, leafCount } = buildDirectories(this.entries);
      const meta = gzip(new TextEncoder().encode(JSON.stringify(metadata)));

      const rootOffset = HEADER_BYTES;
      const metaOffset = rootOffset + root.byteLength;
      const leafOffset = metaOffset + meta.byteLength;
      const tileOffset = leafOffset + leaves.byteLength;
      const counts = {
        addressedTiles: this.entries.reduce((sum, e) => sum + e.runLength, 0),
        tileEntries: this.entries.length,
        tileContents: this.offsetByHash.size,
      };
      const header = encodeHeader(this.options, {
        ...counts,
        rootOffset,
        rootLength: root.byteLength,
        metaOffset,
        metaLength: meta.byteLength,
        leafOffset,
        leafLength: leaves.byteLength,
        tileOffset,
        tileLength: this.tileDataBytes,
      });

      out = await open(partPath, 'w');
      await writeAll(out, [header, root, meta, leaves], 0);
      await copyRange(this.tileData, out, this.tileDataBytes, tileOffset);
      await out.close();
      out = undefined;
      await rename(partPath, this.path);
      await this.cleanup();
      return { ...counts, bytes: tileOffset + this.tileDataBytes, rootDirectoryBytes: root.byteLength, leafDirectories: leafCount };
    } catch (err) {
      await out?.close().catch(() => {});
      await rm(partPath, { force: true });
      await this.cleanup();
      throw err;
    }
  }

  /** Drop everything written so far (temporary files included). Safe to call more than once. */
  async abort(): Promise<void> {
    if (this.state === 'closed') return;
    await this.cleanup();
  }

  private flush(): Promise<void> {
    if (this.pendingBytes === 0) return this.writes;
    const chunks = this.pending;
    const position = this.flushedBytes;
    this.pending = [];
    this.flushedBytes += this.pendingBytes;
    this.pendingBytes = 0;
    // Chain writes so concurrent addTile calls still land in order, each at its own position.
    const write = this.writes.then(() => writeAll(this.tileData, chunks, position));
    // Remember the first failure so finish() cannot write an archive with a hole in its tile data.
    this.writes = write.catch((err: unknown) => {
      this.writeError ??= err;
    });
    return write;
  }

  private async cleanup(): Promise<void> {
    this.state = 'closed';
    this.pending = [];
    await this.writes;
    await this.tileData.close().catch(() => {});
    await rm(this.tileDataPath, { force: true });
  }
}

/**
 * Lay out the directories. If the whole directory fits in the root (compressed <= maxRootBytes) there are no
 * leaves. Otherwise entries are split into leaf directories of `leafSize` entries, the root listing one
 * runLength-0 entry per leaf; leafSize starts at 4096 and grows by 20% until the root fits (as the reference
 * writers do). Only one level of leaves, as the spec recommends. `leaves` is the concatenated leaf section.
 */
export function buildDirectories(
  entries: readonly PmtilesEntry[],
  { maxRootBytes = MAX_ROOT_DIRECTORY_BYTES, initialLeafSize = 4096 } = {},
): { root: Uint8Array; leaves: Uint8Array; leafCount: number } {
  const whole = gzip(serializeDirectory(entries));
  if (whole.byteLength <= maxRootBytes) return { root: whole, leaves: new Uint8Array(0), leafCount: 0 };

  for (let leafSize = initialLeafSize; ; leafSize = Math.ceil(leafSize * 1.2)) {
    const rootEntries: PmtilesEntry[] = [];
    const leaves: Uint8Array[] = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += leafSize) {
      const leaf = gzip(serializeDirectory(entries.slice(i, i + leafSize)));
      rootEntries.push({ tileId: entries[i]!.tileId, offset, length: leaf.byteLength, runLength: 0 });
      leaves.push(leaf);
      offset += leaf.byteLength;
    }
    const root = gzip(serializeDirectory(rootEntries));
    // A single leaf gives the smallest possible root; if even that does not fit, no leaf size will.
    if (root.byteLength <= maxRootBytes) return { root, leaves: concat(leaves, offset), leafCount: leaves.length };
    if (leaves.length === 1) throw new Error(`root directory of one leaf is ${root.byteLength} bytes, over ${maxRootBytes}`);
  }
}

/**
 * Uncompressed directory bytes (spec 4.2): entry count, then columns of delta tile ids, run lengths, lengths
 * and offsets, all varints; an offset equal to the previous entry's offset + length is written as 0, any
 * other as offset + 1.
 */
export function serializeDirectory(entries: readonly PmtilesEntry[]): Uint8Array {
  if (entries.length === 0) throw new Error('a directory must have at least one entry');
  // A varint of a number below 2^53 takes at most 8 bytes.
  const out = new Varints(8 * (1 + 4 * entries.length));
  out.write(entries.length);
  let lastId = 0;
  for (const e of entries) {
    out.write(e.tileId - lastId);
    lastId = e.tileId;
  }
  for (const e of entries) out.write(e.runLength);
  for (const e of entries) out.write(e.length);
  let nextByte = 0;
  entries.forEach((e, i) => {
    out.write(i > 0 && e.offset === nextByte ? 0 : e.offset + 1);
    nextByte = e.offset + e.length;
  });
  return out.bytes();
}

class Varints {
  private readonly buf: Uint8Array;
  private pos = 0;
  constructor(capacity: number) {
    this.buf = new Uint8Array(capacity);
  }
  /** Little-endian base-128 varint; arithmetic rather than bitwise because values may exceed 2^32. */
  write(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`cannot varint-encode ${value}`);
    while (value >= 0x80) {
      this.buf[this.pos++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.buf[this.pos++] = value;
  }
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}

interface HeaderLayout {
  rootOffset: number;
  rootLength: number;
  metaOffset: number;
  metaLength: number;
  leafOffset: number;
  leafLength: number;
  tileOffset: number;
  tileLength: number;
  addressedTiles: number;
  tileEntries: number;
  tileContents: number;
}

/** The 127-byte header (spec 3), little-endian. */
function encodeHeader(o: PmtilesHeaderOptions, l: HeaderLayout): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES);
  const v = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('PMTiles'), 0);
  v.setUint8(7, 3);
  const u64 = [l.rootOffset, l.rootLength, l.metaOffset, l.metaLength, l.leafOffset, l.leafLength, l.tileOffset, l.tileLength, l.addressedTiles, l.tileEntries, l.tileContents];
  u64.forEach((n, i) => v.setBigUint64(8 + 8 * i, BigInt(n), true));
  v.setUint8(96, 1); // clustered: tile ids arrive in order and new blobs are appended
  v.setUint8(97, COMPRESSION.gzip); // internal compression
  v.setUint8(98, COMPRESSION[o.tileCompression]);
  v.setUint8(99, TILE_TYPE[o.tileType]);
  v.setUint8(100, o.minZoom);
  v.setUint8(101, o.maxZoom);
  const [minLon, minLat, maxLon, maxLat] = o.bounds;
  const [centerLon, centerLat, centerZoom] = o.center;
  v.setInt32(102, e7(minLon), true);
  v.setInt32(106, e7(minLat), true);
  v.setInt32(110, e7(maxLon), true);
  v.setInt32(114, e7(maxLat), true);
  v.setUint8(118, centerZoom);
  v.setInt32(119, e7(centerLon), true);
  v.setInt32(123, e7(centerLat), true);
  return bytes;
}

function validateOptions(o: PmtilesHeaderOptions): void {
  const isZoom = (z: number) => Number.isInteger(z) && z >= 0 && z <= MAX_TILE_ZOOM;
  if (!isZoom(o.minZoom) || !isZoom(o.maxZoom) || o.minZoom > o.maxZoom) {
    throw new RangeError(`zooms ${o.minZoom}..${o.maxZoom} must be integers with 0 <= minZoom <= maxZoom <= ${MAX_TILE_ZOOM}`);
  }
  const [minLon, minLat, maxLon, maxLat] = o.bounds;
  const [lon, lat, zoom] = o.center;
  const isLon = (x: number) => Number.isFinite(x) && x >= -180 && x <= 180;
  const isLat = (y: number) => Number.isFinite(y) && y >= -90 && y <= 90;
  if (!isLon(minLon) || !isLon(maxLon) || !isLat(minLat) || !isLat(maxLat) || minLon > maxLon || minLat > maxLat) {
    throw new RangeError(`bounds ${JSON.stringify(o.bounds)} are not [minLon, minLat, maxLon, maxLat] in degrees`);
  }
  if (!isLon(lon) || !isLat(lat) || !isZoom(zoom)) throw new RangeError(`center ${JSON.stringify(o.center)} is not [lon, lat, zoom]`);
  if (!Object.hasOwn(TILE_TYPE, o.tileType)) throw new RangeError(`unknown tile type ${o.tileType}`);
  if (!Object.hasOwn(COMPRESSION, o.tileCompression)) throw new RangeError(`unsupported tile compression ${o.tileCompression}`);
}

function e7(degrees: number): number {
  return Math.round(degrees * 1e7);
}

function gzip(data: Uint8Array): Uint8Array {
  return gzipSync(data, { level: GZIP_LEVEL });
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

async function writeAll(handle: FileHandle, chunks: readonly Uint8Array[], position: number): Promise<void> {
  for (const chunk of chunks) {
    let done = 0;
    while (done < chunk.byteLength) {
      const { bytesWritten } = await handle.write(chunk, done, chunk.byteLength - done, position + done);
      done += bytesWritten;
    }
    position += chunk.byteLength;
  }
}

/** Copy `length` bytes from the start of `from` to `to` at `position`, in bounded chunks. */
async function copyRange(from: FileHandle, to: FileHandle, length: number, position: number): Promise<void> {
  const buf = new Uint8Array(Math.min(WRITE_BATCH_BYTES, Math.max(length, 1)));
  for (let read = 0; read < length; ) {
    const { bytesRead } = await from.read(buf, 0, Math.min(buf.byteLength, length - read), read);
    if (bytesRead === 0) throw new Error(`tile data file ended after ${read} of ${length} bytes`);
    await writeAll(to, [buf.subarray(0, bytesRead)], position + read);
    read += bytesRead;
  }
}
