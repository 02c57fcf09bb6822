import { z } from 'zod';
import { AsOf } from '../layers/schema/index.js';
import { Avoid, CostWeights } from './costs.js';

/** At most this many via stops (each adds a leg of two shortest-path searches). */
export const MAX_VIA = 10;

const StopText = z.string().trim().min(1, 'must be a gazetteer id, a place name or lon,lat').max(200);

/** One route request, the same for GET /network/route, POST /network/route and `gauntlet route`. */
export const RouteRequest = z.object({
  from: StopText.describe('gazetteer id (monterrey), place name (Piedras Negras) or lon,lat'),
  to: StopText.describe('gazetteer id, place name or lon,lat'),
  via: z
    .union([z.string(), z.array(StopText)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : v.split(';').map((s) => s.trim()).filter(Boolean)))
    .refine((v) => v.length <= MAX_VIA, `at most ${MAX_VIA} via stops`)
    .describe('stops in order between from and to: a JSON array, or ";"-separated in a query string'),
  optimize: z.enum(['distance', 'exposure']).default('distance').describe('which of the two paths is `route` (both are answered)'),
  asOf: AsOf.optional().describe('time rule (default latest): only territories and checkpoints valid then'),
  avoid: z.union([Avoid, z.array(z.string()).transform((a, ctx) => {
    const r = Avoid.safeParse(a.join(','));
    if (!r.success) {
      for (const i of r.error.issues) ctx.addIssue({ code: 'custom', message: i.message });
      return z.NEVER;
    }
    return r.data;
  })]).default([]),
  weights: CostWeights.default(CostWeights.parse({})),
});
export type RouteRequest = z.infer<typeof RouteRequest>;
