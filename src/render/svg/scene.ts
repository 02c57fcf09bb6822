import type { Viewport } from '../camera.js';
import type { Screen } from '../screen.js';
import type { Box } from './labels.js';

/** What the map shows, collected while drawing, so the legend lists only what is in the picture. */
export interface LegendKeys {
  groups: Map<string, string>; // group id -> group name, criminal territories in view
  stateActors: Map<string, string>; // group id -> name, areas of abuse by officials (`actor: "state"`) in view
  presences: Set<string>;
  agencies: Set<string>; // checkpoints in view (not counting the numbered ones of a route)
  portRoles: Set<string>; // the colour role of each port in view ("none" for ports without a role on the date)
  corridors: Set<string>;
  flightKinds: Set<string>;
  base: Set<'roads' | 'railroads' | 'airports' | 'migrant-deaths' | 'municipalities'>;
  lowConfidence: boolean; // some feature was drawn faded for `confidence: low`
}

/** The state the layer drawers share: where things land and what they drew. */
export interface Scene {
  viewport: Viewport;
  screen: Screen;
  asOf: string;
  keys: LegendKeys;
  /** What the legend should not cover, as flat [x, y, weight] triples: a checkpoint weighs more than an outline. */
  keepClear: number[];
  /** Symbols drawn (checkpoints, ports, markers) that labels must not cover. */
  occupied: Box[];
}

/** How much covering each kind of thing costs the legend. */
export const WEIGHT = { outline: 1, line: 3, symbol: 10 } as const;

export function keep(scene: Scene, x: number, y: number, weight: number): void {
  scene.keepClear.push(x, y, weight);
}

export function emptyKeys(): LegendKeys {
  return {
    groups: new Map(),
    stateActors: new Map(),
    presences: new Set(),
    agencies: new Set(),
    portRoles: new Set(),
    corridors: new Set(),
    flightKinds: new Set(),
    base: new Set(),
    lowConfidence: false,
  };
}
