// One zod schema per record kind: the only definition of Gauntlet's data types.
export * from './common.js';
export * from './source.js';
export * from './place.js';
export * from './route.js';
export * from './checkpoint.js';
export * from './territory.js';
export * from './port.js';
export * from './expulsion-flight.js';
export * from './policy.js';
export * from './base.js';
