import { VectorTile } from '@mapbox/vector-tile';
import { booleanPointInPolygon } from '@turf/turf';
import { PbfReader } from 'pbf';
import type { MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LayerSet } from '../../src/layers/layer-set.js';
import { shippedLayers } from '../support/shipped-layers.js';
import { labelPoints, TERRITORY_LABELS } from '../../src/tiles/label-points.js';
import { LiveTiles } from '../../src/tiles/live-source.js';

// Group labels: one point per separate area, inside it, in a tile layer of their own, so a label is drawn once per
// area instead of once per tile. Checked on hand-made shapes whose best label point is known, and on the data.

const square = (x0: number, y0: number, size: number): number[][][] => [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]];

describe('labelPoints', () => {
  it('puts a square\'s label at its centre, the point farthest from its edges', () => {
    const [p] = labelPoints({ type: 'Polygon', coordinates: square(-100, 20, 1) });
    expect(p!.coordinates[0]).toBeCloseTo(-99.5, 1);
    expect(p!.coordinates[1]).toBeCloseTo(20.5, 1);
  });

  it('labels each of two comparable areas once, and no islet', () => {
    const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: [square(-100, 20, 1), square(-98, 20, 0.8), square(-96, 20, 0.2)] };
    const points = labelPoints(geometry);
    expect(points).toHaveLength(2); // the 0.2° islet has 4% of the largest's area
    expect(points[0]!.coordinates[0]).toBeCloseTo(-99.5, 1);
    expect(points[1]!.coordinates[0]).toBeCloseTo(-97.6, 1);
  });

  it('keeps a U-shaped area\'s label inside it, not at its empty middle', () => {
    const u: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
    const [p] = labelPoints(u);
    expect(booleanPointInPolygon(p!.coordinates, u)).toBe(true);
  });
});

describe('the territory-labels tile layer', () => {
  let layers: LayerSet;
  let live: LiveTiles;
  beforeAll(async () => {
    layers = await shippedLayers();
    live = new LiveTiles(layers);
  });

  it('labels Baja California\'s AFO territory once at z6, inside the peninsula (not on Isla Guadalupe)', () => {
    const id = 'afo-baja-california-1990-2007';
    const territory = layers.layer('territories').byId.get(id)!;
    expect(territory).toBeDefined();
    const z = 6;
    const [w, s, e, n] = layers.layer('territories').bboxById.get(id)!;
    const tx = (lon: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
    const ty = (lat: number) => Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * 2 ** z);
    const found = new Map<string, number[]>();
    let perTileMax = 0;
    for (let x = tx(w); x <= tx(e); x++) {
      for (let y = ty(n); y <= ty(s); y++) {
        const raw = live.encode(['territories'], z, x, y);
        if (!raw) continue;
        const layer = new VectorTile(new PbfReader(raw)).layers[TERRITORY_LABELS];
        if (!layer) continue;
        let here = 0;
        for (let i = 0; i < layer.length; i++) {
          const f = layer.feature(i);
          if (f.properties.territory !== id) continue;
          here++;
          found.set(String(f.properties.id), (f.toGeoJSON(x, y, z).geometry as any).coordinates);
        }
        perTileMax = Math.max(perTileMax, here);
      }
    }
    expect([...found.keys()]).toEqual([`${id}#0`]); // one label for the whole state, islands included
    expect(perTileMax).toBe(1);
    const point = found.get(`${id}#0`)!;
    expect(booleanPointInPolygon(point, territory.geometry as MultiPolygon)).toBe(true);
    expect(point[0]).toBeGreaterThan(-117.5); // Isla Guadalupe lies at -118.3
  });
});
