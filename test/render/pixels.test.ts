import type { Point } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { AGENCY_COLOURS, BASE_COLOURS, PRESENCE_OPACITY, STATE_ACTOR_STYLE } from '../../src/cartography/palette.js';
import type { LayerSet } from '../../src/layers/layer-set.js';
import { shippedLayers } from '../support/shipped-layers.js';
import { RenderRequest } from '../../src/render/options.js';
import { rasterize } from '../../src/render/rasterize.js';
import { buildMapSvg, renderMap } from '../../src/render/render.js';
import { colourDistance, darkPixels, decode, differingPixels, expectedPixel, rgb } from './png.js';

let layers: LayerSet;
beforeAll(async () => {
  layers = await shippedLayers();
});

const options = (input: Record<string, unknown>) => RenderRequest.parse(input);
const render = async (input: Record<string, unknown>) => decode(await renderMap(layers, options(input)));

describe('image size', () => {
  it('is width x height at 1x and doubles at @2x', async () => {
    const one = await render({ width: 300, height: 200, asOf: '2023-05-01' });
    expect([one.width, one.height]).toEqual([300, 200]);
    const two = await render({ width: 300, height: 200, scale: 2, asOf: '2023-05-01' });
    expect([two.width, two.height]).toEqual([600, 400]);
  });
});

describe('colours where the projection puts things', () => {
  // Samalayuca army checkpoint (black), seen from a camera centred elsewhere so the projection is exercised.
  const cp = { lon: -106.45634, lat: 31.33758 }; // on MEX 45 as mapped (gauntlet network checkpoints)
  const centre = { lon: -106.2, lat: 31.1, zoom: 8 };

  it.each([1, 2])('a checkpoint is drawn in its agency colour at its projected pixel (@%dx)', async (scale) => {
    const f = layers.layer('checkpoints').byId.get('samalayuca-army-checkpoint')!;
    expect((f.geometry as Point).coordinates).toEqual([cp.lon, cp.lat]);
    expect(f.properties.agency).toBe('army');
    const img = await render({ camera: `${centre.lon},${centre.lat},${centre.zoom}`, width: 480, height: 320, scale, layers: 'checkpoints', legend: false, asOf: 'all' });
    const [x, y] = expectedPixel(cp.lon, cp.lat, centre.lon, centre.lat, centre.zoom, 480, 320, scale);
    expect(colourDistance(img.pixel(x, y), rgb(AGENCY_COLOURS.army))).toBeLessThanOrEqual(8);
    // 3 CSS px away (the circle is 6 px in radius at zoom 8) it is still black; 12 px above it is not.
    expect(colourDistance(img.pixel(x + 3 * scale, y), rgb(AGENCY_COLOURS.army))).toBeLessThanOrEqual(8);
    expect(colourDistance(img.pixel(x, y - 12 * scale), rgb(AGENCY_COLOURS.army))).toBeGreaterThan(100);
  });

  it('inside a state-actor area the state-actor colour is blended over the land at its own opacity, not a group\'s', async () => {
    // Central Coahuila, far from any state line: "Coahuila state officials", actor "state", medium confidence, 2023.
    const p = { lon: -102.3, lat: 27.3 };
    const c = { lon: -102.0, lat: 27.0, zoom: 7 };
    const img = await render({ camera: `${c.lon},${c.lat},${c.zoom}`, width: 400, height: 300, layers: 'territories', legend: false, asOf: '2023-06-01' });
    const [x, y] = expectedPixel(p.lon, p.lat, c.lon, c.lat, c.zoom, 400, 300);
    const a = STATE_ACTOR_STYLE.fillOpacity;
    expect(a).not.toBe(PRESENCE_OPACITY.present);
    const land = rgb(BASE_COLOURS.mexico);
    const group = rgb(STATE_ACTOR_STYLE.fillColour);
    const expected = land.map((l, i) => Math.round(l * (1 - a) + group[i]! * a));
    expect(colourDistance(img.pixel(x, y), expected)).toBeLessThanOrEqual(3);
    // The same pixel without the territory is bare land.
    const bare = await render({ camera: `${c.lon},${c.lat},${c.zoom}`, width: 400, height: 300, layers: '', legend: false, asOf: '2023-06-01' });
    expect(colourDistance(bare.pixel(x, y), land)).toBeLessThanOrEqual(2);
  });
});

describe('legend, attribution and labels', () => {
  const route = { route: 'central-piedras-negras', asOf: '2022-10-15', width: 800, height: 500 };

  it('the attribution strip along the bottom carries text (absent without a font)', async () => {
    const { svg } = buildMapSvg(layers, options(route));
    const withFont = decode(await rasterize(svg, { scale: 1 }));
    const noFont = decode(await rasterize(svg, { scale: 1, fonts: false }));
    const strip = (img: typeof withFont) => darkPixels(img, 0, img.height - 26, img.width, img.height, 160);
    expect(strip(withFont) - strip(noFont)).toBeGreaterThan(1000);
  });

  it('the legend adds a box full of text and swatches', async () => {
    const withLegend = await render(route);
    const without = await render({ ...route, legend: false });
    const changed = differingPixels(withLegend, without, 8);
    expect(changed).toBeGreaterThan(20_000);
    // The legend's text: many more dark pixels with it than without.
    const dark = (img: typeof withLegend) => darkPixels(img, 0, 0, img.width, img.height - 16, 90);
    expect(dark(withLegend) - dark(without)).toBeGreaterThan(1500);
  });

  it('text is drawn: the same SVG without fonts loses labels, legend text and attribution', async () => {
    const o = options({ ...route, title: 'Monterrey to Piedras Negras' });
    const { svg } = buildMapSvg(layers, o);
    expect(svg).toContain('>Monterrey</text>');
    const withFont = decode(await rasterize(svg, { scale: 1 }));
    const noFont = decode(await rasterize(svg, { scale: 1, fonts: false }));
    expect(differingPixels(withFont, noFont, 16)).toBeGreaterThan(5_000);
    // The title box holds dark glyphs only when a font is loaded.
    expect(darkPixels(withFont, 14, 14, 260, 36, 90)).toBeGreaterThan(200);
    expect(darkPixels(noFont, 14, 14, 260, 36, 90)).toBe(0);
  });
});

describe('simplification', () => {
  it('drops sub-pixel detail: the region at 640 px hands over far fewer vertices than the data holds', () => {
    const o = options({ width: 640, height: 400, asOf: '2023-05-01', layers: 'territories,municipalities' });
    const simplified = buildMapSvg(layers, o);
    const full = buildMapSvg(layers, o, { simplify: false });
    expect(simplified.vertices).toBeLessThan(full.vertices / 4);
  });
});
