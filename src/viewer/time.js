import { setFilterPart } from './filters.js';
import { writeState } from './state.js';
import { words } from './popup.js';

// The time control: one time rule for the map and the exposure requests alike, the API's own `as_of`: "latest"
// (the default) shows what holds today; a month on the slider shows what held on its first day; a policy period
// (from GET /policies) shows every fact that held at any time in it; "all" ignores dates. The map is not filtered
// here: the server's style for the rule (`/styles/gauntlet/style.json?as_of=RULE`, built by src/tiles/time-filter.ts,
// the same test as the API's) gives each layer its date filter; ports are one layer per role, so a role's
// colour shows exactly where its dated filter keeps it.

const today = () => new Date().toISOString().slice(0, 10);

const monthIndex = (ym) => {
  const [y, m] = ym.split('-').map(Number);
  return y * 12 + (m - 1);
};
const monthOf = (i) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
/** Slider moves closer together than this ask the server for one style, not one per month passed. */
const SETTLE_MS = 120;

/** A policy's short name for its button: "title42" → "Title 42", "mpp-restart" → "MPP restart". */
export function policyShortName(id) {
  return id.split('-').map((w) => (/^(mpp|cbp)$/.test(w) ? w.toUpperCase() : w.replace(/^title(\d+)$/, 'Title $1').replace(/^one$/, 'One'))).join(' ');
}

