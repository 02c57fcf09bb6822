import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// The one typeface of the static images: DejaVu Sans Condensed, regular and bold, from the `dejavu-fonts-ttf` npm
// package (Bitstream Vera licence, DejaVu changes public domain; see the package's LICENSE). Shipping the files
// rather than asking the system means an image is the same on every machine, and condensed faces fit more
// place names on a map. fontdb files both faces under the family "DejaVu Sans".

export const FONT_FAMILY = 'DejaVu Sans';

const FONT_PACKAGE = 'dejavu-fonts-ttf';

function fontPath(file: string): string {
  // The package has no "exports" map, so its package.json resolves and the fonts sit beside it.
  const pkg = createRequire(import.meta.url).resolve(`${FONT_PACKAGE}/package.json`);
  return path.join(path.dirname(pkg), 'ttf', file);
}

export const FONT_FILES = {
  regular: fontPath('DejaVuSansCondensed.ttf'),
  bold: fontPath('DejaVuSansCondensed-Bold.ttf'),
} as const;

/** Horizontal advances of one TrueType face, read from its cmap (format 4) and hmtx tables. */
class AdvanceTable {
  private readonly advances = new Map<number, number>(); // code point -> advance in em
  private readonly fallback: number;

  constructor(font: Buffer) {
    const tables = new Map<string, number>();
    const numTables = font.readUInt16BE(4);
    for (let i = 0; i < numTables; i++) {
      const rec = 12 + i * 16;
      tables.set(font.toString('latin1', rec, rec + 4), font.readUInt32BE(rec + 8));
    }
    const table = (tag: string) => {
      const offset = tables.get(tag);
      if (offset === undefined) throw new Error(`font has no ${tag} table`);
      return offset;
    };
    const unitsPerEm = font.readUInt16BE(table('head') + 18);
    const numberOfHMetrics = font.readUInt16BE(table('hhea') + 34);
    const hmtx = table('hmtx');
    const advanceOfGlyph = (glyph: number) => font.readUInt16BE(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1)) / unitsPerEm;
    this.fallback = advanceOfGlyph(0);

    // The Windows Unicode BMP subtable (platform 3, encoding 1), format 4: segments of code points.
    const cmap = table('cmap');
    let sub: number | undefined;
    for (let i = 0; i < font.readUInt16BE(cmap + 2); i++) {
      const rec = cmap + 4 + i * 8;
      if (font.readUInt16BE(rec) === 3 && font.readUInt16BE(rec + 2) === 1) sub = cmap + font.readUInt32BE(rec + 4);
    }
    if (sub === undefined || font.readUInt16BE(sub) !== 4) throw new Error('font has no format-4 Unicode cmap');
    const segX2 = font.readUInt16BE(sub + 6);
    const ends = sub + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const rangeOffsets = deltas + segX2;
    for (let s = 0; s < segX2 / 2; s++) {
      const end = font.readUInt16BE(ends + 2 * s);
      const start = font.readUInt16BE(starts + 2 * s);
      const delta = font.readInt16BE(deltas + 2 * s);
      const rangeOffsetAt = rangeOffsets + 2 * s;
      const rangeOffset = font.readUInt16BE(rangeOffsetAt);
      // Labels are Latin text: Latin-1, Latin Extended-A and general punctuation are plenty.
      for (let c = start; c <= Math.min(end, 0x2fff) && c !== 0xffff; c++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
        else {
          const g = font.readUInt16BE(rangeOffsetAt + rangeOffset + 2 * (c - start));
          glyph = g === 0 ? 0 : (g + delta) & 0xffff;
        }
        if (glyph !== 0) this.advances.set(c, advanceOfGlyph(glyph));
      }
    }
  }

  widthEm(text: string): number {
    let w = 0;
    for (const ch of text) w += this.advances.get(ch.codePointAt(0)!) ?? this.fallback;
    return w;
  }
}

let tables: { regular: AdvanceTable; bold: AdvanceTable } | undefined;

/**
 * The width of `text` in px as the rasterizer will set it (kerning ignored, so a little wide: safe for boxes).
 * Layout needs it to size the legend and keep labels from colliding.
 */
export function textWidth(text: string, fontSizePx: number, bold = false): number {
  tables ??= { regular: new AdvanceTable(readFileSync(FONT_FILES.regular)), bold: new AdvanceTable(readFileSync(FONT_FILES.bold)) };
  return (bold ? tables.bold : tables.regular).widthEm(text) * fontSizePx;
}

/** Breaks text at spaces into lines no wider than `maxWidthPx` (a single overlong word stays whole). */
export function wrapText(text: string, fontSizePx: number, maxWidthPx: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, fontSizePx, bold) > maxWidthPx) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** Shortens text with an ellipsis until it fits `maxWidthPx`. */
export function truncateText(text: string, fontSizePx: number, maxWidthPx: number, bold = false): string {
  if (textWidth(text, fontSizePx, bold) <= maxWidthPx) return text;
  let s = text;
  while (s.length > 1 && textWidth(`${s}…`, fontSizePx, bold) > maxWidthPx) s = s.slice(0, -1);
  return `${s.trimEnd()}…`;
}
