/**
 * PMTiles v3 tile ids (spec section 4.1): the `pmtiles` package computes the Hilbert positions; this module adds what
 * it leaves to the caller, the range checks, so a bad address is a RangeError rather than a wrong id.
 */
import { tileIdToZxy as idToZxy, zxyToTileId as zxyToId } from 'pmtiles';

/**
 * Highest zoom whose tile ids stay below 2^53. The whole pyramid up to z 26 has (4^27 - 1) / 3 ids,
 * about 6.0e15, while z 27 would need about 2.4e16.
 */
export const MAX_TILE_ZOOM = 26;

/** Largest valid tile id (the last tile of z 26). */
export const MAX_TILE_ID = (4 ** (MAX_TILE_ZOOM + 1) - 1) / 3 - 1;

/** Tile id of tile z/x/y (XYZ scheme, y down). Throws RangeError outside 0 <= z <= 26, 0 <= x, y < 2^z. */
export function zxyToTileId(z: number, x: number, y: number): number {
  if (!Number.isInteger(z) || z < 0 || z > MAX_TILE_ZOOM) {
    throw new RangeError(`zoom ${z} is not an integer in 0..${MAX_TILE_ZOOM}`);
  }
  const n = 2 ** z;
  if (!Number.isInteger(x) || x < 0 || x >= n) throw new RangeError(`tile x ${x} is outside 0..${n - 1} at zoom ${z}`);
  if (!Number.isInteger(y) || y < 0 || y >= n) throw new RangeError(`tile y ${y} is outside 0..${n - 1} at zoom ${z}`);
  return zxyToId(z, x, y);
}

/** [z, x, y] of a tile id. Throws RangeError unless id is an integer in 0..MAX_TILE_ID. */
export function tileIdToZxy(id: number): [number, number, number] {
  if (!Number.isInteger(id) || id < 0 || id > MAX_TILE_ID) {
    throw new RangeError(`tile id ${id} is not an integer in 0..${MAX_TILE_ID}`);
  }
  return idToZxy(id);
}