/** `initialLayers`: the style layers the map was created with, served for the rule `initial`. */
export function setupTime(map, container, { initial, initialLayers, policies, firstMonth, onChange }) {
  const last = monthIndex(today().slice(0, 7));
  const first = monthIndex(firstMonth);
  const policyById = new Map(policies.map((p) => [p.id, p]));
  // Each layer's filter from the served style for the rule (its own filter and the rule's, as one) is its `style`
  // part; the theme switches add theirs beside it (filters.js).
  const styleLayers = new Set(map.getStyle().layers.filter((l) => l.source === 'gauntlet').map((l) => l.id));
  let rule = initial ?? 'latest';
  let applied = initialLayers ? rule : undefined; // the rule the map shows
  const styles = new Map(initialLayers ? [[rule, Promise.resolve(initialLayers)]] : []); // rule -> the server's style layers for it

  const label = document.createElement('output');
  const slider = Object.assign(document.createElement('input'), { type: 'range', min: String(first), max: String(last + 1), step: '1', id: 'time-slider' });
  slider.setAttribute('aria-label', 'Date shown on the map');
  const all = Object.assign(document.createElement('input'), { type: 'checkbox', id: 'time-all' });
  const latest = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Latest', id: 'time-latest' });

  // Policy periods as bands under the slider, one lane each, and as buttons that set the rule to the policy.
  const bands = document.createElement('div');
  bands.className = 'periods';
  bands.style.height = `${policies.length * 4 + 2}px`;
  const list = document.createElement('ul');
  list.className = 'period-list';
  const span = last + 1 - first;
  policies.forEach((p, lane) => {
    const a = Math.max(first, monthIndex(p.from.slice(0, 7)));
    const b = Math.min(last + 1, p.to ? monthIndex(p.to.slice(0, 7)) + 1 : last + 1);
    const band = document.createElement('i');
    band.dataset.policy = p.id;
    band.title = `${p.name}: ${words(p.from)} – ${p.to ? words(p.to) : 'no documented end'}`;
    band.style.cssText = `left:${((a - first) / span) * 100}%;width:${Math.max(0.6, ((b - a) / span) * 100)}%;top:${lane * 4}px`;
    bands.append(band);
    const jump = Object.assign(document.createElement('button'), { type: 'button', textContent: `${policyShortName(p.id)} ${p.from.slice(0, 4)}–${p.to ? p.to.slice(0, 4) : ''}`, title: band.title });
    jump.dataset.policy = p.id;
    jump.addEventListener('click', () => set(p.id));
    list.append(document.createElement('li'));
    list.lastChild.append(jump);
  });
  const ticks = document.createElement('div');
  ticks.className = 'ticks';
  for (let y = Math.ceil(first / 12 / 5) * 5; y * 12 <= last; y += 5) {
    const t = Object.assign(document.createElement('span'), { textContent: String(y) });
    t.style.left = `${((y * 12 - first) / span) * 100}%`;
    ticks.append(t);
  }

  const allLabel = Object.assign(document.createElement('label'), { htmlFor: 'time-all', textContent: ' all dates', style: 'display:inline;font-weight:400' });
  const showing = Object.assign(document.createElement('div'), { className: 'row' });
  showing.append('Showing: ', label);
  const buttons = Object.assign(document.createElement('div'), { className: 'row' });
  buttons.append(latest, all, allLabel);
  container.append(
    Object.assign(document.createElement('h2'), { textContent: 'Time' }),
    showing, slider, bands, ticks, buttons,
    Object.assign(document.createElement('p'), { className: 'note', textContent: 'Policy periods (GET /policies): a period shows every fact that held at any time in it.' }),
    list,
  );

  function dateOf(r) {
    if (r === 'latest') return today();
    if (policyById.has(r)) return policyById.get(r).from;
    if (/^\d{4}$/.test(r)) return `${r}-01-01`;
    if (/^\d{4}-\d{2}$/.test(r)) return `${r}-01`;
    return r;
  }

  async function styleFor(r) {
    if (!styles.has(r)) {
      styles.set(r, fetch(`/styles/gauntlet/style.json?as_of=${encodeURIComponent(r)}`).then(async (res) => {
        if (!res.ok) throw new Error(`style for as_of=${r}: HTTP ${res.status}`);
        return (await res.json()).layers;
      }));
    }
    return styles.get(r);
  }

  /** Gives the map the server's filters and timed paint for the rule. */
  async function applyMap(r) {
    let layers;
    try {
      layers = await styleFor(r);
    } catch (err) {
      // a rule the server refuses (a bad t= in a link): say so and show the latest facts instead
      styles.delete(r);
      if (r === 'latest') throw err;
      rule = 'latest';
      showControls();
      label.textContent = `${describe()}; "${r}" is not a time rule the server knows`;
      return applyMap('latest');
    }
    if (r !== rule || applied === r) return;
    for (const l of layers) {
      if (!styleLayers.has(l.id)) continue;
      setFilterPart(map, l.id, 'style', l.filter);
    }
    applied = r;
    map.fire('gauntlet:time', { rule: r });
  }

  function showControls() {
    all.checked = rule === 'all';
    slider.disabled = rule === 'all';
    slider.value = String(rule === 'latest' || rule === 'all' ? last + 1 : monthIndex(dateOf(rule).slice(0, 7)));
    label.textContent = describe();
    for (const b of [...bands.children, ...list.querySelectorAll('button')]) b.classList.toggle('on', b.dataset.policy === rule);
    writeState({ t: rule === 'latest' ? undefined : rule });
  }

  let settle; // the slider's change, waiting for the hand to rest
  let change = Promise.resolve(); // the last change: on the map, and handed to onChange (a re-asked route)
  function apply(r) {
    settle = undefined;
    change = applyMap(r).then(() => onChange?.(rule));
    change.catch(() => undefined); // the map and the panel say what failed
    return change;
  }
  function set(r, { now = true } = {}) {
    rule = r;
    showControls();
    clearTimeout(settle);
    if (now) return apply(r);
    settle = setTimeout(() => apply(r), SETTLE_MS);
    return undefined;
  }

  slider.addEventListener('input', () => {
    const i = Number(slider.value);
    set(i > last ? 'latest' : `${monthOf(i)}-01`, { now: false });
  });
  latest.addEventListener('click', () => set('latest'));
  all.addEventListener('change', () => set(all.checked ? 'all' : 'latest'));

  function describe(asOf) {
    if (rule === 'all') return 'all dates';
    if (rule === 'latest') return `latest (${words(/^\d{4}-\d{2}-\d{2}$/.test(asOf ?? '') ? asOf : today())})`;
    const p = policyById.get(rule);
    if (p) return `${p.name}, ${words(p.from)} – ${p.to ? words(p.to) : 'today'}`;
    if (/^\d{4}(-\d{2})?$/.test(rule)) return `in ${words(rule)} (facts that held at any time in it)`;
    return `as of ${words(rule)}`;
  }

  showControls();
  const ready = applyMap(rule);
  return {
    /** The rule as the API's as_of: undefined for latest (the API's default). */
    rule: () => (rule === 'latest' ? undefined : rule),
    value: () => rule,
    /** Resolves once the map shows the current rule and what depends on it has followed; a pending slider move is applied now. */
    settled: () => {
      if (settle !== undefined) {
        clearTimeout(settle);
        return apply(rule);
      }
      return applied === rule ? change : applyMap(rule);
    },
    ready,
    set,
    describe,
    policies,
  };
}
