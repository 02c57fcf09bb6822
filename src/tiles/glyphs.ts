import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

// Glyph PBFs (SDF fonts for MapLibre labels) served from the `tileserver-gl-styles` npm package, so the map
// needs no font server: it ships Noto Sans Regular (SIL Open Font License 1.1) as pre-built 256-glyph ranges.

const FONT_PACKAGE = 'tileserver-gl-styles';

/** A glyph request that can never be valid (bad range or a font name with path characters): HTTP 400. */
export class GlyphRequestError extends Error {
  override name = 'GlyphRequestError';
}

let fontsDirCache: string | undefined;
let fontstacksCache: string[] | undefined;

function fontsDir(): string {
  if (!fontsDirCache) {
    // The package has no "exports" map, so its package.json resolves and locates the fonts beside it.
    const pkg = createRequire(import.meta.url).resolve(`${FONT_PACKAGE}/package.json`);
    fontsDirCache = path.join(path.dirname(pkg), 'fonts');
  }
  return fontsDirCache;
}

/** The fonts we can serve, e.g. ["Noto Sans Regular"]. */
export function listFontstacks(): string[] {
  fontstacksCache ??= readdirSync(fontsDir(), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return [...fontstacksCache];
}

/** "0-255" or "0-255.pbf" -> the canonical file name; throws unless a 256-aligned range within the BMP. */
function rangeFile(range: string): string {
  const m = /^(\d{1,5})-(\d{1,5})(?:\.pbf)?$/.exec(range);
  const start = Number(m?.[1]);
  const end = Number(m?.[2]);
  if (!m || start % 256 !== 0 || end !== start + 255 || end > 0xffff) {
    throw new GlyphRequestError(`invalid glyph range "${range}": expected N-(N+255) with N a multiple of 256`);
  }
  return `${start}-${end}.pbf`;
}

/**
 * The glyph PBF of `range` for the first font of a comma-separated `fontstack` that we have, or undefined when
 * we have none of them. Rejects with GlyphRequestError on a malformed range or font name.
 */
export async function readGlyphs(fontstack: string, range: string): Promise<Buffer | undefined> {
  const file = rangeFile(range);
  const names = fontstack.split(',').map((n) => n.trim()).filter(Boolean);
  // Font names are only ever looked up in listFontstacks(), but reject path-like input outright so a
  // traversal attempt is a 400 rather than a quiet 404.
  if (fontstack.length > 512 || names.length === 0 || names.some((n) => /[/\\\0]|\.\./.test(n))) {
    throw new GlyphRequestError(`invalid fontstack "${fontstack}"`);
  }
  const available = new Set(listFontstacks());
  const font = names.find((n) => available.has(n));
  if (!font) return undefined;
  try {
    return await readFile(path.join(fontsDir(), font, file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
