// vt-pbf ships no types; only the function Gauntlet calls is declared.
declare module 'vt-pbf' {
  export function fromGeojsonVt(
    layers: Record<string, { features: unknown[] }>,
    options?: { version?: number; extent?: number },
  ): Uint8Array;
}
declare module 'vt-pbf' {
  export function fromVectorTileJs(tile: { layers: Record<string, unknown> }): Uint8Array;
}
