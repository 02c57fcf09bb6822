import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LayerSet } from '../../src/layers/layer-set.js';
import { shippedLayers } from '../support/shipped-layers.js';
import { RenderRequest } from '../../src/render/options.js';
import { renderMap } from '../../src/render/render.js';
import { decode, differingPixels } from './png.js';

// Golden images: fixed maps compared with stored PNGs under a small per-pixel budget (anti-aliasing may move a
// little between resvg builds; a change to the drawing moves far more). After an intended change, regenerate:
//
//   UPDATE_GOLDEN=1 npx vitest run test/render/golden.test.ts
//
// then look at every image in test/render/golden/ before committing them. Never the default.

const GOLDEN_DIR = fileURLToPath(new URL('./golden/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
/** A pixel "differs" when a channel moves by more than this… */
const CHANNEL_TOLERANCE = 24;
/** …and at most this share of the pixels may differ. */
const PIXEL_BUDGET = 0.002;

const GOLDEN: Record<string, Record<string, unknown>> = {
  // The report's Monterrey - Piedras Negras bus trip with its exposure in October 2022.
  'central-piedras-negras': { route: 'central-piedras-negras', asOf: '2022-10-15', width: 1024, height: 640 },
  // The whole region, every thematic layer, in May 2023.
  region: { asOf: '2023-05-01', width: 1024, height: 640, title: 'Organized crime, checkpoints and ports of entry, May 2023' },
  // A box camera at @2x with the base layers a report may add.
  'reynosa-2x': { camera: '-98.6,25.7,-97.4,26.4', width: 400, height: 260, scale: 2, asOf: '2021-03-15', layers: 'territories,checkpoints,ports,routes,railroads,municipalities' },
};

let layers: LayerSet;
beforeAll(async () => {
  layers = await shippedLayers();
  if (UPDATE) await mkdir(GOLDEN_DIR, { recursive: true });
});

describe('golden images', () => {
  it.each(Object.entries(GOLDEN))('%s matches its golden image', async (name, input) => {
    const png = await renderMap(layers, RenderRequest.parse(input));
    const file = `${GOLDEN_DIR}${name}.png`;
    if (UPDATE) {
      await writeFile(file, png);
      return;
    }
    expect(existsSync(file), `${file} is missing: regenerate with UPDATE_GOLDEN=1`).toBe(true);
    const actual = decode(png);
    const golden = decode(await readFile(file));
    expect([actual.width, actual.height]).toEqual([golden.width, golden.height]);
    const differing = differingPixels(actual, golden, CHANNEL_TOLERANCE);
    const budget = Math.floor(actual.width * actual.height * PIXEL_BUDGET);
    const actualFile = join(tmpdir(), `gauntlet-golden-${name}.actual.png`);
    if (differing > budget) await writeFile(actualFile, png); // to look at beside the golden one
    expect(differing, `${differing} pixels differ (budget ${budget}); see ${actualFile}`).toBeLessThanOrEqual(budget);
  });
});
