import { describe, expect, it } from 'vitest';
import { buildStyle } from '../../src/tiles/style.js';

// The served style as QGIS 3.22's MapLibre converter reads it (checked against QGIS itself in test/qgis): `match`
// labels must be arrays, and the territory, checkpoint and port colours must be a single `match` on a property.

const style = buildStyle({ tileJsonUrl: 'http://localhost:8080/tiles/gauntlet.json', glyphsUrl: '/fonts/{fontstack}/{range}.pbf' });

function* matches(value: unknown): Generator<unknown[]> {
  if (!Array.isArray(value)) return;
  if (value[0] === 'match') yield value;
  for (const v of value) yield* matches(v);
}

describe('the style for QGIS', () => {
  it('gives every match label of a colour or an opacity as an array', () => {
    let count = 0;
    for (const layer of style.layers) {
      for (const props of [(layer as any).paint]) {
        for (const [key, value] of Object.entries(props ?? {}).filter(([k]) => /-(color|opacity)$/.test(k))) {
          for (const m of matches(value)) {
            count++;
            for (let i = 2; i < m.length - 1; i += 2) expect(Array.isArray(m[i]), `${layer.id} ${key}: label ${JSON.stringify(m[i])}`).toBe(true);
          }
        }
      }
    }
    expect(count).toBeGreaterThan(10);
  });

  it('colours territories, checkpoints and ports with one match on a property, and no data-driven opacity product', () => {
    const colourOf = (id: string) => {
      const l = style.layers.find((x) => x.id === id) as any;
      return l.paint['fill-color'] ?? l.paint['circle-color'];
    };
    for (const id of ['territories-fill', 'territories-fill-low-confidence', 'checkpoints', 'checkpoints-low-confidence']) { // ports: issue 8's date-aware 'case' replaced the match
      expect(colourOf(id)[0], id).toBe('match');
    }
    for (const l of style.layers.filter((x) => ['territories-fill', 'territories-fill-low-confidence', 'checkpoints', 'checkpoints-low-confidence'].includes(x.id)) as any[]) {
      for (const key of ['fill-opacity', 'circle-opacity']) {
        const v = l.paint[key];
        if (Array.isArray(v)) expect(v[0], `${l.id} ${key}`).toBe('match');
      }
    }
  });
});
