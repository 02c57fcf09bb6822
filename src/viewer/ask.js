import { writeState } from './state.js';
import { words } from './popup.js';

// Ask a route: a stored one (GET /routes/{id}/exposure) or one drawn on the map (terra-draw, POST /exposure).
// The answer is the API's GeoJSON (route, passages, checkpoints, plus `exposure`): the side panel lists it, the map
// draws it, hovering a row highlights its feature, and the downloads are the same answer as PNG, CSV and GeoJSON.

const el = (tag, props = {}, ...children) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children.filter((c) => c !== undefined && c !== null && c !== false));
  return e;
};
const km = (x) => (Math.round(x * 10) / 10).toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pct = (x) => `${Math.round(x * 100)}%`;
const EMPTY = { type: 'FeatureCollection', features: [] };

function problemText(body, status) {
  return body?.detail ?? body?.title ?? `HTTP ${status}`;
}

function addAnswerLayers(map) {
  map.addSource('ask', { type: 'geojson', data: EMPTY });
  const route = ['==', ['get', 'element'], 'route'];
  const passage = ['==', ['get', 'element'], 'passage'];
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

export function setupAsk(map, maplibregl, { panel, routePick, portPick, drawButton, finishButton, clearButton, legend, time, groupColours, labels, TerraDraw }) {
  addAnswerLayers(map);
  let current; // { kind: 'stored', id } | { kind: 'drawn', coordinates }
  let answer; // the GeoJSON answer
  let request = 0;

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
    routePick.value = '';
    map.getSource('ask').setData(EMPTY);
    panel.hidden = true;
    panel.replaceChildren();
    writeState({ route: undefined, draw: undefined });
  }

  function options() {
    const q = new URLSearchParams();
    const rule = time.rule();
    if (rule) q.set('as_of', rule);
    if (portPick.value) q.set('expulsionPort', portPick.value);
    return q;
  }

  async function ask(what) {
    current = what;
    const mine = ++request;
    writeState(what.kind === 'stored' ? { route: what.id, draw: undefined } : { route: undefined, draw: what.coordinates.map((c) => c.join(',')).join(';') });
    if (what.kind === 'stored') routePick.value = what.id;
    else routePick.value = '';
    panel.hidden = false;
    panel.replaceChildren(el('p', { className: 'note', textContent: 'Computing the exposure…' }));
    const headers = { Accept: 'application/geo+json' };
    const res =
      what.kind === 'stored'
        ? await fetch(`/routes/${encodeURIComponent(what.id)}/exposure?${options()}`, { headers })
        : await fetch(`/exposure?${options()}`, {
            method: 'POST',
            headers: { ...headers, 'Content-Type': 'application/json' },
            body: JSON.stringify({ type: 'Feature', properties: { name: 'Drawn route' }, geometry: { type: 'LineString', coordinates: what.coordinates } }),
          });
    const body = await res.json().catch(() => undefined);
    if (mine !== request) return; // a newer question was asked meanwhile
    if (!res.ok) {
      panel.replaceChildren(el('p', { className: 'warn', textContent: `The API refused the route: ${problemText(body, res.status)}` }));
      return;
    }
    answer = body;
    let row = 0;
    for (const f of answer.features) {
      if (f.properties.element !== 'route') f.properties.row = row++;
      if (f.properties.element === 'passage') f.properties.colour = groupColours[f.properties.group] ?? groupColours.fallback;
    }
    answer.features.filter((f) => f.properties.element === 'checkpoint').forEach((f, i) => (f.properties.number = i + 1));
    map.getSource('ask').setData(answer);
    renderPanel();
    const [w, s, e, n] = answer.exposure.route.bbox;
    if (!what.keepView) map.fitBounds([[w, s], [e, n]], { padding: { top: 40, bottom: 40, left: 330, right: 430 }, maxZoom: 10, duration: 0 });
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
    const checkpoints = answer.features.filter((f) => f.properties.element === 'checkpoint');
    const name = current.kind === 'stored' ? routeFeature?.properties.name ?? current.id : 'Drawn route';
    const rule = time.describe(x.asOf);
    const parts = [
      el('button', { type: 'button', className: 'close', textContent: '×', title: 'Close', onclick: () => clearButton.click() }),
      el('h2', { textContent: name, style: 'border:0;margin-top:0;padding-top:0' }),
      el('p', { className: 'summary', textContent: `${km(x.route.lengthKm)} km · ${rule} · checkpoints within ${x.bufferKm} km` }),
    ];
    if (routeFeature?.properties.geometryPrecision === 'schematic') {
      parts.push(el('p', { className: 'note', textContent: 'The stored line is schematic (straight segments between towns, not the road): figures are good to a few km.' }));
    }
    const s = x.summary;
    parts.push(
      el('p', {
        className: 'answer',
        textContent:
          s.groupsCrossed === 0
            ? `Crosses no mapped territory; passes ${s.checkpointsPassed} checkpoint${s.checkpointsPassed === 1 ? '' : 's'}.`
            : `Crosses the territory of ${s.groupsCrossed} group${s.groupsCrossed === 1 ? '' : 's'} over ${km(s.kmInTerritory)} km (${pct(s.shareInTerritory)} of the route) and passes ${s.checkpointsPassed} checkpoint${s.checkpointsPassed === 1 ? '' : 's'}.`,
      }),
    );
    if (x.groups.length) {
      parts.push(el('h3', { textContent: 'Groups' }), table(['group', 'km', 'share'], x.groups.map((g) => ({ cells: [g.groupName, km(g.lengthKm), pct(g.share)] }))));
    }
    parts.push(el('h3', { textContent: 'Passages in travel order' }));
    parts.push(
      passages.length
        ? table(['#', 'group', 'presence', 'entry km', 'exit km', 'km'], passages.map((f, i) => ({
            row: f.properties.row,
            cells: [String(i + 1), f.properties.groupName, labels.presence[f.properties.presence]?.replace(/ \(.*\)$/, '') ?? f.properties.presence, km(f.properties.entryKm), km(f.properties.exitKm), km(f.properties.lengthKm)],
          })))
        : el('p', { className: 'note', textContent: 'None.' }),
    );
    parts.push(el('h3', { textContent: 'Checkpoints in order' }));
    parts.push(
      checkpoints.length
        ? table(['#', 'checkpoint', 'agency', 'at km', 'off km', 'confidence'], checkpoints.map((f) => ({
            row: f.properties.row,
            cells: [String(f.properties.number), f.properties.name, labels.agency[f.properties.agency] ?? f.properties.agency, km(f.properties.distanceAlongKm), km(f.properties.offsetKm), f.properties.confidence],
          })))
        : el('p', { className: 'note', textContent: 'None within the buffer.' }),
    );
    parts.push(el('h3', { textContent: 'Expulsion' }), expulsionText(x));
    for (const extra of time.panelExtras?.(current, x) ?? []) parts.push(extra);
    parts.push(downloads(name, x));
    panel.replaceChildren(...parts);
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

  const fileBase = () => (current.kind === 'stored' ? current.id : 'drawn-route') + `-${answer.exposure.asOf}`;

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
    csv.addEventListener('click', (ev) => {
      ev.preventDefault();
      save(`${fileBase()}.csv`, new Blob([answerCsv(name, x)], { type: 'text/csv' }));
    });
    geojson.addEventListener('click', (ev) => {
      ev.preventDefault();
      const clean = { ...answer, features: answer.features.map((f) => ({ ...f, properties: Object.fromEntries(Object.entries(f.properties).filter(([k]) => !['row', 'colour', 'number'].includes(k))) })) };
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

  function answerCsv(name, x) {
    const cell = (v) => {
      const s = v === undefined || v === null ? '' : String(v);
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const head = ['element', 'order', 'id', 'name', 'group_or_agency', 'presence_or_kind', 'entry_km', 'exit_km', 'length_km', 'offset_km', 'confidence', 'as_of', 'route'];
    const rows = [head];
    answer.features.filter((f) => f.properties.element === 'passage').forEach((f, i) => {
      const p = f.properties;
      rows.push(['passage', i + 1, p.id, p.groupName, p.group, p.presence, p.entryKm, p.exitKm, p.lengthKm, '', '', x.asOf, name]);
    });
    answer.features.filter((f) => f.properties.element === 'checkpoint').forEach((f, i) => {
      const p = f.properties;
      rows.push(['checkpoint', i + 1, p.id, p.name, p.agency, p.kind, p.distanceAlongKm, p.distanceAlongKm, '', p.offsetKm, p.confidence, x.asOf, name]);
    });
    rows.push(['route', '', current.kind === 'stored' ? current.id : '', name, '', '', 0, x.route.lengthKm, x.route.lengthKm, '', '', x.asOf, name]);
    return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  }

  return { ask, clear, current: () => current, answer: () => answer, refresh: () => current && ask({ ...current, keepView: true }) };
}

/** Fills the stored-route and port pickers from the API. */
export async function fillPickers(routePick, portPick) {
  const [routes, ports] = await Promise.all(['/layers/routes?as_of=all', '/layers/ports?as_of=all'].map((u) => fetch(u).then((r) => r.json())));
  for (const f of routes.features.sort((a, b) => a.properties.name.localeCompare(b.properties.name))) routePick.append(new Option(f.properties.name, f.id ?? f.properties.id));
  for (const f of ports.features.sort((a, b) => a.properties.name.localeCompare(b.properties.name))) portPick.append(new Option(f.properties.name, f.id ?? f.properties.id));
}

export { words };
