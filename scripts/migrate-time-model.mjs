// One-off migration (issue 8): validFrom/validTo -> observed {from, to} and ended {date, source}.
// Generic rule: observed.from = validFrom, else the earliest dated cited source; observed.to = validTo, else the
// newest dated cited source, never later than the newest cited source. A validTo becomes `ended` only where a source
// documents the end (the ENDS table). CORRECTIONS are the review's fixes (issue 8, point 6), each with its reason.
// Run once: node scripts/migrate-time-model.mjs [file.geojson …]; the geodata files are the truth afterwards.
import fs from 'node:fs';

const dir = new URL('../geodata/', import.meta.url);
const read = (f) => fs.readFileSync(new URL(f, dir), 'utf8');
const sources = new Map(JSON.parse(read('sources.json')).sources.map((s) => [s.id, s]));
const evidence = (ids) => ids.map((id) => sources.get(id)).filter((s) => s && s.date && !s.licence);

const start = (d) => { const [y, m = '01', dd = '01'] = d.split('-'); return `${y}-${m}-${dd}`; };
const end = (d) => {
  const [y, m, dd] = d.split('-'); if (dd) return d; if (!m) return `${y}-12-31`;
  return new Date(Date.UTC(Number(y), Number(m), 0)).toISOString().slice(0, 10);
};

const T42_END = { date: '2023-05-11', source: 'ic2023-fn10' }; // DHS statement of 11 May 2023 (report footnote 10)
const MPP_END = { date: '2021-06', source: 'ic2023-fn10' }; // DHS termination memo, June 2021 (footnote 10)
const MPP_RESTART_END = { date: '2022-08', source: 'ncja-2022-08-mpp-suspended' };
const CBP_ONE_END = { date: '2025-01-20', source: 'newser-2025-01-cbp-one-end' };

// key: feature id, or "portId/role/validFrom" for a role.
const ENDS = {
  'afo-baja-california-1990-2007': { date: '2007', source: 'insightcrime-2019-07-mpp-prey' },
  'cadereyta-checkpoint': { date: '2021-06', source: 'breitbart-2021-08-nl-checkpoints' },
  'reynosa-south-inm-checkpoint': { date: '2021-07', source: 'breitbart-2021-08-nl-checkpoints' },
  'sinaloa-cartel-sasabe-dominant': { date: '2023-10', source: 'insightcrime-2023-11-sonora-sasabe' },
  'flight-cbp-mcallen-el-paso': T42_END,
  'flight-cbp-mcallen-san-diego': T42_END,
  'flight-ice-brownsville-villahermosa': T42_END,
  'flight-ice-houston-villahermosa': T42_END,
  'flight-ice-laredo-villahermosa': T42_END,
  'flight-ice-mcallen-villahermosa': T42_END,
  'flight-ice-mcallen-tapachula': T42_END,
};
function roleEnd(portId, role) {
  if (role.role === 'title42-expulsion' || role.role === 'lateral-expulsion-destination') return T42_END;
  if (role.role === 'cbp-one') return CBP_ONE_END;
  if (role.role === 'mpp-return') return role.validTo === '2021-06' ? MPP_END : MPP_RESTART_END;
  return undefined;
}

const note = (p, text) => { p.notes = `${p.notes.replace(/\s+$/, '')} ${text}`; };
const addSource = (p, id) => { if (!p.sources.includes(id)) p.sources.push(id); };

