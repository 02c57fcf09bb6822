import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { describeCollections, featureSchema, type Collection } from '../../features/collections.js';
import { findItem, queryItems, type ItemsTime } from '../../features/items.js';
import type { LayerSet } from '../../layers/layer-set.js';
import type { Item } from '../../features/items.js';
import { problemBody } from '../../problems/problem.js';
import { HttpProblem } from '../problem.js';
import { asOfOr } from '../query.js';
import { publicBase, type PublicUrlOptions } from '../tiles-routes.js';
import * as html from './html.js';
import type { Link } from './html.js';
import { ogcOpenApi, OPENAPI_30 } from './openapi30.js';
import {
  flatQuery, formatOf, ITEMS_PARAMS, parseBBox, parseFilters, parseLimit, parseOffset, parseTime, rejectUnknown, type Format,
} from './params.js';

// OGC API - Features Part 1 (OGC 17-069r4) at /ogc: a thin map from its resources onto src/features.

const GEOJSON = 'application/geo+json';
const JSON_TYPE = 'application/json';
const HTML = 'text/html';
const SCHEMA_JSON = 'application/schema+json';
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const WFS_PROBE = ['service', 'request', 'version', 'acceptversions'];
const GREGORIAN = 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian';

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
];

/** Links in JSON carry the encoding they lead to; `self` is the one being answered. */
function selfAndAlternate(url: string, format: Format, json: string): Link[] {
  const j = { href: withF(url, 'json'), type: json, title: 'this document as JSON' };
  const h = { href: withF(url, 'html'), type: HTML, title: 'this document as HTML' };
  return format === 'json' ? [{ ...j, rel: 'self' }, { ...h, rel: 'alternate' }] : [{ ...h, rel: 'self' }, { ...j, rel: 'alternate' }];
}

function withF(url: string, f: Format): string {
  const u = new URL(url);
  u.searchParams.set('f', f);
  return u.toString();
}

const interval = (c: Collection) =>
  c.extent.temporal ? [[c.extent.temporal.start ? `${c.extent.temporal.start}T00:00:00Z` : null, c.extent.temporal.end ? `${c.extent.temporal.end}T23:59:59Z` : null]] : undefined;

/** Parameters the items resource takes that a client may append to every request (GDAL's `OAPIF:url?datetime=…`). */
function itemParamNames(collections: Collection[]): string[] {
  return [...new Set([...ITEMS_PARAMS, ...collections.flatMap((c) => Object.keys(c.filters))])];
}

