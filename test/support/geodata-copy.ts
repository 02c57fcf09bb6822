import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_GEODATA_DIR } from '../../src/layers/load.js';

/** A throwaway copy of the shipped geodata that a test may break on purpose. */
export interface GeodataCopy {
  dir: string;
  read<T = any>(file: string): Promise<T>;
  edit<T = any>(file: string, change: (json: T) => T | void): Promise<void>;
  writeRaw(file: string, text: string): Promise<void>;
  remove(file: string): Promise<void>;
  dispose(): Promise<void>;
}

export async function copyGeodata(): Promise<GeodataCopy> {
  const dir = await mkdtemp(join(tmpdir(), 'gauntlet-geodata-'));
  await cp(DEFAULT_GEODATA_DIR, dir, { recursive: true });
  const read = async (file: string) => JSON.parse(await readFile(join(dir, file), 'utf8'));
  return {
    dir,
    read,
    async edit(file, change) {
      const json = await read(file);
      const out = change(json) ?? json;
      await writeFile(join(dir, file), JSON.stringify(out));
    },
    writeRaw: (file, text) => writeFile(join(dir, file), text),
    remove: (file) => rm(join(dir, file)),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