// Corrections: set observed explicitly (and more) where the generic rule would keep an unsupported date.
const CORRECTIONS = {
  // Title 42 from March 2020 (fn9) at the five ports WOLA names; port-level evidence starts later.
  ...Object.fromEntries(['2504', '2402', '2301', '2303', '2604'].map((port) => [`${port}/title42-expulsion`, (r) => {
    const to = evidence(r.sources).filter((s) => s.id !== 'ic2023-fn10').map((s) => s.date).sort((a, b) => end(a).localeCompare(end(b))).pop();
    addSource(r, 'ic2023-fn9');
    addSource(r, 'wola-2022-10-title42-venezuelans');
    r.observed = { from: '2020-03', to };
    r.confidence = 'medium';
    r.notes = `${r.notes ?? ''} Title 42 expulsions began in March 2020 (report footnote 9) and Mexico accepted land expulsions of Mexicans and Northern Central Americans from then (WOLA, Oct 2022); that this port served them from March 2020 is our inference, hence medium. Ended with the order on 11 May 2023 (footnote 10).`.trim();
  }])),
  '2305/title42-expulsion': (r) => {
    r.observed = { from: '2020-03', to: '2021-12-03' };
    r.notes = `${r.notes ?? ''} The role does not end in September 2021 (that was only its article's date): last evidence is WOLA's December 2021 update; ended with the order on 11 May 2023 (footnote 10).`.trim();
  },
  '2504/mpp-return/2022-01-05': (r) => {
    r.observed = { from: '2022-01-05', to: '2022-01-05' };
    r.notes = `${r.notes ?? ''} The restarted MPP ended in August 2022, when DHS stopped new enrolments after the injunction was lifted (NCJA summary of Axios).`.trim();
  },
  '2402/mpp-return/2021-12-06': (r) => {
    r.observed = { from: '2021-12-03', to: '2021-12-03' };
    r.confidence = 'low';
    r.notes = 'Restart of MPP under court order from 6 December 2021 at one port that WOLA, writing three days before, "expected" to be El Paso; no source read confirms returns through El Paso, so low. Ended in August 2022 when DHS stopped new enrolments (NCJA summary of Axios).';
  },
  '2402/lateral-expulsion-destination': (r) => {
    r.observed = { from: '2021-03-08', to: '2021-03' };
    r.notes = `${r.notes ?? ''} Sources date the flights to March 2021 only (Reuters, Dallas Morning News); the report (2023) and the Human Rights First tracker (2021-22) describe lateral expulsions to Ciudad Juárez without dates. No longer stretched to May 2023: ended with Title 42 on 11 May 2023 at the latest.`.trim();
  },
  '2304/lateral-expulsion-destination': (r) => {
    r.observed = { from: '2021-03', to: '2021-03' };
    r.notes = `${r.notes ?? ''} Reuters (March 2021) is the only dated evidence; no longer stretched to May 2023: ended with Title 42 on 11 May 2023 at the latest.`.trim();
  },
  'flight-cbp-mcallen-el-paso': (p) => {
    p.observed = { from: '2021-03-08', to: '2021-03' };
    note(p, 'Sources document the flights in March 2021 only; no longer stretched to May 2023. Ended with Title 42 on 11 May 2023 at the latest.');
  },
  // One-off checkpoint operations: dated by the operation reported.
  'arriaga-inm-post': (p) => { p.observed = { from: '2021-11', to: '2021-11-06' }; note(p, 'Dated by the November 2021 caravan operation; no source says the post is still staffed.'); },
  'carbonera-toll-booth-checkpoint': (p) => { p.observed = { from: '2023-02', to: '2023-02-24' }; note(p, 'Dated by the February 2023 operation; no source says the post is still staffed.'); },
  'hermosillo-nogales-km146': (p) => { p.observed = { from: '2023-06-20', to: '2023-08-04' }; note(p, 'Dated by the bus checks of 20 June and 4 August 2023; no later source.'); },
  'santa-ana-inspections': (p) => { p.observed = { from: '2023-11', to: '2023-11-21' }; note(p, 'Dated by the seven-day operation reported on 21 November 2023; no later source.'); },
  'hermosillo-airport-inspections': (p) => { p.observed = { from: '2023-11', to: '2023-11-21' }; note(p, 'Dated by the seven-day operation reported on 21 November 2023; no later source.'); },
  'parral-panamericana-filter': (p) => { p.observed = { from: '2019-06', to: '2019-06-08' }; note(p, 'Dated by the June 2019 operation (about a week); no later source.'); },
  'jimenez-panamericana-filter': (p) => { p.observed = { from: '2019-06', to: '2019-06-08' }; note(p, 'Dated by the June 2019 operation (about a week); no later source.'); },
  'piedras-negras-bridges-filters': (p) => { p.observed = { from: '2019-06-19', to: '2019-07' }; note(p, 'Dated by the June 2019 deployment; no later source.'); },
  'samalayuca-army-checkpoint': (p) => { p.observed = { from: '2024-07', to: '2024-07' }; note(p, 'Its only source is from July 2024, so it no longer counts on earlier routes.'); },
  'allende-army-km53': (p) => { p.observed = { from: '2019-07', to: '2023-06' }; note(p, 'Dated from the July 2019 Milenio report to the June 2023 report; the undated El Tiempo and K911 reports add no dates.'); },
  'cadereyta-checkpoint': (p) => { p.observed = { to: '2021-06' }; },
  'reynosa-south-inm-checkpoint': (p) => { p.observed = { to: '2021-06' }; },
  // Territories.
  'gulf-cartel-metros-reynosa': (p) => {
    p.presence = 'contested';
    p.confidence = 'medium';
    p.observed = { from: '2019', to: '2023-05' };
    p.notes = "Reynosa is the Metros' base (InSight Crime, Oct 2021), but the same source and the 2023 kidnapping report describe several CDG factions there, and in April-May 2023 the Metros fought the Escorpiones in an open war (Breitbart, May 2023): contested, medium. From late 2019 migrants lacking the 'clave' proof of payment were kidnapped at the central market and held for about US$5,000. Last evidence May 2023; no source documents an end. Reynosa municipality.";
  },
  'sinaloa-cartel-chapitos-sonora-desert-2023': (p) => {
    p.observed = { from: '2023-10', to: '2023-10' };
    note(p, 'Starts in October 2023, the month of its only source, not January 2023: the source gives no earlier date.');
  },
  'sinaloa-cartel-sasabe-dominant': (p) => {
    p.observed = { to: '2023-09' };
    p.confidence = 'medium';
    note(p, 'The source says only that the Sinaloa Cartel had "long" dominated, so no start date (observed.from left out) and medium; the sole dominance ended when the Chapitos-backed cell moved in in October 2023.');
  },
  'afo-baja-california-1990-2007': (p) => { p.observed = { from: '1990', to: '2007' }; },
};

