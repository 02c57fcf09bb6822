import { describe, expect, it } from 'vitest';
import { useServer } from '../support/server.js';

// Policies are data (geodata/policies.json), cited; the dates below are those of the cited sources
// (mission/cited-facts.md, section 4, and the report's footnotes 9 and 10), written out by hand.

const srv = useServer();
const get = (path: string) => fetch(srv.base + path);
const toReynosa = { type: 'LineString', coordinates: [[-100.31847, 25.67507], [-98.29779, 26.08061]] };

describe('GET /policies', () => {
  it('lists every policy with its cited period', async () => {
    const { policies } = await (await get('/policies')).json();
    const byId = Object.fromEntries(policies.map((p: any) => [p.id, p]));
    expect(byId.mpp).toMatchObject({ from: '2019-01-29', ended: { date: '2021-06', source: 'ic2023-fn10' } });
    expect(byId['mpp-restart']).toMatchObject({ from: '2021-12', ended: { date: '2022-08', source: 'ncja-2022-08-mpp-suspended' } });
    expect(byId.title42).toMatchObject({ from: '2020-03', ended: { date: '2023-05-11' } });
    expect(byId.title42.sources).toContain('ic2023-fn9');
    expect(byId.title8.from).toBe('2023-05-12');
    expect(byId.title8.ended).toBeUndefined();
    expect(byId['cbp-one']).toMatchObject({ from: '2023-01-12', ended: { date: '2025-01-20' } });
    expect(byId['mpp-2025']).toMatchObject({ from: '2025-01-20', confidence: 'medium' });
    const { sources } = await (await get('/sources')).json();
    const ids = new Set(sources.map((s: any) => s.id));
    for (const p of policies) for (const s of [...p.sources, ...(p.ended ? [p.ended.source] : [])]) expect(ids.has(s), `${p.id}: ${s}`).toBe(true);
  });

  it('filters to the policies in force under as_of', async () => {
    const ids = async (asOf: string) => (await (await get(`/policies?as_of=${asOf}`)).json()).policies.map((p: any) => p.id).sort();
    expect(await ids('2020-06-01')).toEqual(['mpp', 'title42']);
    expect(await ids('latest')).toEqual(['mpp-2025', 'title8']);
    expect(await ids('2023')).toEqual(['cbp-one', 'title42', 'title8']);
    expect(await ids('2019')).toEqual(['mpp']);
  });

  it('answers one policy, and 404 for an unknown one', async () => {
    expect((await (await get('/policies/title42')).json()).name).toBe('Title 42 expulsions');
    const res = await get('/policies/title99');
    expect(res.status).toBe(404);
    expect((await res.json()).detail).toContain('unknown policy "title99"');
  });
});

describe('as_of names a policy', () => {
  it('as_of=title42 shows the Title 42 period: its expulsion roles, no CBP One before 2023', async () => {
    const fc = await (await get('/layers/ports?as_of=title42')).json();
    expect(fc.time).toMatchObject({ asOf: 'title42', rule: 'period', policy: 'title42', from: '2020-03-01', to: '2023-05-11' });
    const t42 = fc.features.filter((f: any) => f.properties.roles.some((r: any) => r.role === 'title42-expulsion')).map((f: any) => f.id);
    expect(t42.length).toBeGreaterThanOrEqual(6);
  });

  it('an unknown policy is a 400 naming as_of and the known ones', async () => {
    const res = await get('/layers/ports?as_of=title99');
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors[0].path).toBe('query.as_of');
    expect(body.errors[0].message).toMatch(/unknown policy "title99".*known policies: mpp, mpp-restart, title42, title8, cbp-one, mpp-2025/);
  });

  it('exposure answers name the policies in force: today Title 8, in June 2020 MPP and Title 42', async () => {
    const post = (q: string) => fetch(`${srv.base}/exposure${q}`, { method: 'POST', body: JSON.stringify(toReynosa) }).then((r) => r.json());
    const today = await post('');
    expect(today.time.policies.map((p: any) => p.id)).toEqual(['title8', 'mpp-2025']);
    expect(today.time.policies[0]).toEqual({ id: 'title8', name: 'Title 8 processing after Title 42', from: '2023-05-12', to: null });
    const june2020 = await post('?as_of=2020-06-01');
    expect(june2020.time.policies.map((p: any) => p.id)).toEqual(['mpp', 'title42']);
    const cbpOne = await post('?as_of=2024-03');
    expect(cbpOne.time.policies.map((p: any) => p.id)).toEqual(['title8', 'cbp-one']);
  });
});
