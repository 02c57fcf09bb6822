import { Router } from 'express';
import type { LayerSet } from '../layers/layer-set.js';
import { HttpProblem } from './problem.js';
import { asOfOr, LayerQuery, parseQuery, timeRuleOr400 } from './query.js';

/** GET /policies (optionally those in force under `as_of`), GET /policies/{id}. */
export function policiesRouter(layers: LayerSet): Router {
  const router = Router();

  router.get('/policies', (req, res) => {
    const q = parseQuery(LayerQuery.pick({ as_of: true }), req.query);
    const rule = timeRuleOr400(layers, asOfOr(q.as_of, 'all'));
    const inForce = new Set(layers.policiesUnder(rule).map((p) => p.id));
    res.json({ asOf: rule.asOf, time: layers.timeAnswer(rule), policies: layers.policyRecords.filter((p) => inForce.has(p.id)) });
  });

  router.get('/policies/:id', (req, res) => {
    const p = layers.policyRecords.find((x) => x.id === req.params.id);
    if (!p) {
      throw new HttpProblem(404, `unknown policy "${req.params.id}"; known: ${layers.policyRecords.map((x) => x.id).join(', ')}`, undefined, 'unknown-policy');
    }
    res.json(p);
  });

  return router;
}
