import { writeState } from './state.js';

// Click a feature: a popup with what a reader needs to judge it — name, who (group or agency), presence, the dates
// its evidence covers (flagged when old), confidence, the sources as titled links (from /sources), the notes, and
// for a port its roles by period in words. The full feature comes from /layers/{layer}/{id}: tiles carry flattened
// properties only.

const CLICKABLE = ['ports', 'checkpoints', 'expulsion-flights', 'routes', 'territories', 'places', 'airports', 'migrant-deaths'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Evidence older than this, on a fact with no end date, is flagged: it may no longer hold. */
const STALE_YEARS = 3;

const el = (tag, props = {}, ...children) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children.filter((c) => c !== undefined && c !== null));
  return e;
};

/** "2021-06" → "Jun 2021", "2019-01-29" → "29 Jan 2019", "2021" → "2021". */
export function words(date) {
  if (!date) return '';
  const [y, m, d] = String(date).split('-');
  if (!m) return y;
  return `${d ? `${Number(d)} ` : ''}${MONTHS[Number(m) - 1]} ${y}`;
}

/** How an area was drawn (issue 9's extentBasis) and what its sources place, in words. */
export const EXTENT_WORDS = { locality: 'a buffer around a town or city', corridor: 'a band along a road', municipality: 'whole municipalities', state: 'a whole state' };
export const PLACED_WORDS = { city: 'a city', crossing: 'a crossing', road: 'a road', region: 'a region' };
/** Extents that stand in for something smaller than themselves: figures over them are the "possible" band only. */
export const COARSE_EXTENTS = new Set(['municipality', 'state']);

export function period(from, to) {
  if (from && to) return `${words(from)} – ${words(to)}`;
  if (from) return `since ${words(from)} (no end date in the sources)`;
  if (to) return `until ${words(to)}`;
  return 'undated';
}

// Geodata dates (issue 8): observed {from, to} is the evidence, ended {date, source} a documented end.
const firstSeen = (f) => f.observed?.from ?? f.validFrom;
const endOf = (f) => f.ended?.date ?? f.validTo;

/** The newest date the evidence speaks for, and whether it is old enough to doubt today. */
function staleness(p, today = new Date()) {
  if (p.stale !== undefined) return { stale: Boolean(p.stale), last: p.observed?.to ?? p.validTo ?? p.validFrom };
  if (p.validTo || p.ended) return { stale: false };
  const last = [p.observed?.to, p.validFrom].filter(Boolean).sort().at(-1);
  if (!last) return { stale: false };
  const years = (today - new Date(`${String(last).padEnd(10, '-01').slice(0, 10)}T00:00:00Z`)) / (365.25 * 864e5);
  return { stale: years > STALE_YEARS, last };
}