export function ogcRouter(layers: LayerSet, urls: PublicUrlOptions = {}): Router {
  const router = Router();
  const collections = describeCollections(layers);
  const byId = new Map(collections.map((c) => [c.id as string, c]));
  const tolerated = itemParamNames(collections);
  const root = (req: Request) => `${publicBase(req, urls)}${req.baseUrl}`;
  const here = (req: Request) => `${publicBase(req)}${req.originalUrl}`;

  /** Query of a metadata resource: only `f`; item parameters are tolerated and ignored. */
  const metaFormat = (req: Request, json: string) => {
    const q = flatQuery(req);
    rejectUnknown(q, ['f'], tolerated);
    return formatOf(req, q, [json]);
  };

  const collectionOf = (req: Request): Collection => {
    const c = byId.get(req.params.collectionId as string);
    if (!c) {
      throw new HttpProblem(404, `unknown collection "${req.params.collectionId}"; collections: ${collections.map((x) => x.id).join(', ')}`, undefined, 'unknown-collection');
    }
    return c;
  };

  const collectionJson = (req: Request, c: Collection) => {
    const base = `${root(req)}/collections/${c.id}`;
    const temporal = interval(c);
    return {
      id: c.id,
      title: c.title,
      description: c.description,
      itemType: 'feature',
      crs: [CRS84],
      ...(c.extent.spatial
        ? { extent: { spatial: { bbox: [c.extent.spatial], crs: CRS84 }, ...(temporal ? { temporal: { interval: temporal, trs: GREGORIAN } } : {}) } }
        : {}),
      kind: c.def.kind,
      links: [
        { href: base, rel: 'self', type: JSON_TYPE, title: 'this collection' },
        { href: `${base}?f=html`, rel: 'alternate', type: HTML, title: 'this collection as HTML' },
        { href: `${base}/items`, rel: 'items', type: GEOJSON, title: `${c.title} (GeoJSON)` },
        { href: `${base}/items?f=html`, rel: 'items', type: HTML, title: `${c.title} (HTML)` },
        { href: `${base}/schema`, rel: 'describedby', type: SCHEMA_JSON, title: 'the schema of its features (JSON Schema)' },
        // GDAL 3.6's OAPIF driver looks for this spelling only; without it an empty first page leaves it no fields
        { href: `${base}/schema`, rel: 'describedBy', type: SCHEMA_JSON, title: 'the schema of its features (JSON Schema)' },
      ],
    };
  };

  const send = (res: Response, type: string, body: unknown) => {
    res.type(type).send(typeof body === 'string' ? body : JSON.stringify(body));
  };

  router.get('/', (req, res) => {
    // QGIS probes a URL with a WFS GetCapabilities (SERVICE, REQUEST, VERSION) and switches to OGC API when the
    // answer is this JSON landing page: a 400 there would hide the API from it.
    const q = flatQuery(req);
    rejectUnknown(q, ['f'], [...tolerated, ...Object.keys(q).filter((k) => WFS_PROBE.includes(k.toLowerCase()))]);
    const format = formatOf(req, q, [JSON_TYPE]);
    const r = root(req);
    const links: Link[] = [
      ...selfAndAlternate(r, format, JSON_TYPE),
      { href: `${r}/api`, rel: 'service-desc', type: OPENAPI_30, title: 'the API definition (OpenAPI 3.0)' },
      { href: `${r}/api?f=html`, rel: 'service-doc', type: HTML, title: 'the API documentation' },
      { href: `${r}/conformance`, rel: 'conformance', type: JSON_TYPE, title: 'conformance classes' },
      { href: `${r}/collections`, rel: 'data', type: JSON_TYPE, title: 'feature collections' },
    ];
    const title = 'Gauntlet';
    const description = 'Migration routes, checkpoints, organized-crime territories, ports of entry and expulsion flights on the way to the US-Mexico border, with base geography. Every thematic feature is cited and dated by its evidence.';
    if (format === 'html') {
      return send(res, HTML, html.page(title, links, `<p>${html.text(description)}</p>${html.list(links.filter((l) => l.rel !== 'self').map((l) => html.link(l.href.replace(/([?&])f=json/, '$1f=html'), l.title ?? l.rel)))}`));
    }
    send(res, JSON_TYPE, { title, description, links });
  });

  router.get('/conformance', (req, res) => {
    const format = metaFormat(req, JSON_TYPE);
    const links = selfAndAlternate(`${root(req)}/conformance`, format, JSON_TYPE);
    if (format === 'html') return send(res, HTML, html.page('Conformance', links, html.list(CONFORMANCE.map((c) => `<code>${html.text(c)}</code>`))));
    send(res, JSON_TYPE, { conformsTo: CONFORMANCE, links });
  });

  router.get('/api', (req, res) => {
    const format = metaFormat(req, OPENAPI_30);
    const doc = ogcOpenApi(root(req), collections);
    if (format === 'html') {
      const rows = Object.entries(doc.paths).map(([p, op]) => {
        const get = (op as { get: { summary: string; parameters: { $ref?: string; name?: string }[] } }).get;
        const params = get.parameters.map((x) => x.name ?? x.$ref!.split('/').pop()).join(', ');
        return [`GET ${p}`, `${html.text(get.summary)}<br><span class="muted">${html.text(params)}</span>`] as [string, string];
      });
      return send(res, HTML, html.page('API definition', selfAndAlternate(`${root(req)}/api`, format, OPENAPI_30), html.table(rows)));
    }
    send(res, OPENAPI_30, doc);
  });

  router.get('/collections', (req, res) => {
    const format = metaFormat(req, JSON_TYPE);
    const links = selfAndAlternate(`${root(req)}/collections`, format, JSON_TYPE);
    const body = collections.map((c) => collectionJson(req, c));
    if (format === 'html') {
      const rows = body.map((c) => [c.id, `${html.link(`${root(req)}/collections/${c.id}?f=html`, c.title)} <span class="muted">${html.text(c.kind)}</span><br>${html.text(c.description)}`] as [string, string]);
      return send(res, HTML, html.page('Collections', links, html.table(rows)));
    }
    send(res, JSON_TYPE, { links, crs: [CRS84], collections: body });
  });

  router.get('/collections/:collectionId', (req, res) => {
    const c = collectionOf(req);
    const format = metaFormat(req, JSON_TYPE);
    const body = collectionJson(req, c);
    if (format === 'html') {
      const t = body.extent?.temporal?.interval[0];
      const rows: [string, string][] = [
        ['description', html.text(c.description)],
        ['kind', html.text(c.def.kind)],
        ['spatial extent', html.text(c.extent.spatial?.map((n) => n.toFixed(3)).join(', ') ?? 'none')],
        ['temporal extent', t ? html.text(`${t[0] ?? '..'} / ${t[1] ?? '..'}`) : '<span class="muted">not dated</span>'],
        ['properties', html.text(c.propertyNames.join(', '))],
        ['filters', html.text(Object.entries(c.filters).map(([k, v]) => `${k}=${v.join('|')}`).join('; ') || 'none')],
        ['items', html.link(`${root(req)}/collections/${c.id}/items?f=html`, 'browse the features')],
      ];
      return send(res, HTML, html.page(c.title, body.links.map((l) => (l.rel === 'self' ? l : { ...l })), html.table(rows)));
    }
    send(res, JSON_TYPE, body);
  });

  router.get('/collections/:collectionId/schema', (req, res) => {
    const c = collectionOf(req);
    rejectUnknown(flatQuery(req), [], tolerated);
    send(res, SCHEMA_JSON, { ...featureSchema(layers, c), $id: `${root(req)}/collections/${c.id}/schema` });
  });

  /** No datetime: the same default date as every other endpoint (as_of). */
  const timeOf = (value: string | undefined): ItemsTime => {
    if (value === undefined) return { kind: 'asOf', asOf: asOfOr(undefined) };
    const t = parseTime(value);
    return t.kind === 'instant' ? { kind: 'asOf', asOf: t.date } : t;
  };
  const timeEcho = (t: ItemsTime) => (t.kind === 'asOf' ? { asOf: t.asOf } : { interval: [t.start ?? '..', t.end ?? '..'] });

  router.get('/collections/:collectionId/items', (req, res) => {
    const c = collectionOf(req);
    const q = flatQuery(req);
    rejectUnknown(q, [...ITEMS_PARAMS, ...Object.keys(c.filters)]);
    const format = formatOf(req, q, [GEOJSON, JSON_TYPE]);
    const time = timeOf(q.datetime);
    const limit = parseLimit(q.limit);
    const offset = parseOffset(q.offset);
    const page = queryItems(layers, c, {
      bboxes: q.bbox === undefined ? undefined : parseBBox(q.bbox),
      time,
      filters: parseFilters(c, q),
      limit,
      offset,
    });
    const url = new URL(here(req));
    const at = (o: number) => {
      const u = new URL(url);
      u.searchParams.set('offset', String(o));
      u.searchParams.set('limit', String(limit));
      return u.toString();
    };
    const json = format === 'html' ? HTML : GEOJSON;
    const links: Link[] = [...selfAndAlternate(url.toString(), format, GEOJSON)];
    if (offset + page.features.length < page.numberMatched) links.push({ href: withF(at(offset + limit), format), rel: 'next', type: json, title: 'next page' });
    if (offset > 0) links.push({ href: withF(at(Math.max(0, offset - limit)), format), rel: 'prev', type: json, title: 'previous page' });
    links.push({ href: `${root(req)}/collections/${c.id}`, rel: 'collection', type: JSON_TYPE, title: c.title });
    if (format === 'html') return send(res, HTML, itemsHtml(root(req), c, page.features, page.numberMatched, offset, links, timeEcho(time)));
    send(res, GEOJSON, {
      type: 'FeatureCollection',
      ...timeEcho(time),
      timeStamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      numberMatched: page.numberMatched,
      numberReturned: page.features.length,
      features: page.features,
      links,
    });
  });

  router.get('/collections/:collectionId/items/:featureId', (req, res) => {
    const c = collectionOf(req);
    const q = flatQuery(req);
    rejectUnknown(q, ['f', 'datetime'], tolerated);
    const format = formatOf(req, q, [GEOJSON, JSON_TYPE]);
    // A direct lookup names one feature: show it whatever its dates unless the client gives a datetime.
    const time = q.datetime === undefined ? undefined : timeOf(q.datetime);
    const id = req.params.featureId;
    const found = findItem(layers, c, id, time);
    if (!found.exists) throw new HttpProblem(404, `no feature "${id}" in collection "${c.id}"`, undefined, 'unknown-feature');
    if (!found.feature) throw new HttpProblem(404, `feature "${id}" of "${c.id}" does not hold at datetime=${q.datetime}`, undefined, 'not-valid-at-datetime');
    const url = `${root(req)}/collections/${c.id}/items/${encodeURIComponent(id)}`;
    const links: Link[] = [
      ...selfAndAlternate(url, format, GEOJSON),
      { href: `${root(req)}/collections/${c.id}`, rel: 'collection', type: JSON_TYPE, title: c.title },
    ];
    if (format === 'html') return send(res, HTML, featureHtml(found.feature, links));
    send(res, GEOJSON, { ...found.feature, links });
  });

  router.use((req, _res, next) => next(new HttpProblem(404, `no OGC API resource at ${req.method} ${req.originalUrl.split('?')[0]}`, undefined, 'no-route')));
  router.use(ogcProblem);
  return router;
}

