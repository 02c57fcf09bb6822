import type { BBox } from '../layers/layer-set.js';
import { latitudeOf, longitudeOf, MAX_LATITUDE, mercatorX, mercatorY } from './mercator.js';

/** What the image looks at: fitted to the content, a box, or a centre and zoom. */
export type Camera =
  | { kind: 'auto' }
  | { kind: 'bbox'; bbox: BBox }
  | { kind: 'center'; lon: number; lat: number; zoom: number };

/** Highest zoom a camera may ask for: the data is schematic well before street level. */
export const MAX_ZOOM = 18;
/** A fit stops here however small the content (a single point would otherwise zoom to MAX_ZOOM). */
export const MAX_FIT_ZOOM = 11;
/** A fit may zoom out below 0 so that the whole world fits a 64-px image. */
const MIN_FIT_ZOOM = -3;

export class CameraError extends Error {}

/** `auto`, `minLon,minLat,maxLon,maxLat` or `lon,lat,zoom`; throws CameraError saying what is wrong. */
export function parseCamera(text: string): Camera {
  if (text === 'auto') return { kind: 'auto' };
  const parts = text.split(',').map((p) => (p.trim() === '' ? NaN : Number(p)));
  if ((parts.length !== 3 && parts.length !== 4) || parts.some((n) => !Number.isFinite(n))) {
    throw new CameraError('must be "auto", four numbers minLon,minLat,maxLon,maxLat or three numbers lon,lat,zoom');
  }
  const lonOk = (x: number) => x >= -180 && x <= 180;
  if (parts.length === 4) {
    const [minLon, minLat, maxLon, maxLat] = parts as BBox;
    if (![minLon, maxLon].every(lonOk) || ![minLat, maxLat].every((y) => y >= -90 && y <= 90)) {
      throw new CameraError('box longitudes must be within -180..180 and latitudes within -90..90');
    }
    if (minLon >= maxLon || minLat >= maxLat) throw new CameraError('box min must be less than max (minLon,minLat,maxLon,maxLat)');
    return { kind: 'bbox', bbox: [minLon, minLat, maxLon, maxLat] };
  }
  const [lon, lat, zoom] = parts as [number, number, number];
  if (!lonOk(lon)) throw new CameraError('centre longitude must be within -180..180');
  if (Math.abs(lat) > MAX_LATITUDE) throw new CameraError(`centre latitude must be within ±${MAX_LATITUDE.toFixed(2)} (Web Mercator)`);
  if (zoom < 0 || zoom > MAX_ZOOM) throw new CameraError(`zoom must be within 0..${MAX_ZOOM}`);
  return { kind: 'center', lon, lat, zoom };
}

/** The canonical text of a camera (for cache keys and file names). */
export function formatCamera(c: Camera): string {
  if (c.kind === 'auto') return 'auto';
  if (c.kind === 'bbox') return c.bbox.join(',');
  return `${c.lon},${c.lat},${c.zoom}`;
}

export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A camera resolved against an image size: projects WGS84 to CSS pixels of the image. */
export class Viewport {
  private readonly k: number; // 2^zoom: world pixels at this zoom per world pixel at zoom 0
  private readonly originX: number; // world pixel at the image's left edge
  private readonly originY: number;

  constructor(
    readonly width: number,
    readonly height: number,
    readonly zoom: number,
    centreWorldX0: number, // centre in world pixels at zoom 0
    centreWorldY0: number,
  ) {
    const k = (this.k = 2 ** zoom);
    this.originX = centreWorldX0 * k - width / 2;
    this.originY = centreWorldY0 * k - height / 2;
  }

  static centredOn(lon: number, lat: number, zoom: number, width: number, height: number): Viewport {
    return new Viewport(width, height, zoom, mercatorX(lon), mercatorY(lat));
  }

  x(lon: number): number {
    return mercatorX(lon) * this.k - this.originX;
  }

  y(lat: number): number {
    return mercatorY(lat) * this.k - this.originY;
  }

  /** The longitude and latitude under a pixel. */
  unproject(x: number, y: number): [number, number] {
    return [longitudeOf((x + this.originX) / this.k), latitudeOf((y + this.originY) / this.k)];
  }

  /** The WGS84 box the image shows, grown by `marginPx` on every side (for R-tree look-ups). */
  bounds(marginPx = 0): BBox {
    const [west, north] = this.unproject(-marginPx, -marginPx);
    const [east, south] = this.unproject(this.width + marginPx, this.height + marginPx);
    return [Math.max(-180, west), Math.max(-90, south), Math.min(180, east), Math.min(90, north)];
  }

  centre(): [number, number] {
    return this.unproject(this.width / 2, this.height / 2);
  }
}

/** The viewport that shows `bbox` as large as fits inside the image less `insets`. */
export function fitBounds(bbox: BBox, width: number, height: number, insets: Insets, maxZoom = MAX_FIT_ZOOM): Viewport {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const x0 = mercatorX(minLon);
  const x1 = mercatorX(maxLon);
  const y0 = mercatorY(maxLat); // north is the smaller y
  const y1 = mercatorY(minLat);
  const innerW = Math.max(1, width - insets.left - insets.right);
  const innerH = Math.max(1, height - insets.top - insets.bottom);
  const fits = Math.min(x1 > x0 ? innerW / (x1 - x0) : Infinity, y1 > y0 ? innerH / (y1 - y0) : Infinity);
  const zoom = Math.max(MIN_FIT_ZOOM, Math.min(maxZoom, Math.log2(fits)));
  // Centre the box in the inset area: shift the image centre by half the inset difference.
  const k = 2 ** zoom;
  const cx = (x0 + x1) / 2 - (insets.left - insets.right) / 2 / k;
  const cy = (y0 + y1) / 2 - (insets.top - insets.bottom) / 2 / k;
  return new Viewport(width, height, zoom, cx, cy);
}

/**
 * Resolves a camera for an image of `width` x `height` CSS px. `content` is the box `auto` fits (route,
 * overlays or layers); `insets` are the padding (plus room for the attribution) a fit keeps clear.
 */
export function resolveCamera(camera: Camera, width: number, height: number, insets: Insets, content: () => BBox): Viewport {
  if (camera.kind === 'center') return Viewport.centredOn(camera.lon, camera.lat, camera.zoom, width, height);
  if (camera.kind === 'bbox') return fitBounds(camera.bbox, width, height, insets, MAX_ZOOM);
  return fitBounds(content(), width, height, insets);
}
