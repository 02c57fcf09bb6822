import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as reference from 'pmtiles';
import { Compression, PMTiles, TileType, type RangeResponse, type Source } from 'pmtiles';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSource } from '../../src/tiles/pmtiles/file-source.js';
import { MAX_TILE_ID, tileIdToZxy, zxyToTileId } from '../../src/tiles/pmtiles/tile-id.js';
import { buildDirectories, PmtilesWriter, type PmtilesEntry, type PmtilesHeaderOptions } from '../../src/tiles/pmtiles/writer.js';
import { prng } from '../../bench/prng.js';

/** First tile id of zoom z per the spec: the tile count of all lower zooms, (4^z - 1) / 3, in exact integers. */
const firstId = (z: number) => Number((4n ** BigInt(z) - 1n) / 3n);
const zoomOf = (id: number) => {
  let z = 0;
  while (firstId(z + 1) <= id) z++;
  return z;
};

const key = (b: Uint8Array) => Buffer.from(b).toString('hex');
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

interface TestTile {
  id: number;
  payload: Uint8Array;
}

/** What the spec says the header counts must be, computed from the input alone. */
function expectedCounts(tiles: readonly TestTile[]) {
  let entries = 0;
  tiles.forEach((t, i) => {
    const prev = tiles[i - 1];
    if (!(prev && prev.id === t.id - 1 && sameBytes(prev.payload, t.payload))) entries++;
  });
  return { addressed: tiles.length, entries, contents: new Set(tiles.map((t) => key(t.payload))).size };
}

/**
 * A few hundred tiles over z 0-6: every tile of z 0-2, then sparser segments. A segment is unique tiles, a run
 * of one fresh payload, a run of a shared payload, or shared payloads alternating (duplicates, not runs).
 * Segments may cross a zoom boundary.
 */
function syntheticPyramid(): TestTile[] {
  const rand = prng(42);
  let serial = 0;
  const fresh = () => {
    const bytes = new Uint8Array(4 + Math.floor(rand() * 300));
    new DataView(bytes.buffer).setUint32(0, serial++);
    for (let i = 4; i < bytes.length; i++) bytes[i] = Math.floor(rand() * 256);
    return bytes;
  };
  const shared = ['sea', 'land', 'desert'].map((s) => new TextEncoder().encode(s));
  const startChance = [1, 1, 1, 0.3, 0.12, 0.04, 0.012];
  const end = firstId(7);
  const tiles: TestTile[] = [];
  for (let id = 0; id < end; ) {
    if (rand() >= startChance[zoomOf(id)]!) {
      id++;
      continue;
    }
    const length = Math.min(end - id, 1 + Math.floor(rand() * 6));
    const kind = Math.floor(rand() * 4);
    const runPayload = kind === 1 ? fresh() : shared[Math.floor(rand() * 3)]!;
    for (let k = 0; k < length; k++, id++) {
      tiles.push({ id, payload: kind === 0 ? fresh() : kind === 3 ? shared[k % 3]! : runPayload });
    }
  }
  return tiles;
}

/** Directory decoding written from the spec's appendix A.2, to inspect what the writer produced. */
function decodeDirectory(gzipped: Uint8Array): PmtilesEntry[] {
  const buf = gunzipSync(gzipped);
  let pos = 0;
  const varint = () => {
    let value = 0;
    for (let shift = 1; ; shift *= 128) {
      const b = buf[pos++]!;
      value += (b & 0x7f) * shift;
      if (b < 0x80) return value;
    }
  };
  const n = varint();
  const entries: PmtilesEntry[] = [];
  let lastId = 0;
  for (let i = 0; i < n; i++) {
    lastId += varint();
    entries.push({ tileId: lastId, offset: 0, length: 0, runLength: 0 });
  }
  for (const e of entries) e.runLength = varint();
  for (const e of entries) e.length = varint();
  entries.forEach((e, i) => {
    const v = varint();
    const prev = entries[i - 1];
    e.offset = v === 0 && prev ? prev.offset + prev.length : v - 1;
  });
  expect(pos).toBe(buf.length);
  return entries;
}

