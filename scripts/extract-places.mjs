#!/usr/bin/env node
// Rebuilds geodata/base/places.geojson from the GeoNames cities1000 extract (sourcedata) and the
// wanted-place lists in scripts/places/*.json. Run by hand when a place is added:
//   node scripts/extract-places.mjs <path/to/gazetteer-geonames-cities1000.geojson>
// Each list entry: { id, label, geonames: "<GeoNames name>", admin1, country, admin2? }
// or, for a place GeoNames lacks: { id, label, approxBy: "<GeoNames name>", admin1, country, note }.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [gazetteerPath] = process.argv.slice(2);
if (!gazetteerPath) {
  console.error('usage: node scripts/extract-places.mjs <gazetteer-geonames-cities1000.geojson>');
  process.exit(2);
}
const gazetteer = JSON.parse(readFileSync(gazetteerPath, 'utf8')).features;
const listDir = new URL('./places/', import.meta.url).pathname;
const wanted = readdirSync(listDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((f) => JSON.parse(readFileSync(join(listDir, f), 'utf8')).map((e) => ({ ...e, list: f })));

const byId = new Map();
const problems = [];
for (const w of wanted) {
  const prev = byId.get(w.id);
  const lookup = w.geonames ?? w.approxBy;
  const hits = gazetteer.filter(
    (g) =>
      g.properties.name === lookup &&
      g.properties.country === w.country &&
      g.properties.admin1_name === w.admin1 &&
      (!w.admin2 || g.properties.admin2_name === w.admin2),
  );
  if (hits.length !== 1) {
    problems.push(`${w.list}: ${w.id}: ${hits.length} GeoNames matches for "${lookup}" in ${w.admin1}, ${w.country}`);
    continue;
  }
  const [hit] = hits;
  const feature = {
    type: 'Feature',
    id: w.id,
    properties: {
      id: w.id,
      name: w.label,
      geonamesName: hit.properties.name,
      country: hit.properties.country,
      admin1: hit.properties.admin1_name,
      admin2: hit.properties.admin2_name,
      precision: w.approxBy ? 'approximate' : 'geonames',
      ...(w.note ? { notes: w.note } : {}),
    },
    geometry: hit.geometry,
  };
  if (prev && JSON.stringify(prev.geometry) !== JSON.stringify(hit.geometry)) {
    problems.push(`${w.list}: ${w.id}: id already used for a different place (${prev.properties.geonamesName})`);
    continue;
  }
  byId.set(w.id, feature);
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
const features = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
const out = new URL('../geodata/base/places.geojson', import.meta.url).pathname;
writeFileSync(out, JSON.stringify({ type: 'FeatureCollection', features }, null, 1).replace(/\[\n\s+(-?[\d.]+),\n\s+(-?[\d.]+)\n\s+\]/g, '[$1, $2]') + '\n');
console.log(`wrote ${features.length} places to geodata/base/places.geojson`);