/** Errors as JSON problems (RFC 9457) that also carry the standard's exception members `code` and `description`. */
const ogcProblem: ErrorRequestHandler = (err, _req, res, next) => {
  if (!(err instanceof HttpProblem)) return next(err);
  const code = err.slug === 'about:blank' ? String(err.status) : err.slug;
  res.status(err.status).type('application/problem+json').send(JSON.stringify({ ...problemBody(err.status, err.detail, { slug: code, errors: err.errors }), code, description: err.detail }));
};

function itemsHtml(root: string, c: Collection, features: Item[], matched: number, offset: number, links: Link[], time: object): string {
  const cols = ['id', ...c.propertyNames.filter((k) => k !== 'id' && ['name', 'group', 'agency', 'presence', 'confidence', 'validFrom', 'validTo', 'portName', 'corridor', 'kind'].includes(k))];
  const head = `<tr>${cols.map((k) => `<th>${html.text(k)}</th>`).join('')}</tr>`;
  const rows = features
    .map((f) => `<tr>${cols.map((k) => (k === 'id' ? `<td>${html.link(`${root}/collections/${c.id}/items/${encodeURIComponent(f.id)}?f=html`, f.id)}</td>` : `<td>${html.value(f.properties[k])}</td>`)).join('')}</tr>`)
    .join('');
  const shown = features.length ? `${offset + 1}–${offset + features.length} of ${matched}` : `none of ${matched}`;
  return html.page(`${c.title}: features`, links, `<p>${html.text(shown)} features matched (${html.text(JSON.stringify(time))}).</p><table>${head}${rows}</table>`);
}

function featureHtml(f: Item, links: Link[]): string {
  const rows = Object.entries(f.properties).map(([k, v]): [string, string] => [k, html.value(v)]);
  rows.push(['geometry', html.text(f.geometry ? `${f.geometry.type}` : 'none')]);
  return html.page(String(f.properties.name ?? f.id), links, html.table(rows));
}
