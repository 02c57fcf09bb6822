import { writeState } from './state.js';

// Plan a trip between two places on the road network (GET /network/route): the shortest and the least-exposure
// path, drawn side by side and compared in the panel; either can be opened for its full exposure. The routing API
// is part of every Gauntlet server: a trip it cannot plan gets the API's problem in the form, never a made-up path.

const el = (tag, props = {}, ...children) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children.filter((c) => c !== undefined && c !== null && c !== false));
  return e;
};
const km = (x) => (Math.round(x * 10) / 10).toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const EMPTY = { type: 'FeatureCollection', features: [] };

export function setupPlan(map, container, { places, ask, time, panel, initial }) {
  const list = el('datalist', { id: 'place-names' }, ...places.map((p) => el('option', { value: p.name })));
  const from = el('input', { id: 'plan-from', type: 'text', placeholder: 'Monterrey', autocomplete: 'off' });
  const to = el('input', { id: 'plan-to', type: 'text', placeholder: 'Nuevo Laredo', autocomplete: 'off' });
  from.setAttribute('list', 'place-names');
  to.setAttribute('list', 'place-names');
  const go = el('button', { type: 'button', id: 'plan-go', textContent: 'Plan on roads' });
  const status = el('p', { className: 'note' });
  container.append(
    el('label', { htmlFor: 'plan-from', textContent: 'Plan between two places: from' }), from,
    el('label', { htmlFor: 'plan-to', textContent: 'to' }), to,
    el('div', { className: 'row' }, go), list, status,
  );

  map.addSource('plan', { type: 'geojson', data: EMPTY });
  map.addLayer({ id: 'plan-shortest', type: 'line', source: 'plan', filter: ['==', ['get', 'objective'], 'distance'], layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': '#555555', 'line-width': 5, 'line-dasharray': [1.5, 1.2], 'line-opacity': 0.85 } }, 'ask-route-casing');
  map.addLayer({ id: 'plan-least', type: 'line', source: 'plan', filter: ['==', ['get', 'objective'], 'exposure'], layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': '#1B7837', 'line-width': 5, 'line-opacity': 0.85 } }, 'ask-route-casing');

  const idOf = (text) => {
    const t = text.trim().toLowerCase();
    return places.find((p) => p.name.toLowerCase() === t)?.id ?? text.trim();
  };

  let last;
  async function plan(a, b) {
    last = [a, b];
    status.textContent = 'Planning…';
    const q = new URLSearchParams({ from: idOf(a), to: idOf(b) });
    const rule = time.rule();
    if (rule) q.set('asOf', rule);
    const res = await fetch(`/network/route?${q}`);
    const body = await res.json().catch(() => undefined);
    if (!res.ok) {
      status.textContent = `No plan: ${body?.detail ?? `HTTP ${res.status}`}`;
      return;
    }
    status.textContent = '';
    writeState({ plan: `${idOf(a)};${idOf(b)}` });
    const paths = [body.shortest, body.leastExposure];
    map.getSource('plan').setData({ type: 'FeatureCollection', features: paths.map((p) => ({ type: 'Feature', properties: { objective: p.objective }, geometry: p.geometry })) });
    const name = `${body.stops[0]?.name ?? a} – ${body.stops.at(-1)?.name ?? b}`;
    const compare = comparison(body, name);
    // Open the least-exposure path's full answer, the comparison on top.
    await ask.ask({ kind: 'planned', name: `${name}, least exposure`, coordinates: body.leastExposure.geometry.coordinates, header: compare, plan: body });
  }

  function comparison(body, name) {
    const row = (label, p, open) => {
      const x = p.exposure;
      const groups = x.groups.map((g) => g.groupName).join(', ') || 'none';
      return el('tr', { className: `plan-${p.objective}` },
        el('td', {}, label), el('td', { className: 'num', textContent: km(p.lengthKm) }), el('td', { textContent: groups }),
        el('td', { className: 'num', textContent: km(x.summary.likely.kmInTerritory) }), el('td', { className: 'num', textContent: km(x.summary.possible.kmInTerritory) }),
        el('td', { className: 'num', textContent: String(x.summary.checkpointsPassed) }),
        el('td', {}, el('button', { type: 'button', textContent: 'open', onclick: open })));
    };
    const openPath = (p, label) => () => ask.ask({ kind: 'planned', name: `${name}, ${label}`, coordinates: p.geometry.coordinates, header: box, plan: body });
    const box = el('div', { className: 'plan-compare' },
      el('h3', { textContent: `Planned on roads: ${name}` }),
      el('table', {},
        el('thead', {}, el('tr', {}, ...['path', 'km', 'groups crossed', 'likely km inside', 'possible km inside', 'checkpoints', ''].map((h) => el('th', { textContent: h })))),
        el('tbody', {}, row('Shortest', body.shortest, openPath(body.shortest, 'shortest')), row('Least exposure', body.leastExposure, openPath(body.leastExposure, 'least exposure')))),
      el('p', { className: 'note', textContent: body.sameRoute ? 'The least-exposure path is the shortest one: no detour avoids more.' : `The least-exposure path is ${km(body.extraKm)} km longer.` }),
      ...(body.caveats ?? []).map((c) => el('p', { className: 'note', textContent: c })));
    return box;
  }

  go.addEventListener('click', () => from.value && to.value && plan(from.value, to.value));
  if (initial) {
    const [a, b] = initial.split(';');
    const name = (id) => places.find((p) => p.id === id)?.name ?? id;
    from.value = name(a);
    to.value = name(b);
    plan(a, b);
  }
  return { plan, replan: () => last && plan(...last), clear: () => map.getSource('plan').setData(EMPTY) };
}
