import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { portColour } from '../../src/cartography/palette.js';
import type { LayerId } from '../../src/layers/catalog.js';
import type { LayerSet } from '../../src/layers/layer-set.js';
import { shippedLayers } from '../support/shipped-layers.js';
import { flattenProperties } from '../../src/tiles/properties.js';
import { buildStyle } from '../../src/tiles/style.js';
import { timeFilter } from '../../src/tiles/time-filter.js';
import { drawnPortColour } from './drawn-port-colour.js';

// The style keeps, in tiles that hold every fact, exactly the facts the API keeps for the same time rule: the filter
// is evaluated by MapLibre's own style-spec on the tile properties and compared with LayerSet.query (the API).

let layers: LayerSet;
beforeAll(async () => {
  layers = await shippedLayers();
});
const RULES = ['latest', '2019', '2020-06-01', '2021-03', '2023-05-12', 'title42', '2019..2021', 'all'];
const opts = { tileJsonUrl: 'http://x/t.json', glyphsUrl: 'http://x/{fontstack}/{range}.pbf' };

describe('the time filter of the style', () => {
  for (const id of ['territories', 'checkpoints', 'routes', 'expulsion-flights'] as LayerId[]) {
    it(`keeps the ${id} the API keeps, for every kind of rule`, () => {
      for (const asOf of RULES) {
        const filter = featureFilter(timeFilter(layers.timeRule(asOf)) as any, 'filter');
        const kept = layers
          .layer(id)
          .features.filter((f) => filter.filter({ zoom: 6 } as any, { type: 1, properties: flattenProperties(f.properties) } as any))
          .map((f) => f.id);
        expect(kept, `${id} ${asOf}`).toEqual(layers.query(id, { asOf }).map((f) => f.id));
      }
    });
  }

  it('the served style shows latest by default: the ended AFO territory is filtered out, the Northeast Cartel kept', () => {
    const style = buildStyle(opts);
    const fill = style.layers.find((l) => l.id === 'territories-fill') as any;
    const filter = featureFilter(fill.filter, 'filter');
    const at = (fid: string) => filter.filter({ zoom: 6 } as any, { type: 3, properties: flattenProperties(layers.layer('territories').byId.get(fid)!.properties) } as any);
    expect(at('afo-baja-california-1990-2007')).toBe(false);
    expect(at('northeast-cartel-nuevo-laredo')).toBe(true);
  });

  it('colours each port by the roles it has under the rule, as the API lists them', () => {
    for (const asOf of ['latest', '2020-06-01', '2022-01', '2023-02-01']) {
      const style = buildStyle({ ...opts, timeRule: layers.timeRule(asOf) });
      for (const p of layers.query('ports', { asOf })) {
        const raw = layers.layer('ports').byId.get(p.id)!;
        const got = drawnPortColour(style, flattenProperties(raw.properties));
        const names = [...new Set((p.properties.roles as { role: string }[]).map((r) => r.role))].join(',');
        expect(got, `${p.id} ${asOf}`).toBe(portColour(names));
      }
    }
  });
});
