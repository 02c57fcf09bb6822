import { commandLayers } from './layers.js';
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { jsonPath } from '../layers/problems.js';
import { RenderInputError, RenderRequest } from '../render/options.js';
import { renderMap } from '../render/render.js';
import { parseFlags, UsageError } from './args.js';

export const renderUsage =
  'gauntlet render [--route ID | --route-file F.geojson] [--layers L1,L2] [--bbox W,S,E,N | --center LON,LAT,ZOOM | --auto] [--size 1280x800] [--scale 1|2|3] [--as-of latest|all|YYYY[-MM[-DD]]|FROM..TO|POLICY] [--title T] [--padding PX] [--buffer-km N] [--overlays F.geojson] [--no-legend] --out map.png';

const Flags = z.object({
  route: z.string().optional(),
  'route-file': z.string().optional(),
  layers: z.string().optional(),
  bbox: z.string().optional(),
  center: z.string().optional(),
  auto: z.boolean().optional(),
  size: z.string().regex(/^\d{1,5}x\d{1,5}$/, 'must be WIDTHxHEIGHT in px, such as 1280x800').default('1280x800'),
  scale: z.string().optional(),
  'as-of': z.string().optional(),
  title: z.string().optional(),
  padding: z.string().optional(),
  'buffer-km': z.string().optional(),
  overlays: z.string().optional(),
  'no-legend': z.boolean().optional(),
  out: z.string({ message: 'name the PNG to write (or - for standard output)' }).min(1),
  geodata: z.string().optional(),
});

async function readJson(path: string, flag: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(`${flag} ${path}: cannot read (${(err as NodeJS.ErrnoException).code})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${flag} ${path}: invalid JSON: ${(err as Error).message}`);
  }
}

/** `--bbox -101,25,…` would read as a flag to node's parser: western longitudes are negative, so join them. */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if ((a === '--bbox' || a === '--center') && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** `gauntlet render`: a static map PNG, the same image GET/POST /static draws; exit 2 on bad input. */
export async function renderCommand(argv: string[]): Promise<number> {
  const { values: f, positionals } = parseFlags(
    joinNegativeValues(argv),
    {
      route: { type: 'string' },
      'route-file': { type: 'string' },
      layers: { type: 'string' },
      bbox: { type: 'string' },
      center: { type: 'string' },
      auto: { type: 'boolean' },
      size: { type: 'string' },
      scale: { type: 'string' },
      'as-of': { type: 'string' },
      title: { type: 'string' },
      padding: { type: 'string' },
      'buffer-km': { type: 'string' },
      overlays: { type: 'string' },
      'no-legend': { type: 'boolean' },
      out: { type: 'string' },
      geodata: { type: 'string' },
    },
    Flags,
  );
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"\nusage: ${renderUsage}`);
  if (f.route !== undefined && f['route-file'] !== undefined) throw new UsageError('give --route or --route-file, not both');
  const cameras = [f.bbox !== undefined && '--bbox', f.center !== undefined && '--center', f.auto && '--auto'].filter(Boolean);
  if (cameras.length > 1) throw new UsageError(`give one of --bbox, --center and --auto, not ${cameras.join(' and ')}`);
  const cameraFlag = f.bbox !== undefined ? '--bbox' : f.center !== undefined ? '--center' : '--auto';

  const [width, height] = f.size.split('x').map(Number) as [number, number];
  const input: Record<string, unknown> = {
    camera: f.bbox ?? f.center ?? 'auto',
    width,
    height,
    scale: f.scale,
    layers: f.layers,
    asOf: f['as-of'],
    title: f.title,
    padding: f.padding,
    bufferKm: f['buffer-km'],
    legend: !f['no-legend'],
    route: f['route-file'] !== undefined ? await readJson(f['route-file'], '--route-file') : f.route,
    overlays: f.overlays !== undefined ? await readJson(f.overlays, '--overlays') : undefined,
  };
  const flagOf: Record<string, string> = {
    camera: cameraFlag,
    width: '--size',
    height: '--size',
    scale: '--scale',
    layers: '--layers',
    asOf: '--as-of',
    title: '--title',
    padding: '--padding',
    bufferKm: '--buffer-km',
    legend: '--no-legend',
    route: f['route-file'] !== undefined ? `--route-file ${f['route-file']}` : '--route',
    overlays: `--overlays ${f.overlays}`,
  };
  const parsed = RenderRequest.safeParse(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    throw UsageError.of(
      parsed.error.issues.map((i) => {
        const [head, ...tail] = i.path;
        const flag = flagOf[String(head)] ?? String(head);
        return { path: tail.length ? `${flag}: ${jsonPath(['input', ...tail])}` : flag, message: i.message };
      }),
    );
  }

  const layers = await commandLayers(f.geodata);
  let png: Buffer;
  try {
    png = await renderMap(layers, parsed.data);
  } catch (err) {
    if (err instanceof RenderInputError) {
      // "overlays.features[3]" -> "--overlays F.geojson: input.features[3]: …"
      const [, head = err.path, tail = ''] = /^([a-zA-Z]+)(.*)$/.exec(err.path) ?? [];
      throw UsageError.of([{ path: `${flagOf[head] ?? head}${tail ? `: input${tail}` : ''}`, message: err.message }]);
    }
    throw err;
  }
  if (f.out === '-') process.stdout.write(png);
  else {
    await writeFile(f.out, png);
    const o = parsed.data;
    process.stderr.write(`wrote ${f.out} (${o.width * o.scale}x${o.height * o.scale} px, ${Math.round(png.length / 1024)} KB)\n`);
  }
  return 0;
}
