import { Router } from 'express';
import { QML_LAYERS, qmlStyles, type QmlLayer } from '../cartography/qgis-qml.js';
import type { LayerSet } from '../layers/layer-set.js';
import { HttpProblem } from './problem.js';

/** GET /styles/qgis/{layer}.qml: QGIS layer styles for the thematic layers (Layer Properties → Style → Load Style). */
export function qgisStyleRouter(layers: LayerSet): Router {
  const router = Router();
  const groupNames = new Map(layers.layer('territories').features.map((f) => [String(f.properties.group), String(f.properties.groupName)]));
  const styles = qmlStyles(groupNames);
  router.get('/styles/qgis/:file', (req, res) => {
    const m = /^(.+)\.qml$/.exec(req.params.file);
    const id = m?.[1] as QmlLayer | undefined;
    if (!id || !(QML_LAYERS as readonly string[]).includes(id)) {
      throw new HttpProblem(404, `no QGIS style "${req.params.file}"; styles: ${QML_LAYERS.map((l) => `${l}.qml`).join(', ')}`, undefined, 'unknown-style');
    }
    res.type('text/xml').setHeader('Content-Disposition', `inline; filename="gauntlet-${id}.qml"`);
    res.send(styles[id]);
  });
  return router;
}
