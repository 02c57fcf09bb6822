// Questions asked in the viewer (see map.test.ts for how the viewer tests are split): a stored, drawn or planned
// route read against the API's answers, and issue 13's walk-through of a new user.
import './ask.cases.js'; // a stored or drawn route asked in the panel, its time rule and its downloads
import './plan.cases.js'; // planning on roads between two places
import './done-when.cases.js'; // issue 13's walk-through of a new user
