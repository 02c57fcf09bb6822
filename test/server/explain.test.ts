import { describe, expect, it } from 'vitest';
import { useServer } from '../support/server.js';

// The Done-when case of issue 9 over HTTP: Monterrey - Piedras Negras in March 2023. Its criminal km no longer
// comes from the whole-state Coahuila polygon (officials, a state actor), which is reported beside it.
const srv = useServer();

describe('GET /routes/{id}/exposure with explain=true', () => {
  it('Monterrey - Piedras Negras, 2023: the Coahuila officials are a state-actor area, explained, never criminal km', async () => {
    const res = await fetch(`${srv.base}/routes/central-piedras-negras/exposure?as_of=2023-03-15&explain=true`);
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(r.territories.map((t: { id: string }) => t.id)).not.toContain('coahuila-state-officials-2023');
    expect(r.groups.map((g: { group: string }) => g.group)).not.toContain('coahuila-state-officials');
    const [area] = r.stateAreas;
    expect(area).toMatchObject({ id: 'coahuila-state-officials-2023', actor: 'state', extentBasis: 'state', confidence: 'medium' });
    expect(area.sources).toContain('ic2023-coahuila');
    // Coarse, medium-confidence evidence: possible but not likely.
    expect(r.summary.stateActors.possible.km).toBeGreaterThan(0.5 * r.route.lengthKm);
    expect(r.summary.stateActors.likely.km).toBe(0);
    expect(r.explain['stateActors.kmInArea'][0]).toMatchObject({ id: 'coahuila-state-officials-2023', extentBasis: 'state', share: 1 });
    // Checkpoints are state actors too.
    expect(r.summary.stateActors.checkpointsPassed).toBe(r.checkpoints.length);
    expect(r.checkpoints.every((c: { actor: string }) => c.actor === 'state')).toBe(true);
  });

  it('rejects explain=maybe with a problem naming the parameter', async () => {
    const res = await fetch(`${srv.base}/routes/central-piedras-negras/exposure?explain=maybe`);
    expect(res.status).toBe(400);
    const p = await res.json();
    expect(p.errors[0].path).toBe('query.explain');
  });
});
