// Death clusters: Gauntlet's grid clusters (src/tiles/clusters.ts) against supercluster (the library MapLibre's
// GeoJSON sources use), on the 4,174 IOM points, for the clustered zooms 0-7. Run: npm run bench clusters.
// Figures: build time of every zoom, clusters per zoom, and how far a member lies from the point that stands for
// it (pixels at that zoom, 256-px tiles): what a reader misjudges when a cluster is drawn where its members are not.
import { performance } from 'node:perf_hooks';
import Supercluster from 'supercluster';
import { loadLayerSet } from '../src/layers/load.js';
import { CLUSTER_MAX_ZOOM, gridClusters } from '../src/tiles/clusters.js';

const CELL_PX = 48; // as clusters.ts
const layers = await loadLayerSet();
const points = layers.layer('migrant-deaths').features;
const RUNS = 20;

function px(lon: number, lat: number, z: number): [number, number] {
  const s = Math.sin((lat * Math.PI) / 180);
  const scale = 256 * 2 ** z;
  return [(lon / 360 + 0.5) * scale, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale];
}

function time(fn: () => void): number {
  fn();
  const t0 = performance.now();
  for (let i = 0; i < RUNS; i++) fn();
  return (performance.now() - t0) / RUNS;
}

const gridAll = () => {
  for (let z = 0; z <= CLUSTER_MAX_ZOOM; z++) gridClusters(points, z, 'dead_and_missing', 'mmp-cluster');
};
const superIndex = () =>
  new Supercluster<{ dead_and_missing: number }, { dead_and_missing: number }>({
    radius: CELL_PX,
    extent: 256,
    maxZoom: CLUSTER_MAX_ZOOM,
    map: (p) => ({ dead_and_missing: p.dead_and_missing }),
    reduce: (acc, p) => {
      acc.dead_and_missing += p.dead_and_missing;
    },
  }).load(points.map((f) => ({ type: 'Feature', properties: { dead_and_missing: f.properties.dead_and_missing }, geometry: f.geometry })));
const superAll = () => {
  const index = superIndex();
  for (let z = 0; z <= CLUSTER_MAX_ZOOM; z++) index.getClusters([-180, -85, 180, 85], z);
};

console.log(`death clusters: ${points.length} points, zooms 0-${CLUSTER_MAX_ZOOM}, cell/radius ${CELL_PX} px, node ${process.version}`);
console.log(`build every zoom, mean of ${RUNS}: grid ${time(gridAll).toFixed(1)} ms, supercluster ${time(superAll).toFixed(1)} ms`);
console.log('');
console.log('| z | grid points | grid max member offset px | grid p95 px | supercluster points | supercluster max px | supercluster p95 px | dead+missing kept (grid / super) |');
console.log('|---|---|---|---|---|---|---|---|');
const index = superIndex();
const total = points.reduce((s, f) => s + f.properties.dead_and_missing, 0);
for (let z = 0; z <= CLUSTER_MAX_ZOOM; z++) {
  // grid: a member's cluster is its cell's; supercluster: getLeaves of each cluster
  const grid = gridClusters(points, z, 'dead_and_missing', 'mmp-cluster');
  const byCell = new Map(grid.map((c) => [String(c.properties.id).replace(`mmp-cluster-z${z}-`, ''), c]));
  const cells = 256 * 2 ** z / CELL_PX;
  const gridOffsets = points.map((f) => {
    const [lon, lat] = f.geometry.coordinates as [number, number];
    const [x, y] = px(lon, lat, z);
    const key = `${Math.floor((x / (256 * 2 ** z)) * cells)}-${Math.floor((y / (256 * 2 ** z)) * cells)}`;
    const c = byCell.get(key)!;
    const [cx, cy] = px(c.geometry.coordinates[0]!, c.geometry.coordinates[1]!, z);
    return Math.hypot(x - cx, y - cy);
  });
  const clusters = index.getClusters([-180, -85, 180, 85], z);
  const superOffsets: number[] = [];
  let superSum = 0;
  for (const c of clusters) {
    superSum += c.properties.dead_and_missing;
    const [cx, cy] = px(c.geometry.coordinates[0]!, c.geometry.coordinates[1]!, z);
    const members = 'cluster' in c.properties && c.properties.cluster ? index.getLeaves(c.properties.cluster_id as number, Infinity) : [c];
    for (const m of members) {
      const [x, y] = px(m.geometry.coordinates[0]!, m.geometry.coordinates[1]!, z);
      superOffsets.push(Math.hypot(x - cx, y - cy));
    }
  }
  const gridSum = grid.reduce((s, c) => s + Number(c.properties.dead_and_missing), 0);
  const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
  console.log(
    `| ${z} | ${grid.length} | ${Math.max(...gridOffsets).toFixed(0)} | ${p95(gridOffsets).toFixed(0)} | ${clusters.length} | ${Math.max(...superOffsets).toFixed(0)} | ${p95(superOffsets).toFixed(0)} | ${gridSum === total ? 'all' : gridSum} / ${superSum === total ? 'all' : superSum} |`,
  );
}
