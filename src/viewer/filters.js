// A style layer's filter, composed of named parts set by different controls: the style's own filter, the time rule
// (from the server's style for that rule) and the theme switches (criminal groups and state actors share the
// `territories` tile layer). Each control replaces only its part; the layer gets all of them.

const parts = new Map(); // layer id -> Map(part name -> expression)

/** Sets one part of a layer's filter; the filter the layer had before any part was set is its `style` part. */
export function setFilterPart(map, layerId, part, expression) {
  if (!parts.has(layerId)) {
    const own = map.getFilter(layerId);
    parts.set(layerId, new Map(own ? [['style', own]] : []));
  }
  const mine = parts.get(layerId);
  if (expression === undefined || expression === null) mine.delete(part);
  else mine.set(part, expression);
  const all = [...mine.values()];
  const filter = all.length === 0 ? null : all.length === 1 ? all[0] : ['all', ...all];
  // only a change: any setFilter (null on a layer without one too) has MapLibre parse the source's tiles again
  if (JSON.stringify(map.getFilter(layerId) ?? null) !== JSON.stringify(filter)) map.setFilter(layerId, filter);
}
