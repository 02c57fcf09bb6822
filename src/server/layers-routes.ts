import { Router } from 'express';
import { fieldsOf, LAYERS, layerDef } from '../layers/catalog.js';
import type { LayerSet } from '../layers/layer-set.js';
import { HttpProblem } from './problem.js';
import { asOfOr, LayerQuery, parseQuery, timeRuleOr400 } from './query.js';

const GEOJSON = 'application/geo+json';

/** GET /layers, /layers/{id}, /layers/{id}/{featureId}, /sources, /sources/{id}. */
export function layersRouter(layers: LayerSet): Router {
  const router = Router();

  router.get('/layers', (_req, res) => {
    res.json({
      version: layers.version,
      layers: LAYERS.map((def) => ({
        id: def.id,
        kind: def.kind,
        title: def.title,
        description: def.description,
        featureCount: layers.layer(def.id).features.length,
        fields: fieldsOf(def),
        href: `/layers/${def.id}`,
      })),
    });
  });

  const known = (id: string) => {
    const def = layerDef(id);
    if (!def) throw new HttpProblem(404, `unknown layer "${id}"; known layers: ${LAYERS.map((l) => l.id).join(', ')}`, undefined, 'unknown-layer');
    return def;
  };

  router.get('/layers/:layer', (req, res) => {
    const def = known(req.params.layer);
    const q = parseQuery(LayerQuery, req.query);
    const asOf = timeRuleOr400(layers, asOfOr(q.as_of));
    const features = layers.query(def.id, { asOf, bbox: q.bbox, staleAfterMonths: q.staleAfterMonths });
    const time = layers.timeAnswer(asOf, q.staleAfterMonths);
    res.type(GEOJSON).send(JSON.stringify({ type: 'FeatureCollection', asOf: time.asOf, time, features }));
  });

  router.get('/layers/:layer/:featureId', (req, res) => {
    const def = known(req.params.layer);
    const q = parseQuery(LayerQuery.pick({ as_of: true, staleAfterMonths: true }), req.query);
    // A direct lookup names one feature: show it whatever its dates unless the client asks for a date.
    const asOf = timeRuleOr400(layers, asOfOr(q.as_of, 'all'));
    const f = layers.layer(def.id).byId.get(req.params.featureId);
    if (!f) throw new HttpProblem(404, `no feature "${req.params.featureId}" in layer "${def.id}"`, undefined, 'unknown-feature');
    const [dated] = layers.query(def.id, { asOf, bbox: undefined, staleAfterMonths: q.staleAfterMonths }).filter((g) => g.id === f.id);
    if (!dated) throw new HttpProblem(404, `feature "${f.id}" in layer "${def.id}" does not hold under as_of=${asOf.asOf}`, undefined, 'not-valid-on-date');
    res.type(GEOJSON).send(JSON.stringify(dated));
  });

  router.get('/sources', (_req, res) => {
    res.json({ sources: [...layers.sources.values()] });
  });

  router.get('/sources/:id', (req, res) => {
    const s = layers.sources.get(req.params.id);
    if (!s) throw new HttpProblem(404, `unknown source "${req.params.id}"`, undefined, 'unknown-source');
    res.json(s);
  });

  return router;
}
