import { describe, expect, it } from 'vitest';
import { AGENCY_COLOURS, PORT_ROLE_COLOURS, PORT_ROLE_PRIORITY } from '../../src/cartography/palette.js';
import { buildStyle } from '../../src/tiles/style.js';

// The served style as QGIS 3.22's MapLibre converter reads it (checked against QGIS itself in test/qgis): `match`
// labels must be arrays; territory colours a single `match` on a property; circle colours constants (checkpoints
// one layer per agency, ports one per role with a date filter); filters only of the operators the converter reads.

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

  it('colours territories with one match on a property, and no data-driven opacity product', () => {
    for (const id of ['territories-fill', 'territories-fill-low-confidence']) {
      const l = style.layers.find((x) => x.id === id) as any;
      expect(l.paint['fill-color'][0], id).toBe('match');
      const v = l.paint['fill-opacity'];
      if (Array.isArray(v)) expect(v[0], `${id} fill-opacity`).toBe('match');
    }
  });

  it('colours every circle with a constant (QGIS 3.22 drops a data-driven circle-color): checkpoints one layer per agency', () => {
    for (const l of style.layers.filter((x) => x.type === 'circle') as any[]) {
      if (l.id === 'migrant-deaths') continue;
      expect(typeof l.paint['circle-color'], l.id).toBe('string');
    }
    for (const [prefix, confidence] of [['checkpoints', '!='], ['checkpoints-low-confidence', '==']]) {
      for (const [agency, colour] of Object.entries(AGENCY_COLOURS)) {
        const l = style.layers.find((x) => x.id === `${prefix}-${agency}`) as any;
        expect(l?.paint['circle-color'], `${prefix}-${agency}`).toBe(colour);
        expect(JSON.stringify(l.filter)).toContain(`["==",["get","agency"],"${agency}"]`);
        expect(JSON.stringify(l.filter)).toContain(`["${confidence}",["get","confidence"],"low"]`);
      }
    }
  });

  it('draws ports as one constant-colour circle layer per role, in priority order, each filtered by the date', () => {
    const ports = style.layers.filter((l) => (l as any)['source-layer'] === 'ports' && l.type === 'circle') as any[];
    // bottom to top: every port in the "none" colour, then the roles from the lowest priority to the highest
    expect(ports.map((l) => l.paint['circle-color'])).toEqual(['none', ...[...PORT_ROLE_PRIORITY].reverse()].map((r) => PORT_ROLE_COLOURS[r as 'none']));
    expect(ports[0].filter).toBeUndefined();
    for (const [i, role] of [...PORT_ROLE_PRIORITY].reverse().entries()) {
      const text = JSON.stringify(ports[i + 1].filter);
      expect(text, role).toContain(`"${role}"`);
      expect(text, role).toMatch(/role0From/);
    }
  });

  it('writes every filter with operators QGIS 3.22 converts (no coalesce, no ! but before has, no case)', () => {
    const READ = new Set(['all', 'any', 'none', '==', '!=', '<', '<=', '>', '>=', 'has', '!has', 'in', '!in', 'get', 'literal', 'match', 'to-string']);
    const operators = (e: unknown, out: string[] = []): string[] => {
      if (!Array.isArray(e)) return out;
      if (typeof e[0] === 'string') out.push(e[0] === '!' ? (Array.isArray(e[1]) && e[1][0] === 'has' ? '!has' : '! before ' + JSON.stringify(e[1]).slice(0, 20)) : e[0]);
      for (const x of e.slice(1)) operators(x, out);
      return out;
    };
    let filters = 0;
    for (const l of style.layers as any[]) {
      if (!l.filter) continue;
      filters++;
      for (const op of operators(l.filter)) expect(READ.has(op) || /^\d/.test(op), `${l.id}: ${op}`).toBe(true);
    }
    expect(filters).toBeGreaterThan(15);
  });

  it('gives a layer of constant colour opacities that depend on no feature property (QGIS 3.22 turns a data-driven one into a broken colour)', () => {
    let constants = 0;
    for (const l of style.layers as any[]) {
      for (const kind of ['fill', 'line', 'circle']) {
        const colour = l.paint?.[`${kind}-color`];
        if (typeof colour !== 'string') continue;
        constants++;
        for (const key of [`${kind}-opacity`, `${kind}-stroke-opacity`]) {
          const v = l.paint[key];
          expect(JSON.stringify(v ?? null), `${l.id} ${key}`).not.toMatch(/\["get"/); // zoom-only interpolation converts well
        }
      }
    }
    expect(constants).toBeGreaterThan(20);
  });
});
