// The search box: names of places and thematic features (the entries of /viewer/search.json, which main.js fetches
// before the map: a route link opens at its route's box), matched without accents or case; picking one flies there
// and, for a feature, opens its popup.

const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const KIND = { places: 'place', routes: 'route', checkpoints: 'checkpoint', ports: 'port', territories: 'territory', 'expulsion-flights': 'flight' };

export function setupSearch(map, input, list, entries, { onPick }) {
  for (const e of entries) e.key = fold(`${e.name} ${e.detail ?? ''}`);
  let matches = [];
  let active = -1;

  const render = () => {
    list.replaceChildren(
      ...matches.map((e, i) => {
        const li = document.createElement('li');
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', String(i === active));
        li.append(e.name, Object.assign(document.createElement('span'), { className: 'kind', textContent: `${KIND[e.layer]}${e.detail ? ` · ${e.detail}` : ''}` }));
        li.addEventListener('mousedown', (ev) => {
          ev.preventDefault();
          pick(e);
        });
        return li;
      }),
    );
    list.hidden = matches.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
  };

  const pick = (e) => {
    input.value = e.name;
    matches = [];
    render();
    const [w, s, east, n] = e.bbox;
    if (w === east && s === n) map.flyTo({ center: [w, s], zoom: Math.max(map.getZoom(), 9) });
    else map.fitBounds([[w, s], [east, n]], { padding: 60, maxZoom: 10 });
    onPick(e);
  };

  input.addEventListener('input', () => {
    const q = fold(input.value.trim());
    active = -1;
    if (q.length < 2) matches = [];
    else {
      const words = q.split(/\s+/);
      matches = entries
        .filter((e) => words.every((w) => e.key.includes(w)))
        .sort((a, b) => Number(!fold(a.name).startsWith(words[0])) - Number(!fold(b.name).startsWith(words[0])) || a.name.length - b.name.length)
        .slice(0, 12);
    }
    render();
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      if (matches.length === 0) return;
      ev.preventDefault();
      active = (active + (ev.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length;
      render();
    } else if (ev.key === 'Enter' && matches.length > 0) pick(matches[Math.max(active, 0)]);
    else if (ev.key === 'Escape') {
      matches = [];
      render();
    }
  });
  input.addEventListener('blur', () => {
    matches = [];
    render();
  });
}
