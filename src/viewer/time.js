import { writeState } from './state.js';
import { words } from './popup.js';

// The time control: one time rule for the map and the exposure requests alike. "latest" (the default) shows what
// holds today; a month on the slider shows what held on its first day; "all" ignores dates. Policy periods are
// marked under the slider and can be jumped to.

const today = () => new Date().toISOString().slice(0, 10);

const monthIndex = (ym) => {
  const [y, m] = ym.split('-').map(Number);
  return y * 12 + (m - 1);
};
const monthOf = (i) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/**
 * A MapLibre filter: features that hold on some day of [from, to] (YYYY-MM-DD). Tiles carry either the
 * evidence fields (observedFrom, endedOn as yyyymmdd numbers) or validity dates (validFromDate, validToDate
 * as strings); each test is void where its field is absent, so open ends hold forever.
 */
export function dateFilter(from, to = from) {
  const num = (d) => Number(d.replace(/-/g, ''));
  const atMost = (field, v) => ['any', ['!', ['has', field]], ['<=', ['get', field], v]];
  const atLeast = (field, v) => ['any', ['!', ['has', field]], ['>=', ['get', field], v]];
  return ['all', atMost('observedFrom', num(to)), atLeast('endedOn', num(from)), atMost('validFromDate', to), atLeast('validToDate', from)];
}

const DATED = ['territories', 'checkpoints', 'routes', 'expulsion-flights'];

export function setupTime(map, container, { initial, periods, firstMonth, onChange }) {
  const last = monthIndex(today().slice(0, 7));
  const first = monthIndex(firstMonth);
  // The style's own filters, kept so the time filter is combined with them, not put in their place.
  const baseFilters = new Map(map.getStyle().layers.filter((l) => DATED.includes(l['source-layer'])).map((l) => [l.id, l.filter]));
  let rule = initial ?? 'latest';

  const label = document.createElement('output');
  const slider = Object.assign(document.createElement('input'), { type: 'range', min: String(first), max: String(last + 1), step: '1', id: 'time-slider' });
  slider.setAttribute('aria-label', 'Date shown on the map');
  const all = Object.assign(document.createElement('input'), { type: 'checkbox', id: 'time-all' });
  const latest = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Latest', id: 'time-latest' });

  const bands = document.createElement('div');
  bands.className = 'periods';
  const list = document.createElement('ul');
  list.className = 'period-list';
  const span = last + 1 - first;
  for (const p of periods) {
    const a = Math.max(first, monthIndex(p.from.slice(0, 7)));
    const b = Math.min(last + 1, p.to ? monthIndex(p.to.slice(0, 7)) : last + 1);
    const band = document.createElement('i');
    band.title = `${p.title}: ${words(p.from)} – ${p.to ? words(p.to) : 'today'}`;
    band.style.cssText = `left:${((a - first) / span) * 100}%;width:${Math.max(0.6, ((b - a) / span) * 100)}%;background:${p.colour};top:${(p.lane ?? 0) * 3}px`;
    bands.append(band);
    const years = `${p.from.slice(0, 4)}–${p.to ? p.to.slice(0, 4) : ''}`;
    const jump = Object.assign(document.createElement('button'), { type: 'button', textContent: `${p.title} ${years}`, title: band.title });
    jump.style.borderLeft = `6px solid ${p.colour}`;
    jump.addEventListener('click', () => set(p.from.length === 7 ? `${p.from}-01` : p.from.slice(0, 10).padEnd(10, '-01').slice(0, 10)));
    list.append(Object.assign(document.createElement('li'), {}));
    list.lastChild.append(jump);
  }
  const ticks = document.createElement('div');
  ticks.className = 'ticks';
  for (let y = Math.ceil(first / 12 / 5) * 5; y * 12 <= last; y += 5) {
    const t = Object.assign(document.createElement('span'), { textContent: String(y) });
    t.style.left = `${((y * 12 - first) / span) * 100}%`;
    ticks.append(t);
  }

  const allLabel = Object.assign(document.createElement('label'), { htmlFor: 'time-all', textContent: ' all dates', style: 'display:inline;font-weight:400' });
  container.append(
    Object.assign(document.createElement('h2'), { textContent: 'Time' }),
    Object.assign(document.createElement('div'), { className: 'row' }),
    slider, bands, ticks,
    Object.assign(document.createElement('div'), { className: 'row', innerHTML: '' }),
    list,
  );
  container.children[1].append('Showing: ', label);
  container.children[5].append(latest, all, allLabel);

  function dateOf(r) {
    if (r === 'latest') return today();
    if (/^\d{4}$/.test(r)) return `${r}-01-01`;
    if (/^\d{4}-\d{2}$/.test(r)) return `${r}-01`;
    return r;
  }

  function apply() {
    const date = rule === 'all' ? undefined : dateOf(rule);
    for (const [id, base] of baseFilters) {
      const f = date ? (base ? ['all', base, dateFilter(date)] : dateFilter(date)) : base ?? null;
      map.setFilter(id, f);
    }
    all.checked = rule === 'all';
    slider.disabled = rule === 'all';
    slider.value = String(rule === 'latest' || rule === 'all' ? last + 1 : monthIndex(dateOf(rule).slice(0, 7)));
    label.textContent = describe();
    writeState({ t: rule === 'latest' ? undefined : rule });
  }

  function set(r) {
    rule = r;
    apply();
    onChange?.(rule);
  }

  slider.addEventListener('input', () => {
    const i = Number(slider.value);
    set(i > last ? 'latest' : `${monthOf(i)}-01`);
  });
  latest.addEventListener('click', () => set('latest'));
  all.addEventListener('change', () => set(all.checked ? 'all' : 'latest'));

  function describe(asOf) {
    if (rule === 'all') return 'all dates';
    if (rule === 'latest') return `latest (${words(asOf ?? today())})`;
    return `as of ${words(dateOf(rule))}`;
  }

  apply();
  return {
    /** The rule as the API's as_of: undefined for latest (the API's default). */
    rule: () => (rule === 'latest' ? undefined : rule === 'all' ? 'all' : dateOf(rule)),
    value: () => rule,
    set,
    describe,
  };
}
