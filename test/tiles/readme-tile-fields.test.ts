import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAYER_MIN_ZOOM } from '../../src/cartography/look.js';
import { MAX_PORT_ROLES } from '../../src/layers/schema/port.js';
import { flattenProperties, portRoleFields } from '../../src/tiles/properties.js';

// The README's "Vector tiles" section names the date fields tiles carry and where each layer starts, as the code
// writes them (a client's style filter is written from that page).

const section = () => {
  const readme = readFileSync('README.md', 'utf8');
  return readme.slice(readme.indexOf('### Vector tiles'), readme.indexOf('### OGC API'));
};

describe('README: vector tiles', () => {
  it('names every date field a tile carries, as flattenProperties writes them', () => {
    const flat = flattenProperties({ observed: { from: '2021-03', to: '2022' }, ended: { date: '2023-05-11' }, roles: [{ role: 'mpp', observed: { from: '2019-01-29' }, ended: { date: '2021-06-01' } }] } as never);
    expect(flat).toMatchObject({ observedFrom: 20210301, observedTo: 20221231, endedOn: 20230511, role0: 'mpp', role0From: 20190129, role0To: 20210601, roleNames: 'mpp' });
    const text = section();
    for (const field of ['observedFrom', 'observedTo', 'endedOn', 'roleNames', 'role{i}', 'role{i}From', 'role{i}To', 'yyyymmdd']) expect(text).toContain(`\`${field}\``);
    expect(text).toContain(`0–${MAX_PORT_ROLES - 1}`);
    expect(Object.keys(portRoleFields())).toContain(`role${MAX_PORT_ROLES - 1}To`);
    expect(text).not.toMatch(/validFromDate|validToDate/);
  });

  it('gives each layer the min zoom the tiles start it at', () => {
    const text = section().replace(/\s+/g, ' ');
    const names: Record<string, string> = { 'migrant-deaths': 'migrant deaths' };
    for (const [id, z] of Object.entries(LAYER_MIN_ZOOM)) expect(text, id).toContain(`${names[id] ?? id} z${z}`);
  });
});
