import { COARSE_EXTENTS, EXTENT_WORDS, period, words } from './popup.js';
import { policyShortName } from './time.js';

// The parts of the exposure panel that say how solid the answer is (issue 9) and how it changed over time
// (issue 8): the likely – possible band, what the figure rests on (coarse extents, low confidence, stale or
// inferred facts, the time rule's own warnings), state actors apart from criminal groups, the sources behind
// each passage, and the timeline over policy periods. Every figure is the API's; nothing is recomputed here.

export const el = (tag, props = {}, ...children) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children.filter((c) => c !== undefined && c !== null && c !== false));
  return e;
};
export const km = (x) => (Math.round(x * 10) / 10).toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
export const pct = (x) => `${Math.round(x * 100)}%`;
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const agree = (a, b) => Math.abs(a - b) < 0.05;

/** "likely 10.0 km – possible 25.8 km", or one figure when the two bands agree. */
export function band(likelyKm, possibleKm) {
  return agree(likelyKm, possibleKm) ? `${km(possibleKm)} km (likely and possible alike)` : `likely ${km(likelyKm)} km – possible ${km(possibleKm)} km`;
}

/** The headline: criminal groups' km as a band, checkpoints with how many are at known positions. */
export function headline(s) {
  const cp = s.possible.checkpointsPassed;
  const checkpoints = cp === 0 ? 'passes no checkpoint' : `passes ${plural(cp, 'checkpoint')}${s.likely.checkpointsPassed !== cp ? ` (${s.likely.checkpointsPassed} of them likely: high confidence at a known position)` : ''}`;
  if (s.groupsCrossed === 0) return `Crosses no mapped criminal-group territory; ${checkpoints}.`;
  const [l, p] = [s.likely, s.possible];
  const same = agree(l.kmInTerritory, p.kmInTerritory);
  const figure = same ? `${km(p.kmInTerritory)} km` : `likely ${km(l.kmInTerritory)} km – possible ${km(p.kmInTerritory)} km`;
  const share = same ? pct(p.shareInTerritory) : `${pct(l.shareInTerritory)} – ${pct(p.shareInTerritory)}`;
  return `Crosses the territory of ${plural(s.groupsCrossed, 'criminal group')} over ${figure} (${share} of the route${same ? '; likely and possible alike' : ''}); ${checkpoints}.`;
}

/**
 * What the figures rest on, in words: the part of the km over coarse extents and over low or medium confidence,
 * stale facts, inferred checkpoint positions, the time rule's warnings. Empty when the answer rests on solid ground.
 */
export function caveats(x, { passages, checkpoints, stateAreas }) {
  const s = x.summary;
  const b = s.bands;
  const out = [];
  if (b.byExtent.coarse.km > 0.05) {
    const coarse = passages.filter((f) => COARSE_EXTENTS.has(f.properties.extentBasis));
    const names = [...new Set(coarse.map((f) => `${f.properties.groupName} (${EXTENT_WORDS[f.properties.extentBasis]})`))].join('; ');
    out.push(`${km(b.byExtent.coarse.km)} km rest on coarse extents, an area larger than what its sources place: ${names}.`);
  }
  const lowKm = b.byConfidence.all.km - b.byConfidence.highMedium.km;
  const mediumKm = b.byConfidence.highMedium.km - b.byConfidence.high.km;
  if (lowKm > 0.05) out.push(`${km(lowKm)} km rest on low-confidence evidence only.`);
  if (mediumKm > 0.05) out.push(`${km(mediumKm)} km rest on medium-confidence evidence.`);
  const stale = [...passages, ...stateAreas, ...checkpoints].filter((f) => f.properties.stale);
  if (stale.length) {
    const list = [...new Map(stale.map((f) => [f.properties.id, `${f.properties.name ?? f.properties.groupName} (last ${words(f.properties.observed?.to) || 'undated'})`])).values()];
    out.push(`Stale, no evidence in the last ${x.time.staleAfterMonths} months, shown as last known and not confirmed since: ${list.join('; ')}.`);
  }
  const inferred = checkpoints.filter((f) => f.properties.locationPrecision === 'segment' || f.properties.confidence === 'low');
  if (inferred.length) out.push(`${plural(inferred.length, 'checkpoint')} at an inferred position or on low-confidence evidence: ${inferred.map((f) => f.properties.name).join('; ')}.`);
  for (const w of x.time.warnings ?? []) out.push(`Time rule: ${w}.`.replace(/\.\.$/, '.'));
  return out;
}