export function createPopups(map, maplibregl, { labels, sources }) {
  let popup;

  const sourceList = (ids) =>
    el(
      'ul',
      { className: 'sources' },
      ...(ids ?? []).map((id) => {
        const s = sources.get(id);
        if (!s) return el('li', { textContent: id });
        const meta = [s.publisher, s.date].filter(Boolean).join(', ');
        const title = s.url ? el('a', { href: s.url, target: '_blank', rel: 'noopener', textContent: s.title }) : el('span', { textContent: s.title });
        return el('li', {}, title, meta ? ` (${meta})` : '');
      }),
    );

  function content(layer, p) {
    const dl = el('dl');
    const row = (k, v) => v !== undefined && v !== null && v !== '' && dl.append(el('dt', { textContent: k }), el('dd', {}, v));
    const agencies = p.agencies?.length ? p.agencies.map((a) => labels.agency[a] ?? a).join(', ') : undefined;
    if (p.actor === 'state' && layer === 'territories') {
      row('Actor', el('span', { className: 'actor-state', textContent: 'State actor: documented abuse by officials, not a criminal group\'s territory (exposure reports it apart)' }));
      row('Who', p.groupName);
      row('Agencies', agencies);
    } else {
      const who = p.groupName ?? agencies ?? (p.agency ? labels.agency[p.agency] ?? p.agency : undefined);
      row(layer === 'checkpoints' ? 'Agency' : 'Group', who);
    }
    if (p.faction) row('Faction', p.faction);
    if (p.presence) row('Presence', labels.presence[p.presence] ?? p.presence);
    if (p.corridor) row('Corridor', labels.corridor[p.corridor] ?? p.corridor);
    if (p.kind && layer === 'expulsion-flights') row('Kind', labels.flight[p.kind] ?? p.kind);
    if (p.kind && layer === 'checkpoints') row('Kind', p.kind);
    if (p.highway) row('Highway', p.highway);
    if (layer !== 'ports' && (p.validFrom || p.validTo || p.observed)) {
      const st = staleness(p);
      const dates = el('span', { textContent: period(firstSeen(p), endOf(p)) });
      if (p.observed?.to) dates.append(`; last observed ${words(p.observed.to)}`);
      if (st.stale) dates.append(' ', el('span', { className: 'stale', textContent: `stale: newest evidence ${words(st.last)}, may no longer hold` }));
      row('Dates', dates);
    }
    if (p.confidence) row('Confidence', p.confidence);
    if (p.extentBasis) {
      const extent = el('span', { textContent: `drawn as ${EXTENT_WORDS[p.extentBasis] ?? p.extentBasis}${p.sourcesPlace ? `; the sources place ${PLACED_WORDS[p.sourcesPlace] ?? p.sourcesPlace}` : ''}${p.areaKm2 ? `; ${Math.round(p.areaKm2).toLocaleString('en')} km²` : ''}` });
      if (COARSE_EXTENTS.has(p.extentBasis)) extent.append(' ', el('span', { className: 'stale', textContent: 'coarse: the area is larger than what the sources place' }));
      row('Extent', extent);
    }
    if (p.locationPrecision || p.geometryPrecision) row('Position', p.locationPrecision ?? p.geometryPrecision);
    if (layer === 'ports' && Array.isArray(p.roles)) {
      row(
        'Roles',
        p.roles.length === 0
          ? 'no documented role'
          : el('ul', {}, ...p.roles.map((r) => el('li', { textContent: `${labels.portRole[r.role] ?? r.role}: ${period(firstSeen(r), endOf(r))}${r.confidence ? ` (${r.confidence} confidence)` : ''}` }))),
      );
    }
    if (p.dead_and_missing !== undefined) row('Dead and missing', String(p.dead_and_missing));
    if (Array.isArray(p.sources) && p.sources.length) row('Sources', sourceList(p.sources));
    if (p.notes) row('Notes', p.notes);
    return el('div', { className: 'feature-popup' }, el('h3', { textContent: p.name ?? p.portName ?? p.iata_code ?? layer }), dl);
  }

  async function fullFeature(layer, id) {
    const res = await fetch(`/layers/${encodeURIComponent(layer)}/${encodeURIComponent(id)}`);
    return res.ok ? res.json() : undefined;
  }

  /** Opens the popup of a feature; tileProps fill in for layers whose features the API cannot look up. */
  async function open(layer, id, lngLat, tileProps) {
    const f = id ? await fullFeature(layer, id) : undefined;
    const props = f?.properties ?? tileProps;
    if (!props) return false;
    if (!lngLat && f?.geometry) lngLat = anchorOf(f.geometry);
    popup?.remove();
    popup = new maplibregl.Popup({ maxWidth: '360px', focusAfterOpen: false }).setLngLat(lngLat).setDOMContent(content(layer, props)).addTo(map);
    popup.getElement().dataset.layer = layer;
    popup.getElement().dataset.featureId = id ?? '';
    writeState({ sel: id ? `${layer}/${id}` : undefined });
    popup.on('close', () => {
      if (popup?.getElement()?.dataset.featureId === (id ?? '')) writeState({ sel: undefined });
    });
    return true;
  }

  map.on('click', (e) => {
    if (map.gauntletDrawing) return;
    const hits = map.queryRenderedFeatures([[e.point.x - 3, e.point.y - 3], [e.point.x + 3, e.point.y + 3]]).filter((f) => f.source === 'gauntlet' && CLICKABLE.includes(f.sourceLayer));
    hits.sort((a, b) => CLICKABLE.indexOf(a.sourceLayer) - CLICKABLE.indexOf(b.sourceLayer));
    const f = hits[0];
    if (!f || f.properties.cluster) return;
    open(f.sourceLayer, f.properties.id, e.lngLat, f.properties);
  });
  for (const layer of map.getStyle().layers.filter((l) => CLICKABLE.includes(l['source-layer']))) {
    map.on('mouseenter', layer.id, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', layer.id, () => (map.getCanvas().style.cursor = ''));
  }

  return { open, current: () => popup };
}

/** A point to anchor a popup on: the point itself, a line's middle vertex, or a polygon's bounding-box centre. */
export function anchorOf(geometry) {
  if (geometry.type === 'Point') return geometry.coordinates;
  const coords = [];
  const walk = (c) => (typeof c[0] === 'number' ? coords.push(c) : c.forEach(walk));
  walk(geometry.coordinates);
  if (geometry.type.includes('LineString')) return coords[Math.floor(coords.length / 2)];
  const xs = coords.map((c) => c[0]);
  const ys = coords.map((c) => c[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}
