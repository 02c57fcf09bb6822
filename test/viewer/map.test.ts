// The viewer tests are split over three files the two vitest workers share; each file has one Gauntlet server and
// one browser (see test/support/browser.ts), and its modules run in the order below, some tests going on with the
// page the one before left. This one: the web map and the PNG, the pages that list what is served, a port's popup,
// the time control, and MapLibre drawing every layer. Run one part with `-t`, e.g.
// `npx vitest run test/viewer/map.test.ts -t 'time control'`.
import '../render/maplibre-vs-png.cases.js'; // the web map and the PNG renderer agree on colours
import './served.cases.js'; // the index of what is served
import './time.cases.js'; // a port's roles by period; the time control against the API's as_of
import './maplibre.cases.js'; // MapLibre draws every layer, from the XYZ endpoints and the PMTiles archive
