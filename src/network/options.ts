export interface NetworkOptions {
  joinToleranceKm: number;
  connectorMaxKm: number;
  passRadiusKm: number;
  townRadiusKm: number;
  excludeTypes: readonly string[];
}

/** How the road network is built from the Natural Earth lines (geodata/base/roads.geojson). */
export const NETWORK_OPTIONS: Readonly<NetworkOptions> = {
  joinToleranceKm: 1, // a line end this close to another line joins it (NE 1:10m lines stop short of junctions)
  connectorMaxKm: 15, // a place farther than this from every road gets no connector and is reported as orphaned
  passRadiusKm: 8, // … and the nearest point of every other line passing within this distance (a road through town)
  townRadiusKm: 17, // a place also joins every line end within this distance: NE lines stop at city edges
  // (Monterrey's MEX 53 stops 16.5 km north of the centre, at the MEX 40D ring)
  excludeTypes: ['Ferry Route'], // road types that are not driven
};

/** `MEX 57` (Natural Earth) and `MEX-57` (Gauntlet's highways fields) name the same road. */
export function highwayKey(ref: string): string {
  return ref.trim().toUpperCase().replace(/[\s-]+/g, '-');
}