const OPTIONS: PmtilesHeaderOptions = {
  minZoom: 0,
  maxZoom: 6,
  bounds: [-118.4076, 14.5321, -86.7104, 32.7187],
  center: [-102.5528, 23.6345, 4],
  tileType: 'mvt',
  tileCompression: 'gzip',
};
const METADATA = {
  name: 'gauntlet test',
  attribution: 'Ciudad Juárez ↔ El Paso',
  vector_layers: [{ id: 'checkpoints', fields: { kind: 'String' }, minzoom: 0, maxzoom: 6 }],
};

async function writeArchive(path: string, tiles: readonly TestTile[], options: PmtilesHeaderOptions, compress: boolean) {
  const writer = await PmtilesWriter.create(path, options);
  for (const t of tiles) await writer.addTile(t.id, compress ? gzipSync(t.payload) : t.payload);
  return writer.finish(METADATA);
}

/** A `pmtiles` Source over bytes in memory. */
class BytesSource implements Source {
  constructor(
    private readonly key: string,
    private readonly bytes: Uint8Array,
  ) {}
  getKey() {
    return this.key;
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    return { data: this.bytes.slice(offset, offset + length).buffer };
  }
}

let dir: string;
const sources: FileSource[] = [];
const open = (path: string) => {
  const source = new FileSource(path);
  sources.push(source);
  return new PMTiles(source);
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gauntlet-pmtiles-'));
});
afterEach(async () => {
  await Promise.all(sources.splice(0).map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

describe('tile ids', () => {
  it('matches the spec table, including 12/3423/1763 -> 19078479', () => {
    const table: [number, number, number, number][] = [
      [0, 0, 0, 0],
      [1, 0, 0, 1],
      [1, 0, 1, 2],
      [1, 1, 1, 3],
      [1, 1, 0, 4],
      [2, 0, 0, 5],
      [12, 3423, 1763, 19078479],
    ];
    for (const [z, x, y, id] of table) {
      expect(zxyToTileId(z, x, y)).toBe(id);
      expect(tileIdToZxy(id)).toEqual([z, x, y]);
    }
  });

  it('orders z 2 as the Hilbert curve built from the spec z 1 order', () => {
    // Quadrants in the z 1 order (0,0) (0,1) (1,1) (1,0); the first is transposed so it ends next to the
    // second, the last is flipped so the curve ends at (3,0). Worked out by hand.
    const order = [
      [0, 0], [1, 0], [1, 1], [0, 1],
      [0, 2], [0, 3], [1, 3], [1, 2],
      [2, 2], [2, 3], [3, 3], [3, 2],
      [3, 1], [2, 1], [2, 0], [3, 0],
    ];
    order.forEach(([x, y], d) => expect(zxyToTileId(2, x!, y!)).toBe(5 + d));
  });

  it('starts each zoom at (4^z - 1) / 3 at (0,0) and ends it at (2^z - 1, 0), up to z 26', () => {
    for (let z = 0; z <= 26; z++) {
      expect(zxyToTileId(z, 0, 0)).toBe(firstId(z));
      expect(zxyToTileId(z, 2 ** z - 1, 0)).toBe(firstId(z + 1) - 1);
      expect(tileIdToZxy(firstId(z))).toEqual([z, 0, 0]);
      expect(tileIdToZxy(firstId(z + 1) - 1)).toEqual([z, 2 ** z - 1, 0]);
    }
    expect(MAX_TILE_ID).toBe(firstId(27) - 1);
  });

  it('is a bijection walking between neighbouring tiles at z 3-7', () => {
    for (let z = 3; z <= 7; z++) {
      // the ids that break a rule, listed (an expect per id would cost more than the walk)
      const seen = new Set<string>();
      const wrongZoom: number[] = [];
      const notInverse: number[] = [];
      const notNeighbours: number[] = [];
      let prev: [number, number, number] | undefined;
      for (let id = firstId(z); id < firstId(z + 1); id++) {
        const zxy = tileIdToZxy(id);
        if (zxy[0] !== z) wrongZoom.push(id);
        if (zxyToTileId(...zxy) !== id) notInverse.push(id);
        if (prev && Math.abs(zxy[1] - prev[1]) + Math.abs(zxy[2] - prev[2]) !== 1) notNeighbours.push(id);
        seen.add(`${zxy[1]}/${zxy[2]}`);
        prev = zxy;
      }
      expect(wrongZoom, `z${z}`).toEqual([]);
      expect(notInverse, `z${z}`).toEqual([]);
      expect(notNeighbours, `z${z}`).toEqual([]);
      expect(seen.size).toBe(4 ** z);
    }
  });

  it('agrees with the pmtiles reader on random tiles up to z 26', () => {
    const rand = prng(7);
    for (let i = 0; i < 2000; i++) {
      const z = Math.floor(rand() * 27);
      const x = Math.floor(rand() * 2 ** z);
      const y = Math.floor(rand() * 2 ** z);
      const id = zxyToTileId(z, x, y);
      expect(id).toBe(reference.zxyToTileId(z, x, y));
      expect(tileIdToZxy(id)).toEqual([z, x, y]);
    }
  });

  it('rejects invalid input with RangeError', () => {
    for (const [z, x, y] of [[27, 0, 0], [-1, 0, 0], [1.5, 0, 0], [3, 8, 0], [3, 0, 8], [3, -1, 0], [3, 0, 0.5], [2, Number.NaN, 0]]) {
      expect(() => zxyToTileId(z!, x!, y!)).toThrow(RangeError);
    }
    for (const id of [-1, 0.5, MAX_TILE_ID + 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => tileIdToZxy(id)).toThrow(RangeError);
    }
  });
});

describe('PmtilesWriter', () => {
  it('writes an archive the pmtiles reader reads back tile for tile', async () => {
    const tiles = syntheticPyramid();
    const counts = expectedCounts(tiles);
    // The fixture must exercise what it claims to.
    expect(tiles.length).toBeGreaterThan(200);
    expect(tiles.length).toBeLessThan(600);
    expect(counts.entries).toBeLessThan(counts.addressed); // runs
    expect(counts.contents).toBeLessThan(counts.entries); // duplicates that are not runs

    const path = join(dir, 'pyramid.pmtiles');
    const result = await writeArchive(path, tiles, OPTIONS, true);
    const file = await readFile(path);
    const stored = new Map(tiles.map((t) => [key(t.payload), gzipSync(t.payload)]));
    const tileDataLength = [...stored.values()].reduce((sum, b) => sum + b.length, 0);

    const archive = open(path);
    const h = await archive.getHeader();
    expect(file.subarray(0, 8).toString('latin1')).toBe('PMTiles\x03');
    expect(h).toMatchObject({
      specVersion: 3,
      clustered: true,
      internalCompression: Compression.Gzip,
      tileCompression: Compression.Gzip,
      tileType: TileType.Mvt,
      minZoom: 0,
      maxZoom: 6,
      centerZoom: 4,
      numAddressedTiles: counts.addressed,
      numTileEntries: counts.entries,
      numTileContents: counts.contents,
      rootDirectoryOffset: 127,
      leafDirectoryLength: 0,
      tileDataLength,
    });
    expect([h.minLon, h.minLat, h.maxLon, h.maxLat, h.centerLon, h.centerLat]).toEqual([
      -118.4076, 14.5321, -86.7104, 32.7187, -102.5528, 23.6345,
    ]);
    // Sections in the spec's order, back to back.
    expect(h.jsonMetadataOffset).toBe(h.rootDirectoryOffset + h.rootDirectoryLength);
    expect(h.leafDirectoryOffset).toBe(h.jsonMetadataOffset + h.jsonMetadataLength);
    expect(h.tileDataOffset).toBe(h.leafDirectoryOffset + h.leafDirectoryLength!);
    expect(file.length).toBe(h.tileDataOffset + tileDataLength);
    expect(result).toEqual({
      addressedTiles: counts.addressed,
      tileEntries: counts.entries,
      tileContents: counts.contents,
      bytes: file.length,
      rootDirectoryBytes: h.rootDirectoryLength,
      leafDirectories: 0,
    });

    // Clustered: the data section is each distinct blob once, in tile id order of first appearance...
    expect(sameBytes(file.subarray(h.tileDataOffset), Buffer.concat([...stored.values()]))).toBe(true);
    // ...and the root directory lists every tile; each offset either appends to the data so far or points
    // back at an earlier blob (spec 3.2, clustered).
    const root = decodeDirectory(file.subarray(h.rootDirectoryOffset, h.jsonMetadataOffset));
    expect(root.reduce((sum, e) => sum + e.runLength, 0)).toBe(counts.addressed);
    expect(root[0]!.offset).toBe(0);
    let end = 0;
    for (const e of root) {
      if (e.offset === end) end += e.length;
      else expect(e.offset + e.length).toBeLessThanOrEqual(end);
    }
    expect(end).toBe(tileDataLength);

    expect(await archive.getMetadata()).toEqual(METADATA);

    for (const t of tiles) {
      const [z, x, y] = reference.tileIdToZxy(t.id);
      const got = await archive.getZxy(z, x, y);
      expect(got, `tile ${z}/${x}/${y}`).toBeDefined();
      expect(sameBytes(new Uint8Array(got!.data), t.payload), `tile ${z}/${x}/${y}`).toBe(true);
    }

    const present = new Set(tiles.map((t) => t.id));
    const missing = Array.from({ length: firstId(7) }, (_, id) => id).filter((id) => !present.has(id));
    expect(missing.length).toBeGreaterThan(1000);
    for (const id of missing.filter((_, i) => i % 25 === 0)) {
      expect(await archive.getZxy(...reference.tileIdToZxy(id))).toBeUndefined();
    }
    expect(await archive.getZxy(7, 0, 0)).toBeUndefined(); // above maxZoom
  });

  it('splits into leaf directories when the root would not fit in 16 KiB', async () => {
    const rand = prng(99);
    const tiles: TestTile[] = [];
    // Irregular gaps and lengths so the directory does not compress away.
    for (let i = 0, id = firstId(8); i < 30_000; i++, id += 1 + Math.floor(rand() * 4)) {
      const payload = new Uint8Array(4 + Math.floor(rand() * 40));
      new DataView(payload.buffer).setUint32(0, i);
      for (let k = 4; k < payload.length; k++) payload[k] = Math.floor(rand() * 256);
      tiles.push({ id, payload });
    }
    expect(zoomOf(tiles.at(-1)!.id)).toBe(9);

    const path = join(dir, 'leaves.pmtiles');
    const options = { ...OPTIONS, minZoom: 8, maxZoom: 9, tileType: 'png', tileCompression: 'none' } as const;
    const result = await writeArchive(path, tiles, options, false);
    // the pmtiles reader over the file's bytes in memory: 30,000 tiles read back without 30,000 file reads
    // (FileSource has its own test below)
    const archive = new PMTiles(new BytesSource(path, new Uint8Array(await readFile(path))));
    const h = await archive.getHeader();
    expect(result.leafDirectories).toBeGreaterThan(1);
    expect(h.leafDirectoryLength).toBeGreaterThan(0);
    expect(h.rootDirectoryLength).toBeLessThanOrEqual(16_257);
    expect(h.rootDirectoryOffset + h.rootDirectoryLength).toBeLessThanOrEqual(16_384);
    expect(h).toMatchObject({
      numAddressedTiles: 30_000,
      numTileEntries: 30_000,
      numTileContents: 30_000,
      tileCompression: Compression.None,
      tileType: TileType.Png,
    });

    // every tile, compared here and asserted once: 30,000 expect calls cost more than the reads
    const differing: number[] = [];
    for (const t of tiles) {
      const got = await archive.getZxy(...reference.tileIdToZxy(t.id));
      if (!got || !sameBytes(new Uint8Array(got.data), t.payload)) differing.push(t.id);
    }
    expect(differing, 'tile ids read back with other bytes, or not at all').toEqual([]);
    // A gap between two written tiles, inside a leaf.
    const gap = tiles.findIndex((t, i) => i > 100 && t.id - tiles[i - 1]!.id > 1);
    expect(await archive.getZxy(...reference.tileIdToZxy(tiles[gap]!.id - 1))).toBeUndefined();
  });

  it('grows the leaf size until the root fits', () => {
    const rand = prng(3);
    const entries: PmtilesEntry[] = [];
    for (let i = 0, id = 0, offset = 0; i < 3000; i++, id += 1 + Math.floor(rand() * 9)) {
      const length = 1 + Math.floor(rand() * 500);
      entries.push({ tileId: id, offset, length, runLength: 1 + Math.floor(rand() * 3) });
      offset += length;
    }
    const { root, leaves, leafCount } = buildDirectories(entries, { maxRootBytes: 80, initialLeafSize: 10 });
    expect(root.length).toBeLessThanOrEqual(80);
    const rootEntries = decodeDirectory(root);
    expect(rootEntries.length).toBe(leafCount);
    expect(leafCount).toBeLessThan(300); // grew past the initial 10 entries per leaf
    expect(leafCount).toBeGreaterThan(1);
    const decoded = rootEntries.flatMap((r, i) => {
      expect(r.runLength).toBe(0);
      expect(r.offset).toBe(i === 0 ? 0 : rootEntries[i - 1]!.offset + rootEntries[i - 1]!.length);
      const leaf = decodeDirectory(leaves.subarray(r.offset, r.offset + r.length));
      expect(leaf[0]!.tileId).toBe(r.tileId);
      return leaf;
    });
    expect(decoded).toEqual(entries);
    // Small enough directories stay in the root.
    expect(buildDirectories(entries.slice(0, 50)).leafCount).toBe(0);
  });

  it('is deterministic: the same input gives byte-identical archives', async () => {
    const tiles = syntheticPyramid();
    const a = join(dir, 'a.pmtiles');
    const b = join(dir, 'b.pmtiles');
    await writeArchive(a, tiles, OPTIONS, true);
    await writeArchive(b, tiles, OPTIONS, true);
    expect(sameBytes(await readFile(a), await readFile(b))).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['a.pmtiles', 'b.pmtiles']); // no temporary files left
  });

  it('rejects out-of-order tile ids and other invalid input', async () => {
    const writer = await PmtilesWriter.create(join(dir, 'bad.pmtiles'), OPTIONS);
    const a = new Uint8Array([1]);
    const b = new Uint8Array([2]);
    await writer.addTile(20, a);
    await writer.addTile(21, a); // a run 20..21
    await expect(writer.addTile(21, b)).rejects.toThrow(/not after/);
    await expect(writer.addTile(20, b)).rejects.toThrow(/not after/);
    await expect(writer.addTile(5, b)).rejects.toThrow(/not after/);
    await expect(writer.addTile(22, new Uint8Array(0))).rejects.toThrow(RangeError);
    await expect(writer.addTile(firstId(7), b)).rejects.toThrow(RangeError); // above maxZoom
    await expect(writer.addTile(-1, b)).rejects.toThrow(RangeError);
    await writer.addTile(22, b); // still usable after rejected calls
    await writer.abort();
    await expect(writer.addTile(23, b)).rejects.toThrow(/after finish/);
    expect(await readdir(dir)).toEqual([]);

    const empty = await PmtilesWriter.create(join(dir, 'empty.pmtiles'), OPTIONS);
    await expect(empty.finish({})).rejects.toThrow(/without tiles/);
    await empty.abort();

    await expect(PmtilesWriter.create(join(dir, 'x.pmtiles'), { ...OPTIONS, minZoom: 7 })).rejects.toThrow(RangeError);
    await expect(PmtilesWriter.create(join(dir, 'x.pmtiles'), { ...OPTIONS, bounds: [10, 0, -10, 5] })).rejects.toThrow(RangeError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('FileSource returns exact ranges, short only at the end of the file', async () => {
    const path = join(dir, 'small.pmtiles');
    await writeArchive(path, [{ id: 0, payload: new Uint8Array([7, 7, 7]) }], { ...OPTIONS, tileCompression: 'none' }, false);
    const size = (await readFile(path)).length;
    const source = new FileSource(path);
    sources.push(source);
    expect(source.getKey()).toBe(path);
    expect(new Uint8Array((await source.getBytes(0, 7)).data)).toEqual(new TextEncoder().encode('PMTiles'));
    expect((await source.getBytes(0, 16_384)).data.byteLength).toBe(size);
    expect((await source.getBytes(size, 10)).data.byteLength).toBe(0);
  });
});
