// Routes asked in the viewer (see map.test.ts for how the viewer tests are split): a stored, drawn or planned
// route read against the API's answers, on the page the route's link opened, each test going on with it.
import './ask.cases.js'; // a stored or drawn route asked in the panel, its time rule and its downloads
import './plan.cases.js'; // planning on roads between two places
