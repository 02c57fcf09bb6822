import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createExpression, latest } from '@maplibre/maplibre-gl-style-spec';
import type { Point } from 'geojson';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LAYER_MIN_ZOOM, LOOK } from '../../src/cartography/look.js';
import { atZoom, byZoom, type ZoomValue } from '../../src/cartography/zoom.js';
import type { LayerSet } from '../../src/layers/layer-set.js';
import { shippedLayers } from '../support/shipped-layers.js';
import { RenderRequest } from '../../src/render/options.js';
import { buildMapSvg, renderMap } from '../../src/render/render.js';
import { layerMinZoom } from '../../src/tiles/source.js';
import { buildStyle } from '../../src/tiles/style.js';
import { tileJson } from '../../src/tiles/tilejson.js';
import { colourDistance, decode, rgb } from './png.js';

// The cartography table (src/cartography/look.ts) is the one place the map's look is declared: the web style is
// generated from it and the PNG renderer reads it, so a change there changes both; the zoom stops evaluate alike.

let layers: LayerSet;
beforeAll(async () => {
  layers = await shippedLayers();
});
const styleOf = () => buildStyle({ tileJsonUrl: 'http://x/t.json', glyphsUrl: 'http://x/{fontstack}/{range}.pbf', timeRule: layers.timeRule('2021-03-15') });
const paintOf = (style: ReturnType<typeof styleOf>, id: string, key: string) => (style.layers.find((l) => l.id === id) as any).paint[key];

describe('zoom values', () => {
  it('evaluate in the static renderer exactly as MapLibre evaluates the style generated from them', () => {
    const style = styleOf();
    const cases: [string, string, ZoomValue][] = [
      ['border', 'line-width', LOOK.border.line.width],
      ['border-casing', 'line-width', LOOK.border.casing.width],
      ['municipalities-line', 'line-opacity', LOOK.municipalities.line.opacity],
      ['migrant-deaths', 'circle-opacity', LOOK.migrantDeaths.opacity],
      ['checkpoints-inm', 'circle-radius', LOOK.checkpoints.radius],
      ['ports', 'circle-stroke-width', LOOK.ports.stroke.width],
      ['expulsion-flights', 'line-width', LOOK.flights.line.width],
    ];
    for (const [id, key, value] of cases) {
      const spec = (latest as any)[`paint_${(style.layers.find((l) => l.id === id) as any).type}`][key];
      const compiled = createExpression(paintOf(style, id, key), spec);
      if (compiled.result !== 'success') throw new Error(`${id} ${key}: ${JSON.stringify(compiled.value)}`);
      for (let z = 0; z <= 14; z += 0.25) expect(atZoom(value, z), `${id} ${key} at z${z}`).toBeCloseTo(compiled.value.evaluate({ zoom: z }) as number, 9);
    }
    // a data-dependent one: the journey's width, and the deaths' radius by count
    const width = createExpression(paintOf(style, 'routes', 'line-width'), latest.paint_line['line-width'] as any);
    const radius = createExpression(paintOf(style, 'migrant-deaths', 'circle-radius'), latest.paint_circle['circle-radius'] as any);
    if (width.result !== 'success' || radius.result !== 'success') throw new Error('does not compile');
    for (const z of [2, 3, 5.5, 7, 9.3, 12, 14]) {
      expect(width.value.evaluate({ zoom: z }, { type: 2, properties: { corridor: 'journey' } } as any)).toBeCloseTo(atZoom(LOOK.routes.width.journey, z), 9);
      expect(width.value.evaluate({ zoom: z }, { type: 2, properties: { corridor: 'gulf' } } as any)).toBeCloseTo(atZoom(LOOK.routes.width.other, z), 9);
      const r = atZoom(LOOK.migrantDeaths.radius.base, z) + atZoom(LOOK.migrantDeaths.radius.perRootCount, z) * 3;
      expect(radius.value.evaluate({ zoom: z }, { type: 1, properties: { dead_and_missing: 9 } } as any)).toBeCloseTo(r, 9);
    }
  });

  it('refuse stops out of order', () => {
    expect(() => byZoom([5, 1], [3, 2])).toThrow(/increase/);
  });
});

