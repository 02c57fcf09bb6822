import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LayerSet } from '../../src/layers/layer-set.js';
import { listen, type Listening } from '../../src/server/serve.js';
import { shippedLayers } from '../support/shipped-layers.js';
import { TEST_SERVE } from '../support/server.js';
import type { BuiltLayers } from '../../src/layers/features.js';

// Answers for `latest` (the default) depend on today's date: an answer cached or validated yesterday must not be
// served for a request made after midnight UTC. The layers' clock is injected (LayerSetOptions.today) and moved.

let clock = '2015-06-01';
let base = '';
let started: Listening;
beforeAll(async () => {
  const loaded = await shippedLayers();
  const built = Object.fromEntries([...loaded.layers].map(([id, l]) => [id, l.features])) as BuiltLayers;
  const layers = new LayerSet(built, [...loaded.sources.values()], loaded.version, { policies: loaded.policyRecords, today: () => clock });
  started = await listen(layers, TEST_SERVE);
  base = started.url;
});
afterAll(() => started?.shutdown(0));

describe('latest after midnight', () => {
  it('GET /network/chokepoints answers for the new day, not from the cache of the old one', async () => {
    const url = `${base}/network/chokepoints?origins=ciudad-hidalgo,tenosique&destinations=nuevo-laredo,reynosa,ciudad-juarez`;
    clock = '2015-06-01';
    const before = await (await fetch(url)).json();
    clock = '2025-06-01';
    const after = await (await fetch(url)).json();
    // the facts in force differ between the two days: yesterday's cached answer would equal `before`
    expect(after.checkpoints).not.toEqual(before.checkpoints);
    clock = '2015-06-01';
    expect((await (await fetch(url)).json()).checkpoints).toEqual(before.checkpoints);
  }, 120_000);

  it('GET /static images for latest change their ETag at midnight and are never cached past it', async () => {
    const url = `${base}/static/-98.6,25.7,-97.4,26.4/200x150.png?legend=false`;
    clock = '2021-03-15';
    const a = await fetch(url);
    await a.arrayBuffer();
    const etag = a.headers.get('etag')!;
    expect(a.status).toBe(200);
    const revalidated = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    clock = '2021-03-16';
    const b = await fetch(url, { headers: { 'if-none-match': etag } });
    await b.arrayBuffer();
    expect(b.status).toBe(200);
    expect(b.headers.get('etag')).not.toBe(etag);
    // a versioned URL is immutable, but `latest` only until midnight UTC; a fixed date for the year
    const version = (await (await fetch(`${base}/health`)).json()).version;
    const before = Date.now();
    const pinned = await fetch(`${url}&v=${version}`);
    await pinned.arrayBuffer();
    const maxAge = Number(/max-age=(\d+)/.exec(pinned.headers.get('cache-control')!)![1]);
    expect(maxAge).toBeLessThanOrEqual(Math.ceil((86_400_000 - (before % 86_400_000)) / 1000));
    expect(pinned.headers.get('cache-control')).toContain('immutable');
    const dated = await fetch(`${url}&as_of=2021-03-15&v=${version}`);
    await dated.arrayBuffer();
    expect(dated.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  }, 60_000);
});
