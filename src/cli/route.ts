import { commandLayers } from './layers.js';
import { z } from 'zod';
import { DEFAULT_GEODATA_DIR } from '../layers/load.js';
import { RouteRequest } from '../network/request.js';
import { answerRoute, routeFeatureCollection } from '../server/network-routes.js';
import { HttpProblem } from '../server/problem.js';
import { parseFlags, UsageError } from './args.js';

export const routeUsage =
  'gauntlet route --from PLACE --to PLACE [--via A;B] [--optimize distance|exposure] [--as-of DATE|all] [--avoid group:X,agency:Y] [--format json|geojson|text] [--geodata DIR]';

const Flags = z.object({
  from: z.string({ message: 'is required: a gazetteer id, place name or lon,lat' }),
  to: z.string({ message: 'is required: a gazetteer id, place name or lon,lat' }),
  via: z.string().optional(),
  optimize: z.string().optional(),
  'as-of': z.string().optional(),
  avoid: z.string().optional(),
  format: z.enum(['json', 'geojson', 'text']).default('text'),
  geodata: z.string().default(DEFAULT_GEODATA_DIR),
});

/** `gauntlet route`: the shortest and the least-exposure road path between places, as GET /network/route answers. */
export async function routeCommand(argv: string[]): Promise<number> {
  const opts = { from: { type: 'string' }, to: { type: 'string' }, via: { type: 'string' }, optimize: { type: 'string' }, 'as-of': { type: 'string' }, avoid: { type: 'string' }, format: { type: 'string' }, geodata: { type: 'string' } } as const;
  const { values } = parseFlags(argv, opts, Flags);
  const r = RouteRequest.safeParse({ from: values.from, to: values.to, via: values.via, optimize: values.optimize, asOf: values['as-of'], avoid: values.avoid });
  if (!r.success) throw UsageError.of(r.error.issues.map((i) => ({ path: `--${i.path[0] === 'asOf' ? 'as-of' : String(i.path[0])}`, message: i.message })));
  const layers = await commandLayers(values.geodata);
  let answer;
  try {
    answer = answerRoute(layers, r.data, 'query');
  } catch (err) {
    if (err instanceof HttpProblem) throw new UsageError(err.detail.replace(/query\.(\w+)/g, (_m, k: string) => `--${k === 'asOf' ? 'as-of' : k}`));
    throw err;
  }
  if (values.format === 'json') console.log(JSON.stringify(answer, null, 2));
  else if (values.format === 'geojson') console.log(JSON.stringify(routeFeatureCollection(answer)));
  else {
    const names = answer.stops.map((s) => ('name' in s ? s.name : s.point.join(','))).join(' -> ');
    console.log(`${names}, as of ${answer.asOf}${answer.avoid.length ? `, avoiding ${answer.avoid.join(', ')}` : ''}`);
    for (const p of answer.route === 'shortest' ? [answer.shortest, answer.leastExposure] : [answer.leastExposure, answer.shortest]) {
      const s = p.exposure.summary;
      console.log(`  ${p.objective === 'distance' ? 'shortest      ' : 'least exposure'}  ${p.lengthKm.toFixed(1)} km on ${p.highways.join(', ') || 'unnumbered roads'}; ${s.checkpointsPassed} checkpoints, ${s.kmInTerritory.toFixed(1)} km in territory (${(s.shareInTerritory * 100).toFixed(0)}%)`);
    }
    console.log(`  detour: +${answer.extraKm.toFixed(1)} km${answer.sameRoute ? ' (same road)' : ''}; avoids ${answer.avoids.checkpoints.length} checkpoints and ${answer.avoids.kmInTerritoryAvoided.toFixed(1)} km in territory`);
    for (const c of answer.caveats) console.log(`  note: ${c}`);
  }
  return 0;
}
