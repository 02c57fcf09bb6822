// Every test that drives headless Chromium, in one file: they share one Gauntlet server and one browser (see
// test/support/browser.ts), which cost more to start than most of these tests take to run. Each module holds the
// tests of one part of the viewer, in the order they run; run one part with `-t`, e.g.
// `npx vitest run test/viewer/chromium.test.ts -t 'time control'`.
import './maplibre.cases.js'; // MapLibre draws every layer, from the XYZ endpoints and the PMTiles archive
import '../render/maplibre-vs-png.cases.js'; // the web map and the PNG renderer agree on colours
import './viewer.cases.js'; // legend switches, search, popups, the index of what is served
import './time.cases.js'; // the time control against the API's as_of
import './ask.cases.js'; // a stored or drawn route asked in the panel, and its downloads
import './plan.cases.js'; // planning on roads between two places
import './done-when.cases.js'; // issue 13's walk-through of a new user
