import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Color, validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYER_IDS } from '../../src/layers/catalog.js';
import { DEFAULT_GEODATA_DIR } from '../../src/layers/load.js';
import { Agency, Corridor, ExpulsionFlightProperties, PortRoleKind } from '../../src/layers/schema/index.js';
import { GlyphRequestError, listFontstacks, readGlyphs } from '../../src/tiles/glyphs.js';
import {
  AGENCY_COLOURS,
  CORRIDOR_COLOURS,
  FLIGHT_KIND_COLOURS,
  GROUP_COLOURS,
  GROUP_FALLBACK,
  PORT_ROLE_COLOURS,
  portColour,
} from '../../src/cartography/palette.js';
import { LOOK } from '../../src/cartography/look.js';
import { buildStyle, SOURCE, TEXT_FONT } from '../../src/tiles/style.js';
import { drawnPortColour } from './drawn-port-colour.js';

const style: StyleSpecification = buildStyle({
  tileJsonUrl: 'http://localhost:8080/tiles/gauntlet.json',
  glyphsUrl: 'http://localhost:8080/fonts/{fontstack}/{range}.pbf',
});

// The distinct values of a property in the shipped geodata (arrays of objects flattened via `pick`).
let values: (file: string, pick: (p: any) => unknown) => Promise<string[]>;
beforeAll(() => {
  values = async (file, pick) => {
    const fc = JSON.parse(await readFile(join(DEFAULT_GEODATA_DIR, file), 'utf8'));
    return [...new Set<string>(fc.features.flatMap((f: any) => pick(f.properties)))].sort();
  };
});

const layer = (id: string) => style.layers.find((l) => l.id === id) as LayerSpecification & { paint?: any; layout?: any };

/** Every value must have a palette colour of its own: defined, valid, and shared with no other value. */
function expectOwnColours(palette: Readonly<Record<string, string>>, used: string[], fallback?: string) {
  expect(used.length).toBeGreaterThan(0);
  for (const v of used) {
    expect(palette[v], `no colour for "${v}"`).toBeDefined();
    expect(Color.parse(palette[v]), `"${palette[v]}" is not a colour`).toBeDefined();
    if (fallback) expect(palette[v]!.toLowerCase(), `"${v}" uses the fallback`).not.toBe(fallback.toLowerCase());
  }
  const colours = Object.values(palette).map((c) => c.toLowerCase());
  expect(new Set(colours).size, 'two values share a colour').toBe(colours.length);
}

