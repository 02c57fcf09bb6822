import { writeState } from './state.js';
import { words } from './popup.js';
import { caveats, el, headline, km, pct, policiesLine, sourcesPart, stateActorsPart, timelineTable } from './answer-parts.js';

// Ask a route: a stored one (GET /routes/{id}/exposure) or one drawn on the map (terra-draw, POST /exposure).
// The answer is the API's GeoJSON (route, passages, checkpoints, plus `exposure`): the side panel lists it, the map
// draws it, hovering a row highlights its feature, and the downloads are the same answer as PNG, CSV and GeoJSON.

const EMPTY = { type: 'FeatureCollection', features: [] };
/** How an asked route is fitted: clear of the sidebar (left) and the panel (right). */
export const ROUTE_FIT = { padding: { top: 40, bottom: 40, left: 330, right: 510 }, maxZoom: 10 };

function problemText(body, status) {
  return body?.detail ?? body?.title ?? `HTTP ${status}`;
}

function addAnswerLayers(map) {
  map.addSource('ask', { type: 'geojson', data: EMPTY });
  const route = ['==', ['get', 'element'], 'route'];
  const passage = ['in', ['get', 'element'], ['literal', ['passage', 'state-area']]];
  const checkpoint = ['==', ['get', 'element'], 'checkpoint'];
  const hot = (f) => ['all', f, ['==', ['get', 'row'], -1]];
  map.addLayer({ id: 'ask-route-casing', type: 'line', source: 'ask', filter: route, layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': '#ffffff', 'line-width': 8 } });
  map.addLayer({ id: 'ask-route', type: 'line', source: 'ask', filter: route, layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': '#222222', 'line-width': 4 } });
  map.addLayer({ id: 'ask-passages', type: 'line', source: 'ask', filter: passage, layout: { 'line-cap': 'butt' }, paint: { 'line-color': ['get', 'colour'], 'line-width': 4 } });
  map.addLayer({ id: 'ask-passage-hot', type: 'line', source: 'ask', filter: hot(passage), layout: { 'line-cap': 'round' }, paint: { 'line-color': '#FFD400', 'line-width': 10, 'line-opacity': 0.9 } });
  map.addLayer({ id: 'ask-checkpoints', type: 'circle', source: 'ask', filter: checkpoint, paint: { 'circle-radius': 7, 'circle-color': '#ffffff', 'circle-stroke-color': '#222222', 'circle-stroke-width': 2 } });
  map.addLayer({ id: 'ask-checkpoint-hot', type: 'circle', source: 'ask', filter: hot(checkpoint), paint: { 'circle-radius': 13, 'circle-color': '#FFD400', 'circle-opacity': 0.85, 'circle-stroke-color': '#222222', 'circle-stroke-width': 2 } });
  map.addLayer({
    id: 'ask-checkpoint-numbers', type: 'symbol', source: 'ask', filter: checkpoint,
    layout: { 'text-field': ['to-string', ['get', 'number']], 'text-font': ['Noto Sans Regular'], 'text-size': 10, 'text-allow-overlap': true, 'text-ignore-placement': true },
    paint: { 'text-color': '#222222' },
  });
}

export function setupAsk(map, maplibregl, { onClear, panel, routePick, portPick, drawButton, finishButton, clearButton, legend, time, groupColours, labels, sources, TerraDraw }) {
  addAnswerLayers(map);
  let current; // { kind: 'stored', id } | { kind: 'drawn', coordinates }
  let answer; // the GeoJSON answer
  let timeline; // { by, rows: Promise<rows> } for the open answer: the route over policy periods or years
  let request = 0;
  const policyNames = new Map((time.policies ?? []).map((p) => [p.id, p.name]));

  const draw = new TerraDraw.TerraDraw({
    adapter: new TerraDraw.Adapter({ map, lib: maplibregl }),
    modes: [new TerraDraw.TerraDrawLineStringMode({ styles: { lineStringColor: '#222222', lineStringWidth: 3, closingPointColor: '#FFD400' } })],
  });
  draw.start();

  const stopDrawing = () => {
    map.gauntletDrawing = false;
    draw.setMode('static');
    finishButton.hidden = true;
    drawButton.disabled = false;
    map.doubleClickZoom.enable();
  };
  drawButton.addEventListener('click', () => {
    draw.clear();
    draw.setMode('linestring');
    map.gauntletDrawing = true;
    map.doubleClickZoom.disable();
    finishButton.hidden = false;
    drawButton.disabled = true;
  });
  // Finishing is the mode's own Enter key, sent to the map's canvas where terra-draw listens.
  finishButton.addEventListener('click', () => map.getCanvas().dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter', bubbles: true })));
  draw.on('finish', (id) => {
    const f = draw.getSnapshot().find((x) => x.id === id);
    stopDrawing();
    if (!f || f.geometry.coordinates.length < 2) return;
    draw.clear();
    ask({ kind: 'drawn', coordinates: f.geometry.coordinates.map(([x, y]) => [Math.round(x * 1e5) / 1e5, Math.round(y * 1e5) / 1e5]) });
  });

  routePick.addEventListener('change', () => (routePick.value ? ask({ kind: 'stored', id: routePick.value }) : clear()));
  portPick.addEventListener('change', () => {
    writeState({ port: portPick.value || undefined });
    if (current) ask(current);
  });
  clearButton.addEventListener('click', () => {
    stopDrawing();
    draw.clear();
    clear();
  });

  function clear() {
    current = undefined;
    answer = undefined;
    timeline = undefined;
    routePick.value = '';
    map.getSource('ask').setData(EMPTY);
    panel.hidden = true;
    panel.replaceChildren();
    writeState({ route: undefined, draw: undefined, plan: undefined });
    onClear?.();
  }

  function options() {
    const q = new URLSearchParams();
    const rule = time.rule();
    if (rule) q.set('as_of', rule);
    if (portPick.value) q.set('expulsionPort', portPick.value);
    return q;
  }

  /** The exposure API's answer for a route, as GeoJSON: GET for a stored route, POST for a drawn or planned one. */
  function exposureRequest(what, query) {
    const headers = { Accept: 'application/geo+json' };
    return what.kind === 'stored'
      ? fetch(`/routes/${encodeURIComponent(what.id)}/exposure?${query}`, { headers })
      : fetch(`/exposure?${query}`, {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ type: 'Feature', properties: { name: what.name ?? 'Drawn route' }, geometry: { type: 'LineString', coordinates: what.coordinates } }),
        });
  }

  /** The route over time (as_of=all, by=policy|year): one row per slice, each computed under its own rule. */
  function fetchTimeline(what, by) {
    const q = options();
    q.set('as_of', 'all');
    q.set('by', by);
    const rows = exposureRequest(what, q).then(async (res) => {
      const body = await res.json().catch(() => undefined);
      if (!res.ok) throw new Error(problemText(body, res.status));
      return body.exposure.timeline ?? [];
    });
    rows.catch(() => undefined); // shown in the panel; a download without it says so
    return { by, rows };
  }

  async function ask(what) {
    if (what.kind !== 'planned') onClear?.(); // another question: the planned paths go
    current = what;
    const mine = ++request;
    if (what.kind === 'stored') writeState({ route: what.id, draw: undefined, plan: undefined });
    else if (what.kind === 'drawn') writeState({ route: undefined, plan: undefined, draw: what.coordinates.map((c) => c.join(',')).join(';') });
    else writeState({ route: undefined, draw: undefined }); // planned: the plan= parameter says it
    if (what.kind === 'stored') routePick.value = what.id;
    else routePick.value = '';
    panel.hidden = false;
    panel.replaceChildren(el('p', { className: 'note', textContent: 'Computing the exposure…' }));
    const res = await exposureRequest(what, options());
    const body = await res.json().catch(() => undefined);
    if (mine !== request) return; // a newer question was asked meanwhile
    if (!res.ok) {
      panel.replaceChildren(el('p', { className: 'warn', textContent: `The API refused the route: ${problemText(body, res.status)}` }));
      return;
    }
    answer = body;
    timeline = fetchTimeline(what, timeline?.by ?? 'policy');
    let row = 0;
    for (const f of answer.features) {
      if (f.properties.element !== 'route') f.properties.row = row++;
      if (f.properties.element === 'passage' || f.properties.element === 'state-area') f.properties.colour = groupColours[f.properties.group] ?? groupColours.fallback;
    }
    answer.features.filter((f) => f.properties.element === 'checkpoint').forEach((f, i) => (f.properties.number = i + 1));
    map.getSource('ask').setData(answer);
    renderPanel();
    const [w, s, e, n] = answer.exposure.route.bbox;
    if (!what.keepView) map.fitBounds([[w, s], [e, n]], { ...ROUTE_FIT, duration: 0 });
  }

  function highlight(row) {
    const v = row ?? -1;
    for (const [id, element] of [['ask-passage-hot', 'passage'], ['ask-checkpoint-hot', 'checkpoint']]) {
      map.setFilter(id, ['all', ['==', ['get', 'element'], element], ['==', ['get', 'row'], v]]);
    }
    for (const tr of panel.querySelectorAll('tr[data-row]')) tr.classList.toggle('hot', Number(tr.dataset.row) === row);
  }

  const hoverRow = (tr, row) => {
    tr.dataset.row = String(row);
    tr.dataset.hover = '';
    tr.addEventListener('mouseenter', () => highlight(row));
    tr.addEventListener('mouseleave', () => highlight(undefined));
    return tr;
  };

  function table(headings, rows) {
    const numeric = headings.map((h) => h.endsWith(' km') || h === 'km' || h === 'share' || h === '#');
    return el(
      'table',
      {},
      el('thead', {}, el('tr', {}, ...headings.map((h, i) => el('th', { textContent: h, className: numeric[i] ? 'num' : '' })))),
      el('tbody', {}, ...rows.map(({ cells, row }) => {
        const tr = el('tr', {}, ...cells.map((c, i) => el('td', { className: numeric[i] ? 'num' : '' }, c)));
        return row === undefined ? tr : hoverRow(tr, row);
      })),
    );
  }

  function renderPanel() {
    const x = answer.exposure;
    const routeFeature = answer.features.find((f) => f.properties.element === 'route');
    const passages = answer.features.filter((f) => f.properties.element === 'passage');
    const stateAreas = answer.features.filter((f) => f.properties.element === 'state-area');
    const checkpoints = answer.features.filter((f) => f.properties.element === 'checkpoint');
    const name = current.kind === 'stored' ? routeFeature?.properties.name ?? current.id : current.name ?? 'Drawn route';
    const rule = time.describe(x.asOf);
    const parts = [
      el('button', { type: 'button', className: 'close', textContent: '×', title: 'Close', onclick: () => clearButton.click() }),
      el('h2', { textContent: name, style: 'border:0;margin-top:0;padding-top:0' }),
      el('p', { className: 'summary', textContent: `${km(x.route.lengthKm)} km · ${rule} · checkpoints within ${x.bufferKm} km` }),
    ];
    if (current.header) parts.splice(1, 0, current.header);
    if (routeFeature?.properties.geometryPrecision === 'schematic') {
      parts.push(el('p', { className: 'note', textContent: 'The stored line is schematic (straight segments between towns, not the road): figures are good to a few km.' }));
    }
    const s = x.summary;
    parts.push(el('p', { className: 'answer', textContent: headline(s) }));
    // How solid the figure is, in the answer itself: "likely" counts high-confidence, narrowly drawn areas only.
    const warnings = caveats(x, { passages, checkpoints, stateAreas });
    parts.push(
      el('p', { className: 'note band-def', textContent: 'Likely: high-confidence areas drawn around the town, crossing or road the sources name. Possible: every area, however coarse or uncertain.' }),
      warnings.length ? el('ul', { className: 'caveats' }, ...warnings.map((w) => el('li', { textContent: w }))) : el('p', { className: 'note caveats-none', textContent: 'Every figure rests on high-confidence, narrowly drawn, recent evidence.' }),
      el('p', { className: 'note policies', textContent: policiesLine(x) }),
    );
    if (x.groups.length) {
      parts.push(el('h3', { textContent: 'Groups' }), table(['group', 'likely km', 'possible km', 'share'], x.groups.map((g) => ({ cells: [g.groupName, km(g.likelyKm ?? 0), km(g.lengthKm), pct(g.share)] }))));
    }
    parts.push(el('h3', { textContent: 'Passages in travel order' }));
    parts.push(
      passages.length
        ? table(['#', 'group', 'presence', 'entry km', 'exit km', 'km', 'confidence', 'extent', 'last seen'], passages.map((f, i) => ({
            row: f.properties.row,
            cells: [
              String(i + 1), f.properties.groupName, labels.presence[f.properties.presence]?.replace(/ \(.*\)$/, '') ?? f.properties.presence,
              km(f.properties.entryKm), km(f.properties.exitKm), km(f.properties.lengthKm), f.properties.confidence, f.properties.extentBasis,
              el('span', { className: f.properties.stale ? 'stale' : '', textContent: `${words(f.properties.observed?.to) || '?'}${f.properties.stale ? ' (stale)' : ''}` }),
            ],
          })))
        : el('p', { className: 'note', textContent: 'None.' }),
    );
    parts.push(el('h3', { textContent: 'Checkpoints in order' }));
    parts.push(
      checkpoints.length
        ? table(['#', 'checkpoint', 'agency', 'at km', 'off km', 'confidence', 'position'], checkpoints.map((f) => ({
            row: f.properties.row,
            cells: [String(f.properties.number), f.properties.name, labels.agency[f.properties.agency] ?? f.properties.agency, km(f.properties.distanceAlongKm), km(f.properties.offsetKm), f.properties.confidence, f.properties.locationPrecision ?? ''],
          })))
        : el('p', { className: 'note', textContent: 'None within the buffer.' }),
    );
    parts.push(el('h3', { textContent: 'State actors' }), stateActorsPart(x, stateAreas, table));
    parts.push(el('h3', { textContent: 'Expulsion' }), expulsionText(x));
    if (x.timeline?.length) {
      parts.push(el('h3', { textContent: 'Within this period' }), el('p', { className: 'note', textContent: 'The figures above count every fact that held at any time in the period; each row here is computed under its own rule.' }), timelineTable(x.timeline, { policyNames }));
    }
    parts.push(timelinePart());
    for (const extra of time.panelExtras?.(current, x) ?? []) parts.push(extra);
    parts.push(el('h3', { textContent: 'Sources' }), sourcesPart([...passages, ...stateAreas, ...checkpoints], sources));
    parts.push(downloads(name, x));
    panel.replaceChildren(...parts);
  }

  /** The route over policy periods (or years): filled in when the API's timeline arrives. */
  function timelinePart() {
    const box = el('div', { className: 'over-time' });
    const mine = timeline;
    const pick = (by) => {
      timeline = fetchTimeline(current, by);
      box.replaceWith(timelinePart());
    };
    const switcher = el('span', { className: 'row' },
      el('button', { type: 'button', textContent: 'by policy period', className: 'by-policy', disabled: mine.by === 'policy', onclick: () => pick('policy') }),
      el('button', { type: 'button', textContent: 'by year', className: 'by-year', disabled: mine.by === 'year', onclick: () => pick('year') }));
    const body = el('p', { className: 'note', textContent: 'Computing the timeline…' });
    box.append(el('h3', { textContent: mine.by === 'policy' ? 'Over policy periods' : 'Over the years' }), switcher, body);
    mine.rows.then(
      (rows) => {
        if (timeline !== mine) return;
        body.replaceWith(
          rows.length
            ? timelineTable(rows, { policyNames, onPick: mine.by === 'policy' ? (id) => time.set(id) : (y) => time.set(String(y)) })
            : el('p', { className: 'note', textContent: 'No period to show.' }),
          el('p', { className: 'note', textContent: 'Each row counts the facts that held at any time in its period (as_of=all, by=' + mine.by + '); pick one to show it on the map.' }),
        );
      },
      (err) => body.replaceWith(el('p', { className: 'warn', textContent: `No timeline: ${err.message}` })),
    );
    return box;
  }

  function expulsionText(x) {
    const box = el('div', { className: 'expulsion' });
    const groupName = (g) => labels.groupNames[g] ?? g;
    const list = (gs) => (gs.length ? gs.map(groupName).join(', ') : 'no mapped group');
    if (x.ports) {
      const roles = x.ports.roles.length ? x.ports.roles.map((r) => labels.portRole[r] ?? r).join(', ') : 'no documented role on this date';
      box.append(el('p', { textContent: `Nearest port to the route's end: ${x.ports.name}, ${km(x.ports.distanceKm)} km (${roles}).` }));
    }
    if (x.expulsion) {
      const e = x.expulsion;
      const port = [...portPick.options].find((o) => o.value === e.port)?.textContent ?? e.port;
      box.append(
        el('p', { className: 'answer', textContent: e.lateral
          ? `Expelled at ${port}: lateral. The route's end is held by ${list(e.crossingGroups)}; the port's Mexican side by ${list(e.returnGroups)}, so a person expelled there lands among other groups than where they crossed.`
          : `Expelled at ${port}: not lateral. The route's end and the port's Mexican side are held by the same groups (${list(e.crossingGroups)}).` }),
      );
    } else box.append(el('p', { className: 'note', textContent: 'Choose a port above ("Expulsion question") to ask whether an expulsion there is lateral.' }));
    return box;
  }

  async function save(name, blob) {
    const a = el('a', { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }

  const fileBase = () => (current.kind === 'stored' ? current.id : current.kind === 'planned' ? 'planned-route' : 'drawn-route') + `-${answer.exposure.asOf}`;

  function downloads(name, x) {
    const png = el('a', { href: '#', textContent: 'PNG', className: 'download-png' });
    const csv = el('a', { href: '#', textContent: 'CSV', className: 'download-csv' });
    const geojson = el('a', { href: '#', textContent: 'GeoJSON', className: 'download-geojson' });
    const status = el('span', { className: 'note' });
    png.addEventListener('click', async (ev) => {
      ev.preventDefault();
      status.textContent = ' rendering…';
      const res = await fetch('/static', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(staticRequest(name, x)) });
      if (!res.ok) {
        status.textContent = ` PNG failed: ${problemText(await res.json().catch(() => undefined), res.status)}`;
        return;
      }
      status.textContent = '';
      await save(`${fileBase()}.png`, await res.blob());
    });
    // the downloads carry the timeline too (over policy periods or years, as shown), once it has arrived
    const timelineRows = async () => (timeline ? { by: timeline.by, rows: await timeline.rows.catch(() => undefined) } : undefined);
    csv.addEventListener('click', async (ev) => {
      ev.preventDefault();
      const t = await timelineRows();
      save(`${fileBase()}.csv`, new Blob([answerCsv(name, x, t?.rows)], { type: 'text/csv' }));
    });
    geojson.addEventListener('click', async (ev) => {
      ev.preventDefault();
      const t = await timelineRows();
      const clean = {
        ...answer,
        features: answer.features.map((f) => ({ ...f, properties: Object.fromEntries(Object.entries(f.properties).filter(([k]) => !['row', 'colour', 'number'].includes(k))) })),
        ...(t?.rows ? { timeline: { asOf: 'all', by: t.by, rows: t.rows } } : {}),
      };
      save(`${fileBase()}.geojson`, new Blob([JSON.stringify(clean)], { type: 'application/geo+json' }));
    });
    return el('p', { className: 'downloads' }, el('strong', { textContent: 'Download: ' }), png, csv, geojson, status);
  }

  /** The PNG shows the view on screen: its bounds at the map's size, the visible layers, the same time rule. */
  function staticRequest(name, x) {
    const b = map.getBounds();
    const canvas = map.getCanvas();
    const scale = Math.min(1, 2048 / Math.max(canvas.clientWidth, canvas.clientHeight));
    const layers = legend.visibleSourceLayers();
    return {
      camera: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => Math.round(v * 1e5) / 1e5).join(','),
      width: Math.round(canvas.clientWidth * scale),
      height: Math.round(canvas.clientHeight * scale),
      route: current.kind === 'stored' ? current.id : { type: 'LineString', coordinates: current.coordinates },
      asOf: x.asOf,
      bufferKm: x.bufferKm,
      title: `${name}, ${time.describe(x.asOf)}`.slice(0, 120),
      ...(layers.length ? { layers: layers.join(',') } : {}),
    };
  }

  /**
   * The answer as one CSV table: a row per passage, state-actor area and checkpoint with what its evidence is
   * worth (confidence, extent, sources, dates, stale), a row per band of the summary, and a row per period of the
   * timeline (each under its own rule). Same quoting as the API's CSV, formula-looking text defused.
   */
  function answerCsv(name, x, timelineRows) {
    const cell = (v) => {
      let s = v === undefined || v === null ? '' : Array.isArray(v) ? v.join(';') : String(v);
      if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const head = ['element', 'order', 'id', 'name', 'group_or_agency', 'presence_or_kind', 'entry_km', 'exit_km', 'length_km', 'offset_km', 'confidence',
      'actor', 'extent_basis', 'sources_place', 'position', 'sources', 'observed_from', 'observed_to', 'ended', 'stale',
      'likely_km', 'possible_km', 'period', 'period_from', 'period_to', 'policies', 'as_of', 'route'];
    const rows = [head];
    const add = (o) => rows.push(head.map((h) => o[h]));
    const evidence = (p) => ({ confidence: p.confidence, actor: p.actor, sources: p.sources, observed_from: p.observed?.from, observed_to: p.observed?.to, ended: p.ended?.date, stale: p.stale, as_of: x.asOf, route: name });
    for (const element of ['passage', 'state-area']) {
      answer.features.filter((f) => f.properties.element === element).forEach((f, i) => {
        const p = f.properties;
        add({ ...evidence(p), element, order: i + 1, id: p.id, name: p.groupName, group_or_agency: p.group, presence_or_kind: p.presence, entry_km: p.entryKm, exit_km: p.exitKm, length_km: p.lengthKm, extent_basis: p.extentBasis, sources_place: p.sourcesPlace });
      });
    }
    answer.features.filter((f) => f.properties.element === 'checkpoint').forEach((f, i) => {
      const p = f.properties;
      add({ ...evidence(p), element: 'checkpoint', order: i + 1, id: p.id, name: p.name, group_or_agency: p.agency, presence_or_kind: p.kind, entry_km: p.distanceAlongKm, exit_km: p.distanceAlongKm, offset_km: p.offsetKm, position: p.locationPrecision });
    });
    const s = x.summary;
    const routeRow = { element: 'route', id: current.kind === 'stored' ? current.id : '', name, entry_km: 0, exit_km: x.route.lengthKm, length_km: x.route.lengthKm, as_of: x.asOf, route: name, policies: (x.time.policies ?? []).map((p) => p.id), period_from: x.time.from, period_to: x.time.to };
    add({ ...routeRow, likely_km: s.likely.kmInTerritory, possible_km: s.possible.kmInTerritory });
    add({ ...routeRow, element: 'state-actors', likely_km: s.stateActors.likely.km, possible_km: s.stateActors.possible.km });
    for (const [band, v] of [['high-confidence', s.bands.byConfidence.high], ['high-medium-confidence', s.bands.byConfidence.highMedium], ['narrow-extent', s.bands.byExtent.narrow], ['coarse-extent', s.bands.byExtent.coarse]]) {
      add({ element: 'band', id: band, name: `km in criminal-group territory over ${band.replace(/-/g, ' ')} areas`, length_km: v.km, as_of: x.asOf, route: name });
    }
    for (const t of [...(x.timeline ?? []), ...(timelineRows ?? [])]) {
      add({ element: 'timeline', id: t.period, name: policyNames.get(t.period) ?? t.period, group_or_agency: t.groups.map((g) => g.group), likely_km: t.summary.likely.kmInTerritory, possible_km: t.summary.possible.kmInTerritory, period: t.period, period_from: t.from, period_to: t.to, policies: t.policies, as_of: t.asOf, route: name, offset_km: '', stale: t.staleFacts ? `${t.staleFacts} stale` : '' });
    }
    return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  }

  return { ask, clear, current: () => current, answer: () => answer, refresh: () => current && ask({ ...current, keepView: true }) };
}

/** Fills the stored-route and port pickers from the search index's entries (every route and port, whatever its dates). */
export function fillPickers(routePick, portPick, entries) {
  const sorted = (layer) => entries.filter((e) => e.layer === layer).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of sorted('routes')) routePick.append(new Option(e.name, e.id));
  for (const e of sorted('ports')) portPick.append(new Option(e.name, e.id));
}

export { words };
