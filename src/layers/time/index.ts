// The one time filter: every consumer parses `as_of` and decides whether a fact holds through this module.
export * from './rule.js';
export * from './fact.js';
export * from './coverage.js';
