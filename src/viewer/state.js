// The shareable state lives in the URL: the view in the hash (MapLibre's own #zoom/lat/lon), everything else in
// the query string, rewritten in place (replaceState) so Back does not replay every toggle.
//   layers=territories,ports,…  visible themes (absent: the defaults)
//   t=latest|YYYY|YYYY-MM|YYYY-MM-DD|all   the time rule
//   sel=layer/featureId          the feature whose popup is open
//   route=id | draw=lon,lat;lon,lat…   the asked route; port=CBP code for the expulsion question

const params = () => new URLSearchParams(location.search);

export function readState() {
  const p = params();
  const list = (k) => (p.has(k) ? p.get(k).split(',').filter(Boolean) : undefined);
  const drawn = p.get('draw');
  return {
    layers: list('layers'),
    time: p.get('t') ?? undefined,
    selection: p.get('sel') ?? undefined,
    route: p.get('route') ?? undefined,
    drawn: drawn ? drawn.split(';').map((pair) => pair.split(',').map(Number)).filter((c) => c.length === 2 && c.every(Number.isFinite)) : undefined,
    port: p.get('port') ?? undefined,
    archive: p.has('archive'),
  };
}

/** Sets (or, for undefined/null, removes) query parameters, keeping the hash. */
export function writeState(changes) {
  const p = params();
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === null || v === '') p.delete(k);
    else p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const query = p.toString().replace(/%2C/g, ',').replace(/%2F/g, '/').replace(/%3B/g, ';');
  history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
}
