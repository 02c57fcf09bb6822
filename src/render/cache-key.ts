import { createHash } from 'node:crypto';
import { today } from '../layers/dates.js';
import { formatCamera } from './camera.js';
import type { RenderOptions } from './options.js';
import { RENDERER_VERSION } from './render.js';

/** JSON with object keys sorted at every level, so equal values give equal text. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * A strong ETag for an image: the normalised options (every default filled in, so `?legend=true` and no
 * `legend` are one image), the data version and the renderer version. Equal keys mean byte-equal PNGs.
 */
export function renderEtag(options: RenderOptions, dataVersion: string, day: string = today()): string {
  // `latest` (and open-ended rules) depend on today's date: the day (the layers' clock) is part of the key.
  const canonical = canonicalJson({ ...options, camera: formatCamera(options.camera), renderer: RENDERER_VERSION, data: dataVersion, day });
  return `"${dataVersion}-${createHash('sha1').update(canonical).digest('hex').slice(0, 20)}"`;
}