/** The policies in force under the answer's time rule, from the API's time block. */
export function policiesLine(x) {
  const ps = x.time.policies ?? [];
  return ps.length ? `Policies in force: ${ps.map((p) => `${p.name}: ${period(p.from, p.to)}`).join('; ')}.` : 'No documented border policy in force on this date.';
}

/** State actors, apart from criminal groups (issue 9): checkpoints and areas of documented abuse by officials. */
export function stateActorsPart(x, stateAreas, table) {
  const st = x.summary.stateActors;
  const box = el('div', { className: 'state-actors' });
  box.append(
    el('p', {
      className: 'answer',
      textContent:
        `State actors: ${plural(st.checkpointsPassed, 'checkpoint')} passed` +
        (st.areasCrossed ? `; ${plural(st.areasCrossed, 'area')} of documented abuse by officials over ${band(st.likely.km, st.possible.km)}.` : '; no area of documented abuse by officials crossed.'),
    }),
  );
  if (stateAreas.length) {
    box.append(table(['#', 'area', 'entry km', 'exit km', 'km', 'confidence', 'extent'], stateAreas.map((f, i) => ({
      row: f.properties.row,
      cells: [String(i + 1), f.properties.groupName ?? f.properties.name ?? f.properties.id, km(f.properties.entryKm), km(f.properties.exitKm), km(f.properties.lengthKm), f.properties.confidence, f.properties.extentBasis],
    }))));
  }
  return box;
}

/** The sources behind the answer: each cited source once, as a titled link, with the features citing it. */
export function sourcesPart(features, sources) {
  const cited = new Map();
  for (const f of features) {
    for (const id of f.properties.sources ?? []) {
      if (!cited.has(id)) cited.set(id, new Set());
      cited.get(id).add(f.properties.name ?? f.properties.groupName ?? f.properties.id);
    }
  }
  if (cited.size === 0) return el('p', { className: 'note', textContent: 'No source: nothing was found along the route.' });
  return el('ul', { className: 'sources' }, ...[...cited].map(([id, by]) => {
    const s = sources.get(id);
    const title = s?.url ? el('a', { href: s.url, target: '_blank', rel: 'noopener', textContent: s.title, className: 'source-link' }) : el('span', { textContent: s?.title ?? id });
    title.dataset.source = id;
    const meta = s ? [s.publisher, s.date].filter(Boolean).join(', ') : '';
    return el('li', {}, title, meta ? ` (${meta})` : '', el('span', { className: 'note', textContent: ` — for ${[...by].join('; ')}` }));
  }));
}

/** The timeline rows (one per policy period or year, each under its own rule), as a table. */
export function timelineTable(rows, { policyNames, onPick }) {
  return el('table', { className: 'timeline' },
    el('thead', {}, el('tr', {}, ...['period', 'dates', 'groups crossed', 'likely km', 'possible km', 'checkpoints', 'state-actor km'].map((h) => el('th', { textContent: h, className: h.endsWith('km') || h.startsWith('check') ? 'num' : '' })))),
    el('tbody', {}, ...rows.map((t) => {
      const s = t.summary;
      const tr = el('tr', { title: `Policies then: ${t.policies.map((p) => policyNames.get(p) ?? p).join('; ') || 'none documented'}` },
        el('td', {}, onPick ? el('button', { type: 'button', className: 'period-pick', textContent: policyNames.has(t.period) ? policyShortName(t.period) : t.period, title: policyNames.get(t.period) ?? t.period, onclick: () => onPick(t.period) }) : t.period),
        el('td', { textContent: t.from && t.to ? `${words(t.from.slice(0, 7))} – ${words(t.to.slice(0, 7))}` : 'all dates' }),
        el('td', { textContent: t.groups.map((g) => g.groupName).join(', ') || 'none' }),
        el('td', { className: 'num', textContent: km(s.likely.kmInTerritory) }),
        el('td', { className: 'num', textContent: km(s.possible.kmInTerritory) }),
        el('td', { className: 'num', textContent: String(s.possible.checkpointsPassed) }),
        el('td', { className: 'num', textContent: km(s.stateActors.possible.km) }));
      tr.dataset.period = t.period;
      return tr;
    })));
}
