import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LAYERS, POLICIES_FILE, SOURCES_FILE } from './catalog.js';
import type { Problem } from './problems.js';

/** The geodata files as parsed JSON, keyed by their path relative to the geodata directory. */
export type RawGeodata = Map<string, unknown>;

export const GEODATA_FILES = [SOURCES_FILE, POLICIES_FILE, ...LAYERS.map((l) => l.file)];

/** Reads every geodata file; a missing or unparsable file is a problem, not an exception. */
export async function readGeodata(dir: string): Promise<{ raw: RawGeodata; problems: Problem[]; bytes: Map<string, Buffer> }> {
  const raw: RawGeodata = new Map();
  const bytes = new Map<string, Buffer>();
  const problems: Problem[] = [];
  await Promise.all(
    GEODATA_FILES.map(async (file) => {
      let buf: Buffer;
      try {
        buf = await readFile(join(dir, file));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        problems.push({ file, featureId: '-', path: '-', message: code === 'ENOENT' ? 'file not found' : `cannot read file (${code})` });
        return;
      }
      bytes.set(file, buf);
      try {
        raw.set(file, JSON.parse(buf.toString('utf8')));
      } catch (err) {
        problems.push({ file, featureId: '-', path: '-', message: `invalid JSON: ${(err as Error).message}` });
      }
    }),
  );
  return { raw, problems, bytes };
}
