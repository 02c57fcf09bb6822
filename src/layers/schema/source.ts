import { z } from 'zod';
import { Id, PartialDate } from './common.js';

/** One entry of geodata/sources.json: the bibliography every feature cites by id. */
export const Source = z.object({
  id: Id,
  title: z.string().min(1),
  publisher: z.string().min(1),
  date: PartialDate.optional(), // publication date; omitted when the copy read shows none
  url: z.url().optional(),
  readAt: z.string().min(1).optional(), // the copy actually read, when it is a repost or mirror
  licence: z.string().optional(),
  supports: z.string().min(1),
});
export type Source = z.infer<typeof Source>;

export const SourcesFile = z.object({ sources: z.array(Source) });
