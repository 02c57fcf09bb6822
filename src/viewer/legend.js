import { setFilterPart } from './filters.js';
import { writeState } from './state.js';

// The legend and the layer switches are one list: each theme from /viewer/legend.json (built from the palette the
// style uses) has a checkbox that shows or hides every style layer drawn from its tile source-layers. Themes that
// share a tile layer (criminal groups and state actors both draw from `territories`) each carry a `where`
// expression: with one of them off, the shared layers keep only the features of the themes still on.

function swatch(s) {
  const el = document.createElement('span');
  el.className = 'swatch';
  const svg = (inner) => `<svg width="18" height="12" viewBox="0 0 18 12" aria-hidden="true">${inner}</svg>`;
  if (s.kind === 'fill') {
    const dash = s.dotted ? ' stroke-dasharray="1 2" stroke-linecap="round"' : s.dashed ? ' stroke-dasharray="3 2"' : '';
    el.innerHTML = svg(`<rect x="1" y="1" width="16" height="10" fill="${s.colour}" fill-opacity="${s.opacity}" stroke="${s.colour}" stroke-width="${s.dotted ? 1.6 : 1.2}"${dash}/>`);
  } else if (s.kind === 'line') {
    el.innerHTML = svg(`<line x1="1" y1="6" x2="17" y2="6" stroke="${s.colour}" stroke-width="${s.width}"${s.dashed ? ' stroke-dasharray="4 2"' : ''}/>`);
  } else {
    el.innerHTML = svg(`<circle cx="9" cy="6" r="4.5" fill="${s.colour}" fill-opacity="${s.opacity ?? 1}" stroke="${s.ring}" stroke-width="1.3"/>`);
  }
  return el;
}

/** Style layer ids drawn from the given source-layers. */
export function styleLayersOf(map, sourceLayers) {
  return map.getStyle().layers.filter((l) => sourceLayers.includes(l['source-layer'])).map((l) => l.id);
}

export function setupLegend(map, container, initial, { sections }) {
  const toggles = sections.filter((s) => s.sourceLayers.length > 0);
  const visible = new Set(initial ?? toggles.filter((s) => s.visible).map((s) => s.theme));

  const apply = () => {
    for (const layer of map.getStyle().layers) {
      const themes = toggles.filter((s) => s.sourceLayers.includes(layer['source-layer']));
      if (themes.length === 0) continue;
      const on = themes.filter((s) => visible.has(s.theme));
      // only a change: MapLibre takes an unset visibility for a change to 'visible' and parses the source's tiles again
      const wanted = on.length ? 'visible' : 'none';
      if ((map.getLayoutProperty(layer.id, 'visibility') ?? 'visible') !== wanted) map.setLayoutProperty(layer.id, 'visibility', wanted);
      // some themes of a shared layer off: keep the features of those on (a theme without `where` keeps all)
      const partial = on.length > 0 && on.length < themes.length && on.every((s) => s.where);
      setFilterPart(map, layer.id, 'theme', partial ? (on.length === 1 ? on[0].where : ['any', ...on.map((s) => s.where)]) : undefined);
    }
  };

  for (const s of sections) {
    const block = document.createElement('div');
    block.className = 'theme';
    block.dataset.theme = s.theme;
    const head = document.createElement('label');
    if (s.sourceLayers.length > 0) {
      const box = Object.assign(document.createElement('input'), { type: 'checkbox', checked: visible.has(s.theme), name: `layer-${s.theme}` });
      box.addEventListener('change', () => {
        if (box.checked) visible.add(s.theme);
        else visible.delete(s.theme);
        apply();
        writeState({ layers: toggles.filter((t) => visible.has(t.theme)).map((t) => t.theme) });
      });
      head.append(box);
    }
    head.append(Object.assign(document.createElement('strong'), { textContent: s.title }));
    const list = document.createElement('ul');
    for (const e of s.entries) {
      const li = document.createElement('li');
      li.dataset.key = e.key;
      li.append(swatch(e.swatch), Object.assign(document.createElement('span'), { textContent: e.label }));
      list.append(li);
    }
    block.append(head, list);
    container.append(block);
  }
  apply();
  return {
    visibleThemes: () => [...visible],
    /** The data layers on (for /static): tile layers derived at build (label points) are not data layers. */
    visibleSourceLayers: () => [...new Set(toggles.filter((t) => visible.has(t.theme)).flatMap((t) => t.sourceLayers))].filter((l) => l !== 'territory-labels'),
  };
}
