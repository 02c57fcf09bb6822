// The viewer read as a map (see map.test.ts for how the viewer tests are split): legend switches, search and
// popups, on one page each test hands to the next (after a failure the next test opens its link anew); then
// issue 13's walk-through of a new user, on a page of its own.
import './viewer.cases.js'; // legend switches, search, popups
import './done-when.cases.js'; // issue 13's walk-through of a new user
