/**
 * PMTiles v3 tile ids: a cumulative position on the series of Hilbert curves starting at z 0
 * (spec section 4.1). Tile id = (number of tiles in all lower zooms) + Hilbert distance of (x, y) at z.
 */

/**
 * Highest zoom whose tile ids stay below 2^53. The whole pyramid up to z 26 has (4^27 - 1) / 3 ids,
 * about 6.0e15, while z 27 would need about 2.4e16.
 */
export const MAX_TILE_ZOOM = 26;

/** First tile id of zoom z: the number of tiles in zooms 0..z-1, (4^z - 1) / 3. */
export function firstTileIdOfZoom(z: number): number {
  checkZoom(z);
  return (4 ** z - 1) / 3;
}

/** Largest valid tile id (the last tile of z 26). */
export const MAX_TILE_ID = (4 ** (MAX_TILE_ZOOM + 1) - 1) / 3 - 1;

/** Tile id of tile z/x/y (XYZ scheme, y down). Throws RangeError outside 0 <= z <= 26, 0 <= x, y < 2^z. */
export function zxyToTileId(z: number, x: number, y: number): number {
  checkZoom(z);
  const n = 2 ** z;
  if (!Number.isInteger(x) || x < 0 || x >= n) throw new RangeError(`tile x ${x} is outside 0..${n - 1} at zoom ${z}`);
  if (!Number.isInteger(y) || y < 0 || y >= n) throw new RangeError(`tile y ${y} is outside 0..${n - 1} at zoom ${z}`);

  // Hilbert xy -> distance, from the coarsest quadrant down. n <= 2^26, so x and y fit 32-bit bitwise ops;
  // the distance itself can reach 2^52, so it is accumulated with ordinary arithmetic.
  let d = 0;
  for (let s = n / 2; s >= 1; s /= 2) {
    const rx = (x & s) !== 0 ? 1 : 0;
    const ry = (y & s) !== 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    // Move into the chosen quadrant and undo its rotation so the next level has the base orientation.
    x &= s - 1;
    y &= s - 1;
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      [x, y] = [y, x];
    }
  }
  return (4 ** z - 1) / 3 + d;
}

/** [z, x, y] of a tile id. Throws RangeError unless id is an integer in 0..MAX_TILE_ID. */
export function tileIdToZxy(id: number): [number, number, number] {
  if (!Number.isInteger(id) || id < 0 || id > MAX_TILE_ID) {
    throw new RangeError(`tile id ${id} is not an integer in 0..${MAX_TILE_ID}`);
  }
  let z = 0;
  while (id >= (4 ** (z + 1) - 1) / 3) z++;

  // Hilbert distance -> xy, from the finest quadrant up; d can exceed 2^32, so no bitwise ops on it.
  let d = id - (4 ** z - 1) / 3;
  let x = 0;
  let y = 0;
  for (let s = 1; s < 2 ** z; s *= 2) {
    const quadrant = d % 4;
    const rx = quadrant >= 2 ? 1 : 0;
    const ry = (quadrant & 1) ^ rx;
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      [x, y] = [y, x];
    }
    x += s * rx;
    y += s * ry;
    d = Math.floor(d / 4);
  }
  return [z, x, y];
}

function checkZoom(z: number): void {
  if (!Number.isInteger(z) || z < 0 || z > MAX_TILE_ZOOM) {
    throw new RangeError(`zoom ${z} is not an integer in 0..${MAX_TILE_ZOOM}`);
  }
}
