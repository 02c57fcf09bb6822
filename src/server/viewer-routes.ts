import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import { AGENCY_LABELS, CORRIDOR_LABELS, FLIGHT_LABELS, PORT_ROLE_LABELS, PRESENCE_LABELS } from '../cartography/labels.js';
import { legendSections, type LegendSection } from '../cartography/legend-entries.js';
import { LOOK } from '../cartography/look.js';
import { STATE_ACTOR_STYLE } from '../cartography/palette.js';
import type { LayerId } from '../layers/catalog.js';
import type { GFeature } from '../layers/features.js';
import type { LayerSet } from '../layers/layer-set.js';
import { HttpProblem } from './problem.js';

// The analyst's viewer: plain ES modules and CSS under src/viewer/, served as they are (no build step), plus
// the legend as data from the palette the style uses. Paths resolve from the package root, so the route works
// from src/ under tsx and from a compiled dist/ alike.

/** The directory holding Gauntlet's package.json, found upwards from this module. */
export function packageRoot(from = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'gauntlet') return dir;
    if (dirname(dir) === dir) throw new Error(`no Gauntlet package.json above ${from}`);
  }
}

const VIEWER_DIR = join(packageRoot(), 'src', 'viewer');
const SEARCHED: LayerId[] = ['places', 'routes', 'checkpoints', 'ports', 'territories', 'expulsion-flights'];
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.svg': 'image/svg+xml' };

/** GET / (the viewer), /index (what is served), /viewer/{file} (their modules), /viewer/legend.json, /viewer/search.json. */
export function viewerRouter(layers: LayerSet): Router {
  const router = Router();
  const index = readFileSync(join(VIEWER_DIR, 'index.html'), 'utf8');
  const served = readFileSync(join(VIEWER_DIR, 'served.html'), 'utf8');

  router.get(['/', '/viewer', '/viewer/'], (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(index);
  });

  router.get('/index', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(served);
  });

  const groups = new Map<string, string>();
  const stateGroups = new Set<string>();
  for (const f of layers.layer('territories').features) {
    const p = f.properties;
    if (!groups.has(p.group)) groups.set(p.group, p.groupName);
    if (p.actor === 'state') stateGroups.add(p.group);
  }
  const labels = { agency: AGENCY_LABELS, corridor: CORRIDOR_LABELS, portRole: PORT_ROLE_LABELS, flight: FLIGHT_LABELS, presence: PRESENCE_LABELS };
  // groupFallback: the colour of a group the table gives none (the panel colours passages as the map does)
  const legend = JSON.stringify({ sections: withStateActors(legendSections(groups), stateGroups, groups), labels, groupFallback: LOOK.territories.fallback });
  router.get('/viewer/legend.json', (_req, res) => {
    res.type('application/json').send(legend);
  });

  // The search box's index: every named place and thematic feature with its bounding box, whatever its dates.
  const entries: { name: string; layer: LayerId; id: string; bbox: number[]; detail?: string }[] = [];
  for (const layer of SEARCHED) {
    const l = layers.layer(layer);
    for (const f of l.features) {
      const p: GFeature['properties'] = f.properties;
      const name = String(p.name ?? p.portName ?? f.id);
      const detail = layer === 'places' ? [p.admin1, p.country].filter(Boolean).join(', ') : layer === 'territories' ? String(p.groupName ?? '') : undefined;
      entries.push({ name, layer, id: String(f.id), bbox: [...l.bboxById.get(f.id)!], ...(detail ? { detail } : {}) });
    }
  }
  const search = JSON.stringify({ entries });
  router.get('/viewer/search.json', (_req, res) => {
    res.type('application/json').send(search);
  });

  router.get('/viewer/:file', (req, res) => {
    const file = resolve(VIEWER_DIR, req.params.file);
    const type = TYPES[file.slice(file.lastIndexOf('.'))];
    if (!file.startsWith(VIEWER_DIR + sep) || !type || !existsSync(file)) {
      throw new HttpProblem(404, `no viewer file "${req.params.file}"`, undefined, 'no-route');
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.type(type).sendFile(file);
  });

  return router;
}

/** A legend section; `where` (a style expression) selects its features where themes share a tile layer. */
type ViewerLegendSection = LegendSection & { where?: unknown[] };

/**
 * Issue 9 keeps state-actor areas (abuse by officials) apart from criminal groups' territories: the map draws them
 * in layers of their own and exposure reports them apart. The legend does the same: the territories theme lists
 * criminal groups only, and a theme of its own, with the state-actor style's swatch, switches the state-actor areas
 * (both share the `territories` and `territory-labels` tile layers, so each theme carries its `where`).
 */
export function withStateActors(sections: LegendSection[], stateGroups: ReadonlySet<string>, groupNames: ReadonlyMap<string, string>): ViewerLegendSection[] {
  const isState = ['==', ['get', 'actor'], 'state'];
  const shared = ['territories', 'territory-labels'];
  return sections.flatMap((s): ViewerLegendSection[] => {
    if (s.theme !== 'territories') return [s];
    const criminal: ViewerLegendSection = {
      ...s,
      title: 'Criminal groups',
      sourceLayers: shared,
      where: ['!', isState],
      entries: s.entries.filter((e) => !stateGroups.has(e.key)),
    };
    if (stateGroups.size === 0) return [criminal];
    const state: ViewerLegendSection = {
      theme: 'state-actors',
      title: 'State actors (documented abuse by officials)',
      sourceLayers: shared,
      where: isState,
      visible: s.visible,
      entries: [...stateGroups].map((g) => ({
        key: g,
        label: groupNames.get(g) ?? g,
        swatch: { kind: 'fill', colour: STATE_ACTOR_STYLE.colour, opacity: STATE_ACTOR_STYLE.fillOpacity, dotted: true } as LegendSection['entries'][number]['swatch'],
      })),
    };
    return [criminal, state];
  });
}