function migrate(key, p, fallbackKey) {
  const fix = CORRECTIONS[key] ?? (fallbackKey && CORRECTIONS[fallbackKey]);
  const ev = evidence(p.sources);
  const byEnd = [...ev].sort((a, b) => end(a.date).localeCompare(end(b.date)));
  const newest = byEnd.at(-1)?.date;
  const oldest = [...ev].sort((a, b) => start(a.date).localeCompare(start(b.date)))[0]?.date;
  let from = p.validFrom ?? oldest;
  let to = p.validTo ?? newest;
  if (to && newest && end(to) > end(newest)) to = newest;
  if (!to && from) to = from;
  const out = {};
  for (const [k, v] of Object.entries(p)) {
    if (k === 'validFrom' || k === 'validTo') {
      if (!('observed' in out) && to) out.observed = from ? { from, to } : { to };
      continue;
    }
    out[k] = v;
  }
  if (!('observed' in out) && to) {
    // Features that had no dates: put observed before sources.
    const entries = Object.entries(out);
    const i = entries.findIndex(([k]) => k === 'sources');
    entries.splice(i < 0 ? entries.length : i, 0, ['observed', from ? { from, to } : { to }]);
    for (const k of Object.keys(out)) delete out[k];
    Object.assign(out, Object.fromEntries(entries));
  }
  if (fix) fix(out);
  return out;
}
function placeEnded(p, ended) {
  if (!ended) return p;
  // Evidence published after the end describes the time before it: the last evidence date is the end at the latest.
  if (p.observed && end(p.observed.to) > end(ended.date)) p.observed = { ...p.observed, to: ended.date };
  const entries = Object.entries(p).filter(([k]) => k !== 'ended');
  const i = entries.findIndex(([k]) => k === 'observed');
  entries.splice(i + 1, 0, ['ended', ended]);
  return Object.fromEntries(entries);
}

const fmt = (x, inline) => {
  const s = JSON.stringify(x, null, 2);
  return `${inline ? s.replace(/\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g, (_m, inner) => `[${inner.split(/,\s*/).join(', ')}]`) : s}\n`;
};

// Files to migrate: all, or those named on the command line (a file merged from an older branch).
const only = process.argv.slice(2);
for (const [file, inline] of [['routes.geojson', true], ['checkpoints.geojson', true], ['territories.geojson', false], ['ports.geojson', false], ['expulsion-flights.geojson', false]]) {
  if (only.length && !only.includes(file)) continue;
  const fc = JSON.parse(read(file));
  for (const f of fc.features) {
    const p = f.properties;
    if (file === 'ports.geojson') {
      p.roles = p.roles.map((r) => placeEnded(migrate(`${p.id}/${r.role}/${r.validFrom}`, r, `${p.id}/${r.role}`), roleEnd(p.id, r)));
    } else {
      f.properties = placeEnded(migrate(p.id, p), ENDS[p.id]);
    }
  }
  fs.writeFileSync(new URL(file, dir), fmt(fc, inline));
}
