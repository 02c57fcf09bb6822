// The viewer read as a map (see map.test.ts for how the viewer tests are split): legend switches, search and
// popups, on one page each test hands to the next (after a failure the next test opens its link anew).
import './viewer.cases.js'; // legend switches, search, popups
