// Web Mercator (EPSG:3857) in pixels, with MapLibre's 512-px tiles: zoom z means the same scale here as in the
// web viewer, so a camera copied from the map URL gives the same picture.

export const TILE_SIZE = 512;
/** Latitudes beyond this have no Web Mercator y; positions are clamped to it. */
export const MAX_LATITUDE = 85.0511287798066;
const EARTH_RADIUS_M = 6378137;

/** x of a longitude in world pixels at zoom 0 (0..TILE_SIZE). */
export function mercatorX(lon: number): number {
  return ((lon + 180) / 360) * TILE_SIZE;
}

/** y of a latitude in world pixels at zoom 0 (0 at the north edge, TILE_SIZE at the south). */
export function mercatorY(lat: number): number {
  const phi = (Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * Math.PI) / 180;
  return (0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI)) * TILE_SIZE;
}

export function longitudeOf(x: number): number {
  return (x / TILE_SIZE) * 360 - 180;
}

export function latitudeOf(y: number): number {
  const n = Math.PI * (1 - (2 * y) / TILE_SIZE);
  return (Math.atan(Math.sinh(n)) * 180) / Math.PI;
}

/** Ground metres per CSS pixel at a latitude and zoom (for the scale bar). */
export function metresPerPixel(lat: number, zoom: number): number {
  return (Math.cos((lat * Math.PI) / 180) * 2 * Math.PI * EARTH_RADIUS_M) / (TILE_SIZE * 2 ** zoom);
}