describe('buildStyle', () => {
  it('is a valid MapLibre v8 style named Gauntlet with the one vector source', () => {
    expect(validateStyleMin(style)).toEqual([]);
    expect(style.version).toBe(8);
    expect(style.name).toBe('Gauntlet');
    expect(style.sources).toEqual({
      [SOURCE]: { type: 'vector', url: 'http://localhost:8080/tiles/gauntlet.json', attribution: expect.stringContaining('Natural Earth') },
    });
    expect(buildStyle({ tileJsonUrl: 'x', glyphsUrl: '/fonts/{fontstack}/{range}.pbf', attribution: 'A' }).sources[SOURCE]).toMatchObject({ attribution: 'A' });
  });

  it('refuses a glyphs URL without {fontstack} and {range}', () => {
    expect(() => buildStyle({ tileJsonUrl: 'x', glyphsUrl: '/fonts/noto.pbf' })).toThrow(/fontstack/);
  });

  it('draws every Gauntlet layer and nothing else', () => {
    const used = new Set(style.layers.flatMap((l) => ('source-layer' in l && l['source-layer'] ? [l['source-layer']] : [])));
    expect([...used].sort()).toEqual([...LAYER_IDS, 'territory-labels'].sort()); // label points: tiles/label-points.ts
    for (const l of style.layers) if (l.type !== 'background') expect((l as { source?: string }).source).toBe(SOURCE);
    expect(new Set(style.layers.map((l) => l.id)).size).toBe(style.layers.length);
  });

  it('gives every territory group in the data its own colour, in the fill and both outlines', async () => {
    const groups = await values('territories.geojson', (p) => p.group);
    expectOwnColours(GROUP_COLOURS, groups, GROUP_FALLBACK);
    for (const id of ['territories-fill', 'territories-fill-low-confidence', 'territories-outline', 'territories-outline-contested']) {
      const colour = JSON.stringify(layer(id).paint['fill-color'] ?? layer(id).paint['line-color']);
      for (const g of groups) expect(colour, `${id} misses ${g}`).toContain(`["${g}"],"${GROUP_COLOURS[g]}"`);
    }
  });

  it('fills no territory in a colour that reads as water over land, at any presence or confidence', () => {
    const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const over = (hex: string, alpha: number, ground: string) => rgb(hex).map((c, i) => alpha * c + (1 - alpha) * rgb(ground)[i]!);
    const T = LOOK.territories;
    const fills: [string, string, number][] = [];
    for (const [g, colour] of Object.entries(T.colours)) {
      for (const [p, opacity] of Object.entries(T.presenceOpacity)) for (const f of [1, LOOK.lowConfidenceOpacity]) fills.push([`${g} ${p} ×${f}`, colour, opacity * f]);
    }
    for (const f of [1, LOOK.lowConfidenceOpacity]) fills.push([`state actors ×${f}`, T.stateActors.colour, T.stateActors.fillOpacity * f]);
    const water = rgb(LOOK.water.colour);
    const hue = ([r, g, b]: number[]) => {
      const max = Math.max(r!, g!, b!);
      const d = max - Math.min(r!, g!, b!);
      if (d === 0) return { hue: 0, chroma: 0 };
      const h = max === r ? ((g! - b!) / d) % 6 : max === g ? (b! - r!) / d + 2 : (r! - g!) / d + 4;
      return { hue: (h * 60 + 360) % 360, chroma: d };
    };
    const WATERY = (c: { hue: number; chroma: number }) => c.chroma > 6 && c.hue >= 160 && c.hue <= 260; // cyan to blue
    expect(WATERY(hue(water)), 'the water colour itself is watery').toBe(true);
    expect(WATERY(hue(over('#88CCEE', 0.25, LOOK.countries.fill.byName.Mexico!))), 'a pale cyan over land is').toBe(true);
    for (const [what, colour, alpha] of fills) {
      const blended = hue(over(colour, alpha, LOOK.countries.fill.byName.Mexico!));
      expect(WATERY(blended), `${what}: ${colour} at ${alpha} gives hue ${Math.round(blended.hue)}° over land, as water`).toBe(false);
    }
  });

  it('gives every checkpoint agency (in the data and the schema) its own colour', async () => {
    const agencies = await values('checkpoints.geojson', (p) => [p.agency, ...(p.agencies ?? [])]);
    expectOwnColours(AGENCY_COLOURS, [...new Set([...agencies, ...Agency.options])]);
    for (const a of agencies) expect(layer(`checkpoints-${a}`).paint['circle-color'], a).toBe(AGENCY_COLOURS[a as keyof typeof AGENCY_COLOURS]);
  });

  it('gives every route corridor its own colour', async () => {
    const corridors = await values('routes.geojson', (p) => p.corridor);
    expectOwnColours(CORRIDOR_COLOURS, [...new Set([...corridors, ...Corridor.options])]);
    expect(JSON.stringify(layer('routes').paint['line-color'])).toContain('"journey"');
  });

  it('gives every flight kind and port role its own colour', async () => {
    const kinds = await values('expulsion-flights.geojson', (p) => p.kind);
    expectOwnColours(FLIGHT_KIND_COLOURS, [...new Set([...kinds, ...ExpulsionFlightProperties.shape.kind.options])]);
    const roles = await values('ports.geojson', (p) => p.roles.map((r: any) => r.role));
    expectOwnColours(PORT_ROLE_COLOURS, [...new Set([...roles, ...PortRoleKind.options, 'none'])]);
  });

  it('colours a port in the style exactly as portColour() does from its roles (all dates)', () => {
    const all = buildStyle({ tileJsonUrl: 'http://x/t.json', glyphsUrl: 'http://x/{fontstack}/{range}.pbf', timeRule: { kind: 'all', asOf: 'all' } });
    for (const roleNames of [undefined, '', 'cbp-one', 'mpp-return,cbp-one', 'title42-expulsion,mpp-return', 'cbp-one,lateral-expulsion-destination']) {
      const roles = roleNames ? Object.fromEntries(roleNames.split(',').map((r, i) => [`role${i}`, r])) : {};
      expect(drawnPortColour(all, roles), String(roleNames)).toBe(portColour(roleNames));
    }
    expect(portColour('mpp-return,cbp-one')).toBe(PORT_ROLE_COLOURS['mpp-return']);
    expect(portColour(undefined)).toBe(PORT_ROLE_COLOURS.none);
  });

  it('labels with the font we serve', () => {
    const symbols = style.layers.filter((l) => l.type === 'symbol');
    expect(symbols.map((l) => l.id)).toEqual(expect.arrayContaining(['places-label', 'ports-label', 'checkpoints-label', 'territories-label']));
    const fonts = listFontstacks();
    for (const l of symbols) {
      expect((l.layout as any)['text-font'], l.id).toEqual(TEXT_FONT);
      for (const f of TEXT_FONT) expect(fonts).toContain(f);
    }
    expect(layer('checkpoints-label').minzoom).toBeGreaterThanOrEqual(8);
  });
});

describe('readGlyphs', () => {
  const font = TEXT_FONT[0]!;

  it('serves a glyph protobuf for 0-255 of the label font', async () => {
    const pbf = await readGlyphs(font, '0-255');
    expect(pbf?.length).toBeGreaterThan(1000);
    expect(pbf![0]).toBe(0x0a); // field 1 (fontstack), length-delimited
    expect(pbf!.includes(Buffer.from(font))).toBe(true);
    expect(await readGlyphs(font, '0-255.pbf')).toEqual(pbf);
  });

  it('serves the first font of a stack that exists', async () => {
    expect(await readGlyphs(`Arial Unicode MS Regular,${font}`, '256-511')).toEqual(await readGlyphs(font, '256-511'));
  });

  it('answers undefined for a font it does not have', async () => {
    expect(await readGlyphs('Comic Sans MS Regular', '0-255')).toBeUndefined();
  });

  it('rejects path traversal in the font name', async () => {
    for (const stack of ['../../etc', '..', `${font}/../../etc`, '/etc/passwd', `x,..\\..\\${font}`, '']) {
      await expect(readGlyphs(stack, '0-255'), stack).rejects.toBeInstanceOf(GlyphRequestError);
    }
  });

  it('rejects ranges that are not 256 aligned code-point blocks', async () => {
    for (const range of ['0-300', 'abc', '1-256', '256-255', '0-255.png', '../0-255', '65536-65791', '0-255.pbf/..', '-0-255']) {
      await expect(readGlyphs(font, range), range).rejects.toBeInstanceOf(GlyphRequestError);
    }
  });
});
