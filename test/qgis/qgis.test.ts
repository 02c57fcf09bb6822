import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AGENCY_COLOURS,
  CORRIDOR_COLOURS,
  FLIGHT_KIND_COLOURS,
  GROUP_COLOURS,
  LOW_CONFIDENCE_OPACITY,
  PORT_ROLE_COLOURS,
  PORT_ROLE_PRIORITY,
  PRESENCE_OPACITY,
  STATE_ACTOR_STYLE,
} from '../../src/cartography/palette.js';
import { QML_LAYERS } from '../../src/cartography/qgis-qml.js';
import { useServer } from '../support/server.js';
import { countOn, fileFeatures, holds } from '../ogc/expected.js';

// QGIS itself (Debian's PyQGIS 3.22, headless; scripts/ensure-test-packages.mjs installs it) reads the server: the OAPIF
// collections with the shipped .qml styles, the vector tiles, and the served MapLibre style through its converter.

const run = promisify(execFile);
/**
 * QGIS's pictures (OAPIF layers with the .qml styles; tiles with the converted style) for a person to look at, drawn
 * when asked (QGIS_SHOTS=1 npx vitest run test/qgis): nothing here reads them, and they cost the run seconds.
 */
const SHOTS_DIR = process.env.QGIS_SHOTS === '1' ? join(import.meta.dirname, '..', '..', 'tmp', 'qgis') : undefined;
const srv = useServer();
const tmp = mkdtempSync(join(tmpdir(), 'gauntlet-qgis-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let seen: any;
beforeAll(async () => {
  for (const id of QML_LAYERS) {
    const res = await fetch(`${srv.base}/styles/qgis/${id}.qml`);
    expect(res.status, id).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/xml/);
    writeFileSync(join(tmp, `${id}.qml`), await res.text());
  }
  const script = new URL('./qgis_check.py', import.meta.url).pathname;
  if (SHOTS_DIR) mkdirSync(SHOTS_DIR, { recursive: true });
  const { stdout } = await run('/usr/bin/python3', [script, srv.base, tmp, ...(SHOTS_DIR ? [join(SHOTS_DIR, 'qgis-oapif.png')] : [])], {
    env: { ...process.env, QT_QPA_PLATFORM: 'offscreen', XDG_RUNTIME_DIR: tmp },
    maxBuffer: 64 << 20,
    timeout: 240_000,
  });
  seen = JSON.parse(stdout);
}, 300_000);

const lower = (table: Readonly<Record<string, string>>) => Object.values(table).map((c) => c.toLowerCase());

describe('QGIS', () => {
  it('loads each shipped .qml as a categorized renderer with the palette colours, confidence opacity and labels', () => {
    const expected: Record<string, [string, string[]]> = {
      territories: ['group', lower(GROUP_COLOURS)],
      checkpoints: ['agency', lower(AGENCY_COLOURS)],
      routes: ['corridor', lower(CORRIDOR_COLOURS)],
      'expulsion-flights': ['kind', lower(FLIGHT_KIND_COLOURS)],
      ports: ['with_variable', [...PORT_ROLE_PRIORITY, 'none' as const].map((r) => PORT_ROLE_COLOURS[r].toLowerCase())],
    };
    for (const [id, [attr, colours]] of Object.entries(expected)) {
      const s = seen.qml[id];
      expect(s.ok, `${id}: ${s.message}`).toBe(true);
      expect(s.renderer).toBe('categorizedSymbol');
      expect(s.attr.startsWith(attr), id).toBe(true);
      expect(s.labels, id).toBe(true);
      const got = s.categories.map((c: any) => c.colour);
      for (const c of colours) expect(got, `${id} lacks ${c}`).toContain(c);
      for (const c of s.categories) expect(c.opacity).toMatch(/"confidence" = 'low'/);
    }
    // every group of the data has a category of its own colour
    const groups = new Set(fileFeatures('territories').map((f) => f.properties.group));
    for (const g of groups) {
      const cat = seen.qml.territories.categories.find((c: any) => c.value === g);
      expect(cat?.colour, g).toBe(GROUP_COLOURS[g]!.toLowerCase());
    }
  });

  it('fades each OAPIF feature by its .qml opacity: presence for territories (state actors faint), half for low confidence', () => {
    for (const id of QML_LAYERS) {
      const byId = new Map(fileFeatures(id).map((f) => [String(f.properties.id), f.properties]));
      const opacities = Object.entries(seen.oapif[id].style?.opacities ?? {}) as [string, number][];
      expect(opacities.length, id).toBe(seen.oapif[id].count);
      for (const [fid, opacity] of opacities) {
        const p = byId.get(fid)!;
        const base = id !== 'territories' ? 100 : p.actor === 'state' ? STATE_ACTOR_STYLE.fillOpacity * 100 : PRESENCE_OPACITY[p.presence as keyof typeof PRESENCE_OPACITY] * 100;
        expect(opacity, `${id} ${fid}`).toBeCloseTo(base * (p.confidence === 'low' ? LOW_CONFIDENCE_OPACITY : 1), 6);
      }
    }
  });

  it('colours each port by its highest-priority role on the date, as the files give the roles', () => {
    const expected = Object.fromEntries(
      fileFeatures('ports').map((f) => {
        const roles = (f.properties.roles as any[]).filter((r) => holds(r, '2021-03-15', '2021-03-15')).map((r) => r.role);
        return [String(f.properties.id), PORT_ROLE_PRIORITY.find((r) => roles.includes(r)) ?? 'none'];
      }),
    );
    expect(seen.portRoles).toEqual(expected);
    expect(new Set(Object.values(expected)).size).toBeGreaterThan(1);
  });

  it('reads every thematic collection through its OAPIF provider with the count of the default date', async () => {
    for (const id of QML_LAYERS) {
      const o = seen.oapif[id];
      expect(o.valid, id).toBe(true);
      const layer = await (await fetch(`${srv.base}/layers/${id}`)).json();
      expect(o.count, id).toBe(layer.features.length);
      if (/^\d{4}-\d{2}-\d{2}$/.test(layer.asOf)) expect(o.count, id).toBe(countOn(id, layer.asOf));
      if (o.count > 0) expect(o.style.ok, id).toBe(true);
    }
    expect(seen.oapif.checkpoints.fields).toEqual(expect.arrayContaining(['agency', 'confidence', 'observed']));
  });

  it('opens the vector tiles and finds every checkpoint of the file in the z6 tiles', () => {
    expect(seen.tiles.valid).toBe(true);
    expect(seen.tiles.checkpointIds).toEqual(fileFeatures('checkpoints').map((f) => f.properties.id).sort());
  });

  it('converts the served style with the palette colours for territories and checkpoints', () => {
    const expr = (id: string) => (seen.tiles.styleExpressions[id] as string[]).join('\n');
    for (const id of ['territories-fill', 'territories-fill-low-confidence']) {
      for (const [g, colour] of Object.entries(GROUP_COLOURS)) expect(expr(id), `${id} ${g}`).toContain(`IN ('${g}') THEN '${colour.toLowerCase()}'`);
    }
    for (const prefix of ['checkpoints', 'checkpoints-low-confidence']) {
      for (const [a, colour] of Object.entries(AGENCY_COLOURS)) expect(seen.tiles.styleColours[`${prefix}-${a}`], `${prefix}-${a}`).toBe(colour.toLowerCase());
    }
  });

  it('converts the served style for a date into one port style per role, and draws each port in its role colour then', () => {
    const styles = seen.tiles.portStyles as { name: string; filter: string; colour: string }[];
    expect(styles.map((s) => s.colour)).toEqual(['none', ...[...PORT_ROLE_PRIORITY].reverse()].map((r) => PORT_ROLE_COLOURS[r as 'none'].toLowerCase()));
    for (const s of styles.slice(1)) expect(s.filter, s.name).toMatch(/"role0From" <= 20210315/);
    const expected = Object.fromEntries(
      fileFeatures('ports').map((f) => {
        const roles = (f.properties.roles as any[]).filter((r) => holds(r, '2021-03-15', '2021-03-15')).map((r) => r.role);
        return [String(f.properties.id), PORT_ROLE_COLOURS[PORT_ROLE_PRIORITY.find((r) => roles.includes(r)) ?? 'none'].toLowerCase()];
      }),
    );
    expect(seen.tiles.portColours).toEqual(expected);
    expect(new Set(Object.values(expected)).size).toBeGreaterThan(2);
  });

  it('draws each checkpoint and port valid on a date in its colour, as QGIS renders the tiles with the converted style', () => {
    const on = (id: 'checkpoints' | 'ports') => fileFeatures(id).filter((f) => holds(f.properties, '2021-03-15', '2021-03-15'));
    const drawn = seen.tiles.drawn as { checkpoints: Record<string, string>; ports: Record<string, string> };
    const confident = on('checkpoints').filter((f) => f.properties.confidence !== 'low');
    const agencyMatches = confident.filter((f) => drawn.checkpoints[String(f.properties.id)] === AGENCY_COLOURS[f.properties.agency as keyof typeof AGENCY_COLOURS].toLowerCase());
    // a checkpoint under a port or another checkpoint shows that one: most, not all, show their own colour
    expect(agencyMatches.length, JSON.stringify(drawn.checkpoints)).toBeGreaterThan(confident.length * 0.7);
    const agencies = new Set(confident.map((f) => f.properties.agency));
    expect(agencies.size).toBeGreaterThan(2);
    expect(new Set(agencyMatches.map((f) => f.properties.agency))).toEqual(agencies);
    const portMatches = on('ports').filter((f) => {
      const roles = (f.properties.roles as any[]).filter((r) => holds(r, '2021-03-15', '2021-03-15')).map((r) => r.role);
      return drawn.ports[String(f.properties.id)] === PORT_ROLE_COLOURS[PORT_ROLE_PRIORITY.find((r) => roles.includes(r)) ?? 'none'].toLowerCase();
    });
    expect(portMatches.length, JSON.stringify(drawn.ports)).toBeGreaterThan(on('ports').length * 0.8);
  });
});
