// The event loop's JSON scan (src/server/json-scan.ts) against JSON.parse, the reference: the same texts accepted
// and refused, fed whole or in arbitrary chunks; and the batch layout against the parsed FeatureCollection.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonScanError, JsonScanner, type ScanLimits } from '../../src/server/json-scan.js';

const bytes = (s: string) => new TextEncoder().encode(s);
function scan(text: string, cuts: number[] = [], limits: ScanLimits = { maxDepth: 64 }) {
  const b = bytes(text);
  const s = new JsonScanner(limits);
  let from = 0;
  for (const c of [...cuts.map((x) => x % (b.length + 1)).sort((x, y) => x - y), b.length]) {
    s.scan(b, from, Math.max(from, c));
    from = Math.max(from, c);
  }
  return s.finish(b.length);
}
const accepts = (text: string, cuts: number[] = []) => {
  try {
    scan(text, cuts);
    return true;
  } catch (err) {
    if (err instanceof JsonScanError) return false;
    throw err;
  }
};
const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('JsonScanner accepts exactly what JSON.parse accepts', () => {
  it.each([
    ['{}', true], ['[]', true], [' 1 ', true], ['-0.5e+10', true], ['"a\\u00e9\\n"', true], ['{"a":[1,{"b":null}],"c":true}', true],
    ['', false], ['{', false], ['[1,]', false], ['{"a":1,}', false], ['01', false], ['1.', false], ['.5', false], ['-', false], ['1e', false],
    ['"a\nb"', false], ['"\\x"', false], ['"\\u12G4"', false], ['tru', false], ['nul', false], ['[1 2]', false], ['{"a" 1}', false], ['{1:2}', false],
    ['{}{}', false], ['[}', false], ['NaN', false], ['+1', false], ["'a'", false],
  ])('%j: %s', (text, ok) => {
    expect(parses(text)).toBe(ok); // the case itself is right
    expect(accepts(text)).toBe(ok);
    expect(accepts(text, [1, 2, 3, 5, 8])).toBe(ok);
  });

  it('on generated JSON values and their mutations, in random chunks', () => {
    const text = fc.oneof(
      fc.json({ depthSize: 'small' }),
      fc.json().chain((j) => fc.tuple(fc.nat(j.length), fc.constantFrom('', ',', '}', ']', '"', '0', '-', 'e', '\\', ' ', '\n', 'x')).map(([at, ins]) => j.slice(0, at) + ins + j.slice(at + 1))),
      fc.string({ unit: fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '1', '0', '-', '.', 'e', 'a', ' ', '\\', 'u', 't', 'n')}),
    );
    fc.assert(fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), (t, cuts) => accepts(t, cuts) === parses(t)), { numRuns: 3000 });
  });

  it('refuses nesting past the limit, wherever it is', () => {
    expect(() => scan('[[[1]]]', [], { maxDepth: 2 })).toThrow(expect.objectContaining({ kind: 'depth' }));
    expect(() => scan('{"a":"[[[[["}', [], { maxDepth: 2 })).not.toThrow();
  });
});

describe('the batch layout', () => {
  const fcText = (features: unknown[], extra = '') => `{"type" : "FeatureCollection"${extra},"features": [ ${features.map((f) => JSON.stringify(f)).join(' ,\n')} ] }`;
  const line = (n: number) => ({ type: 'LineString', coordinates: Array.from({ length: n }, (_, i) => [-99 + i / 10, 19 + i / 100, 2240]) });

  it('finds each feature, its id, properties.id and vertex count, as the parsed value has them', () => {
    const features = [
      { type: 'Feature', id: 'a"b', properties: { id: 7, name: 'x' }, geometry: line(3) },
      { type: 'Feature', properties: { nested: { id: 'not this' }, id: 'p' }, geometry: { type: 'MultiLineString', coordinates: [line(2).coordinates, line(4).coordinates] } },
      { geometry: line(2), type: 'Feature', id: 12.5 },
      { type: 'Feature', properties: null, geometry: line(5), coordinates: [[1, 2]] },
    ];
    const text = fcText(features, ',"bufferKm":3');
    const b = bytes(text);
    const l = scan(text, [10, 40, 41, 300]);
    const slice = (s: number, e: number) => new TextDecoder().decode(b.subarray(s, e));
    expect(l.root).toBe('object');
    expect(JSON.parse(slice(...l.type!))).toBe('FeatureCollection');
    expect(JSON.parse(slice(...l.features!))).toEqual(features);
    const s = l.spans;
    expect(s.count).toBe(4);
    for (let i = 0; i < 4; i++) expect(JSON.parse(slice(s.start[i]!, s.end[i]!))).toEqual(features[i]);
    expect(s.vertices).toEqual([3, 6, 2, 5]);
    expect(l.totalVertices).toBe(16);
    expect(s.idStart.map((x, i) => (x < 0 ? undefined : JSON.parse(slice(x, s.idEnd[i]!))))).toEqual(['a"b', undefined, 12.5, undefined]);
    expect(s.propIdStart.map((x, i) => (x < 0 ? undefined : JSON.parse(slice(x, s.propIdEnd[i]!))))).toEqual([7, 'p', undefined, undefined]);
  });

  it('counts the same vertices and spans wherever the chunks are cut', () => {
    const features = Array.from({ length: 5 }, (_, i) => ({ type: 'Feature', id: i * 3, geometry: line(2 + i * 3) }));
    const text = fcText(features);
    const whole = scan(text);
    fc.assert(fc.property(fc.array(fc.nat(), { maxLength: 40 }), (cuts) => {
      const l = scan(text, cuts);
      expect(l.spans).toEqual(whole.spans);
      expect(l.totalVertices).toBe(features.reduce((n, f) => n + f.geometry.coordinates.length, 0));
    }), { numRuns: 300 });
  });

  it('stops at the route limit, counts every vertex, and reports features that are not an array', () => {
    expect(() => scan(fcText([{}, {}, {}]), [], { maxDepth: 32, maxRoutes: 2 })).toThrow(expect.objectContaining({ kind: 'routes' }));
    const f = { type: 'Feature', geometry: line(6) };
    expect(scan(fcText([f, f])).totalVertices).toBe(12);
    const l = scan('{"type":"FeatureCollection","features":{"0":1}}');
    expect(l.featuresNotArray).toBe(true);
    expect(l.features).toBeNull();
  });
});
