import { z } from 'zod';
import { Confidence, Ended, Id, PartialDate } from './common.js';
import { PortRoleKind } from './port.js';

/**
 * A US border policy and the period it applied (geodata/policies.json): `as_of=<id>` resolves to it, and answers
 * name the policies in force. Dated like every fact: `from` as the sources give it, `ended` only where one documents it.
 */
export const Policy = z.object({
  id: Id.regex(/^[a-z]/, 'must start with a letter (as_of tells policy names from dates)').refine((s) => s !== 'latest' && s !== 'all', {
    message: '"latest" and "all" are time rules, not policy names',
  }),
  name: z.string().min(1),
  from: PartialDate,
  ended: Ended.optional(),
  roles: z.array(PortRoleKind).describe('the port roles that belong to this policy'),
  sources: z.array(Id).min(1, 'cite at least one source id from sources.json'),
  confidence: Confidence,
  notes: z.string().min(1, 'say in our own words what the sources support'),
});
export type Policy = z.infer<typeof Policy>;

export const PoliciesFile = z.object({ policies: z.array(Policy) });