describe('one table for the tiles, the style and the images', () => {
  it('starts each tile layer where the map starts drawing it, and says so in TileJSON', () => {
    const style = styleOf();
    for (const [id, minzoom] of Object.entries(LAYER_MIN_ZOOM)) {
      expect(layerMinZoom(id as never)).toBe(minzoom);
      const drawnFrom = Math.min(...style.layers.filter((l) => (l as any)['source-layer'] === id).map((l) => l.minzoom ?? 0));
      expect(drawnFrom, id).toBe(minzoom);
    }
    const tj = tileJson({ id: 'gauntlet', layers: ['airports', 'checkpoints'], minzoom: 0, maxzoom: 12, tile: async () => null }, 'http://x/{z}/{x}/{y}', 'v');
    expect(tj.vector_layers.find((l) => l.id === 'airports')!.minzoom).toBe(LOOK.airports.minzoom);
    expect(tj.vector_layers.find((l) => l.id === 'checkpoints')!.minzoom).toBe(0);
  });

  // a confident checkpoint with no other checkpoint near it: its circle is opaque and its own
  const lone = () => {
    const all = layers.query('checkpoints', { asOf: '2021-03-15' });
    const at = (f: (typeof all)[number]) => (f.geometry as Point).coordinates as [number, number];
    return all.find((f) => f.properties.confidence !== 'low' && all.every((g) => g === f || Math.hypot(at(g)[0] - at(f)[0], at(g)[1] - at(f)[1]) > 0.05))!;
  };
  const colours = LOOK.checkpoints.colours as Record<string, string>;
  const saved = { colours: { ...colours }, border: LOOK.border.line.width };
  afterEach(() => {
    Object.assign(colours, saved.colours);
    (LOOK.border as any).line.width = saved.border;
  });

  it('changes the web map and the PNG alike when one colour or one width changes in it', async () => {
    const cp = lone();
    const agency = String(cp.properties.agency);
    const [lon, lat] = (cp.geometry as Point).coordinates as [number, number];
    const png = async () => decode(await renderMap(layers, RenderRequest.parse({ camera: `${lon},${lat},9`, width: 160, height: 160, layers: 'checkpoints', legend: false, asOf: '2021-03-15' }))).pixel(80, 80);
    expect(colourDistance(await png(), rgb(saved.colours[agency]!.toLowerCase()))).toBeLessThan(8);

    colours[agency] = '#00FFFF';
    expect(paintOf(styleOf(), `checkpoints-${agency}`, 'circle-color')).toBe('#00FFFF');
    expect(colourDistance(await png(), [0, 255, 255])).toBeLessThan(8);

    (LOOK.border as any).line.width = byZoom([3, 1.6], [10, 9.5]);
    const style = styleOf();
    const compiled = createExpression(paintOf(style, 'border', 'line-width'), latest.paint_line['line-width'] as any);
    if (compiled.result !== 'success') throw new Error('does not compile');
    expect(compiled.value.evaluate({ zoom: 10 })).toBe(9.5);
    const { svg } = buildMapSvg(layers, RenderRequest.parse({ camera: '-106.4,31.7,10', width: 200, height: 200, legend: false }));
    expect(svg).toContain(`stroke="${LOOK.border.line.colour}" stroke-width="9.5"`);
  });

  it('holds every zoom-stop table: none is written anywhere else in src/', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') || f.endsWith('.js') ? [join(dir, f)] : []));
    const offenders = files('src')
      .filter((f) => !f.startsWith(join('src', 'cartography')))
      .flatMap((f) => {
        const text = readFileSync(f, 'utf8');
        // a literal interpolation over the zoom with numeric stops, or a helper called with numeric stops
        const found = [...text.matchAll(/\['zoom'\],\s*-?\d|byZoom\(\s*(?:z|zoom|[\w.]+\.zoom)?\s*,?\s*-?\d/g)];
        return found.map((m) => `${f}: ${m[0]}`);
      });
    expect(offenders).toEqual([]);
  });
});
