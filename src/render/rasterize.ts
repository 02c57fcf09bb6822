import { renderAsync } from '@resvg/resvg-js';
import { FONT_FAMILY, FONT_FILES } from './fonts.js';

// SVG to PNG with resvg (Rust, prebuilt per platform as npm packages): no native GL, no system fonts. resvg drops
// text silently when it has no font, so the fonts are always handed over explicitly.

export interface RasterizeOptions {
  scale: number; // device pixels per CSS pixel
  fonts?: boolean; // false renders without any font (tests compare against it); default true
}

/**
 * Rasterizes on libuv's thread pool, so the event loop stays free. A started render cannot be interrupted:
 * callers bound its work instead (see src/render/README.md).
 */
export async function rasterize(svg: string, { scale, fonts = true }: RasterizeOptions): Promise<Buffer> {
  const image = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: {
      loadSystemFonts: false,
      fontFiles: fonts ? [FONT_FILES.regular, FONT_FILES.bold] : [],
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
    shapeRendering: 2, // geometricPrecision: anti-aliased edges
    textRendering: 1, // optimizeLegibility
    logLevel: 'off',
  });
  return image.asPng();
}
