import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Router } from 'express';
import { GlyphRequestError, readGlyphs } from '../tiles/glyphs.js';
import { buildStyle } from '../tiles/style.js';
import { HttpProblem } from './problem.js';
import { publicBase, type PublicUrlOptions } from './tiles-routes.js';

const require = createRequire(import.meta.url);
/** A package's directory; packages whose `exports` hide package.json are found upwards from their entry. */
function packageDir(name: string): string {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    let dir = dirname(require.resolve(name));
    while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
    return dir;
  }
}

/** Browser files the viewer needs, served from npm packages (never from a CDN). */
const VENDOR: Record<string, { file: string; type: string }> = {
  'maplibre-gl/maplibre-gl.mjs': { file: join(packageDir('maplibre-gl'), 'dist/maplibre-gl.mjs'), type: 'text/javascript' },
  'maplibre-gl/maplibre-gl-shared.mjs': { file: join(packageDir('maplibre-gl'), 'dist/maplibre-gl-shared.mjs'), type: 'text/javascript' },
  'maplibre-gl/maplibre-gl-worker.mjs': { file: join(packageDir('maplibre-gl'), 'dist/maplibre-gl-worker.mjs'), type: 'text/javascript' },
  'maplibre-gl/maplibre-gl.css': { file: join(packageDir('maplibre-gl'), 'dist/maplibre-gl.css'), type: 'text/css' },
  'pmtiles/pmtiles.js': { file: join(packageDir('pmtiles'), 'dist/pmtiles.js'), type: 'text/javascript' },
  'terra-draw/terra-draw.js': { file: join(packageDir('terra-draw'), 'dist/terra-draw.modern.js'), type: 'text/javascript' },
  'terra-draw-maplibre-gl-adapter/terra-draw-maplibre-gl-adapter.js': {
    file: join(packageDir('terra-draw-maplibre-gl-adapter'), 'dist/terra-draw-maplibre-gl-adapter.modern.js'),
    type: 'text/javascript',
  },
};

export interface MapRoutesOptions extends PublicUrlOptions {
  archivePath: string; // tiles/gauntlet.pmtiles
}

/** The style, glyphs, the archive over HTTP range requests, and the browser files the viewer needs. */
export function mapRouter(options: MapRoutesOptions): Router {
  const router = Router();

  router.get('/styles/gauntlet/style.json', (req, res) => {
    const base = publicBase(req, options);
    res.json(buildStyle({ tileJsonUrl: `${base}/tiles/gauntlet.json`, glyphsUrl: `${base}/fonts/{fontstack}/{range}.pbf` }));
  });

  router.get('/fonts/:fontstack/:range', async (req, res) => {
    let glyphs: Buffer | undefined;
    try {
      glyphs = await readGlyphs(req.params.fontstack, req.params.range);
    } catch (err) {
      if (err instanceof GlyphRequestError) throw new HttpProblem(400, err.message, undefined, 'bad-glyph-request');
      throw err;
    }
    if (!glyphs) throw new HttpProblem(404, `no font in "${req.params.fontstack}" is served; see the style's text-font`, undefined, 'unknown-font');
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('application/x-protobuf').send(glyphs);
  });

  // The archive: a strong ETag from its content, so a client's range reads never mix two builds.
  let archiveTag: { mtimeMs: number; size: number; etag: string } | undefined;
  const archiveEtag = async () => {
    const s = await stat(options.archivePath);
    if (!archiveTag || archiveTag.mtimeMs !== s.mtimeMs || archiveTag.size !== s.size) {
      const hash = createHash('sha256');
      for await (const chunk of createReadStream(options.archivePath)) hash.update(chunk as Buffer);
      archiveTag = { mtimeMs: s.mtimeMs, size: s.size, etag: `"${hash.digest('hex').slice(0, 24)}"` };
    }
    return archiveTag.etag;
  };
  router.get('/tiles/gauntlet.pmtiles', async (_req, res) => {
    let etag: string;
    try {
      etag = await archiveEtag();
    } catch {
      throw new HttpProblem(404, 'no archive: run `npm run build` to write tiles/gauntlet.pmtiles', undefined, 'no-archive');
    }
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'public, max-age=300');
    await new Promise<void>((resolve, reject) =>
      res.sendFile(options.archivePath, { etag: false, lastModified: false, acceptRanges: true, headers: { 'Content-Type': 'application/vnd.pmtiles' } }, (err) =>
        err && !res.headersSent ? reject(err) : resolve(),
      ),
    );
  });

  router.get('/vendor/:pkg/:file', (req, res) => {
    const entry = VENDOR[`${req.params.pkg}/${req.params.file}`];
    if (!entry) throw new HttpProblem(404, `no vendored file ${req.params.pkg}/${req.params.file}`, undefined, 'no-route');
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type(entry.type).sendFile(entry.file);
  });

  return router;
}
