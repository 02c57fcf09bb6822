// The index of what the server publishes (as tileserver-gl's front page): read from /catalog and /layers, so it
// lists exactly what is served.

const cell = (...children) => {
  const td = document.createElement('td');
  td.append(...children);
  return td;
};
const link = (href, text) => Object.assign(document.createElement('a'), { href, textContent: text ?? href });
const code = (text) => Object.assign(document.createElement('code'), { textContent: text });
const row = (table, ...cells) => {
  const tr = document.createElement('tr');
  tr.append(...cells);
  document.getElementById(table).append(tr);
  return tr;
};

const [catalog, layers, legend] = await Promise.all(['/catalog', '/layers', '/viewer/legend.json'].map((u) => fetch(u).then((r) => r.json())));
// A source previews in the viewer with the themes drawing its layers switched on.
const themesOf = (ids) => legend.sections.filter((s) => s.sourceLayers.some((l) => ids.includes(l))).map((s) => s.theme);

for (const s of catalog.sources) {
  const themes = themesOf(s.layers);
  const preview = s.id === 'gauntlet' ? '/' : themes.length ? `/?layers=${themes.join(',')}` : undefined;
  row(
    'sources',
    cell(code(s.id)),
    cell(s.layers.join(', ')),
    cell(`${s.minzoom}–${s.maxzoom}`),
    cell(link(`/tiles/${s.id}.json`, 'TileJSON')),
    cell(code(`/tiles/${s.id}/{z}/{x}/{y}.mvt`)),
    cell(...(preview ? [link(preview, 'viewer'), ' · '] : []), link(`/static/auto/1024x768.png?layers=${s.id === 'gauntlet' ? '' : s.layers.join(',')}`.replace(/\?layers=$/, ''), 'PNG')),
  ).dataset.source = s.id;
}

const head = await fetch('/tiles/gauntlet.pmtiles', { method: 'HEAD' });
row(
  'archive',
  cell(link('/tiles/gauntlet.pmtiles', 'tiles/gauntlet.pmtiles'), ' (PMTiles v3, HTTP range requests)'),
  cell(head.ok ? `${(Number(head.headers.get('content-length')) / 1e6).toFixed(1)} MB` : 'not built: run npm run build'),
  cell(head.ok ? link('/?archive=1', 'viewer reading the archive') : ''),
);

for (const l of layers.layers) {
  const count = cell(String(l.featureCount));
  count.className = 'num';
  row('layers', cell(code(l.id)), cell(l.title), count, cell(link(l.href, 'GeoJSON')));
}
