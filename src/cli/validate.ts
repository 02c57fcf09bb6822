import { z } from 'zod';
import { DEFAULT_GEODATA_DIR, loadLayerSet } from '../layers/load.js';
import { checkCheckpointPositions } from '../network/checkpoint-positions.js';
import { checkStoredRoutes } from '../network/stored-routes.js';
import { formatProblem, GeodataError, type Problem } from '../layers/problems.js';
import { parseFlags } from './args.js';

export const validateUsage = 'gauntlet validate [--geodata DIR]   check every geodata file; exit 1 and list the problems';

/** `gauntlet validate`: exit 0 on valid data, else 1 with one `file: feature-id: path: message` line per problem. */
export async function validateCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { geodata: { type: 'string' } }, z.object({ geodata: z.string().default(DEFAULT_GEODATA_DIR) }));
  // One full load (never the snapshot): its problems, or the valid layers for the checks on the road network.
  const problems: Problem[] = [];
  try {
    const layers = await loadLayerSet(values.geodata);
    // Routes on the network: only meaningful once every file is valid (the network is built from them).
    problems.push(...checkStoredRoutes(layers), ...checkCheckpointPositions(layers));
  } catch (err) {
    if (!(err instanceof GeodataError)) throw err;
    problems.push(...err.problems);
  }
  for (const p of problems) console.log(formatProblem(p));
  if (problems.length) {
    console.error(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${values.geodata}`);
    return 1;
  }
  return 0;
}
