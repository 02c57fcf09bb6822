import { commandLayers } from './layers.js';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_GEODATA_DIR } from '../layers/load.js';
import { networkOf } from '../network/build.js';
import { networkEdgesGeoJson } from '../network/export.js';
import { deriveCheckpointPosition } from '../network/checkpoint-positions.js';
import { deriveRoute } from '../network/stored-routes.js';
import { parseFlags, UsageError } from './args.js';

export const networkUsage =
  'gauntlet network [info | export [--out edges.geojson] | routes [--write] | checkpoints [--write]] [--geodata DIR]   the road network: size, pgRouting edge table, stored routes and checkpoints placed on it';

const Flags = z.object({
  geodata: z.string().default(DEFAULT_GEODATA_DIR),
  out: z.string().min(1).optional(),
  write: z.boolean().default(false),
});

/** JSON as the geodata files are written (2-space indent) but one position per line, so routed lines stay readable. */
export function formatGeoJson(value: unknown): string {
  const json = JSON.stringify(value, null, 2);
  return json.replace(/\[\s+(-?[\d.e-]+),\s+(-?[\d.e-]+)\s+\]/g, '[$1, $2]') + '\n';
}

/** `gauntlet network`: prints the network's size, exports its edges, or re-derives the stored routes' geometry. */
export async function networkCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { geodata: { type: 'string' }, out: { type: 'string' }, write: { type: 'boolean' } }, Flags);
  const action = positionals[0] ?? 'info';
  if (positionals.length > 1 || !['info', 'export', 'routes', 'checkpoints'].includes(action)) throw new UsageError(`unknown action "${positionals.join(' ')}"; use info, export, routes or checkpoints`);
  const layers = await commandLayers(values.geodata);
  const started = performance.now();
  const net = networkOf(layers);
  const buildMs = performance.now() - started;

  if (action === 'info') {
    const r = net.report;
    console.log(JSON.stringify({ ...r, buildMs: Math.round(buildMs) }, null, 2));
    return 0;
  }
  if (action === 'export') {
    const text = JSON.stringify(networkEdgesGeoJson(net)) + '\n';
    if (values.out) {
      await writeFile(values.out, text);
      console.error(`wrote ${values.out}: ${net.report.edges} edges, ${net.report.nodes} nodes`);
    } else process.stdout.write(text);
    return 0;
  }
  if (action === 'checkpoints') {
    const file = join(values.geodata, 'checkpoints.geojson');
    const raw = JSON.parse(await readFile(file, 'utf8')) as { features: { properties: Record<string, unknown>; geometry: { coordinates: number[] } }[] };
    let changed = 0;
    for (const f of raw.features) {
      const c = layers.layer('checkpoints').byId.get(String(f.properties.id));
      if (!c) continue;
      const d = deriveCheckpointPosition(layers, c);
      console.log(`${d.id}: ${d.unchangedBecause ? `unchanged (${d.unchangedBecause})` : `${d.locationPrecision}, moved ${d.movedKm.toFixed(1)} km: ${d.positionBasis}`}`);
      if (d.unchangedBecause) continue;
      const next = { ...f.properties, locationPrecision: d.locationPrecision, positionBasis: d.positionBasis };
      if (JSON.stringify(next) !== JSON.stringify(f.properties) || JSON.stringify(d.position) !== JSON.stringify(f.geometry.coordinates)) changed++;
      f.properties = next;
      f.geometry.coordinates = d.position as number[];
    }
    if (values.write) {
      await writeFile(file, formatGeoJson(raw));
      console.error(`wrote ${file}: ${changed} checkpoint${changed === 1 ? '' : 's'} changed`);
    } else console.error(`${changed} checkpoint${changed === 1 ? '' : 's'} would change; --write rewrites ${file}`);
    return 0;
  }
  // routes
  const file = join(values.geodata, 'routes.geojson');
  const raw = JSON.parse(await readFile(file, 'utf8')) as { features: { id: string; properties: Record<string, unknown>; geometry: unknown }[] };
  let changed = 0;
  for (const f of raw.features) {
    const route = layers.layer('routes').byId.get(String(f.properties.id));
    if (!route) continue;
    const d = deriveRoute(layers, route);
    for (const leg of d.legs) {
      console.log(`${d.id}: ${leg.from} -> ${leg.to}: ${leg.straight ? `STRAIGHT ${leg.straightKm.toFixed(1)} km (${leg.reason})` : `${leg.routedKm!.toFixed(1)} km on the network (straight ${leg.straightKm.toFixed(1)} km)`}`);
    }
    const next: Record<string, unknown> = { ...f.properties, geometryPrecision: d.geometryPrecision, highways: d.highways };
    if (d.straightLegs.length) next.straightLegs = d.straightLegs;
    else delete next.straightLegs;
    if (JSON.stringify(next) !== JSON.stringify(f.properties) || JSON.stringify(d.geometry) !== JSON.stringify(f.geometry)) changed++;
    f.properties = next;
    f.geometry = d.geometry;
  }
  if (values.write) {
    await writeFile(file, formatGeoJson(raw));
    console.error(`wrote ${file}: ${changed} route${changed === 1 ? '' : 's'} changed`);
  } else console.error(`${changed} route${changed === 1 ? '' : 's'} would change; --write rewrites ${file}`);
  return 0;
}
