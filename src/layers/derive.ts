import type { BuiltLayers, LayerFeature, ParsedLayers } from './features.js';
import { fileOf } from './catalog.js';
import { checkGeometry } from './geometry-checks.js';
import type { Report } from './parse.js';
import { areaKm2, buildTerritoryGeometry, unitLookup, unknownUnits } from './territory-geometry.js';

// Stage 3 of loading, after the rules: geometry Gauntlet derives rather than reads. This is the one place a
// territory's polygon is made (from its units); a later step that reshapes it (clipping to land, to Mexico) belongs
// in `territoryGeometry` below, so validation, tiles, exposure and images all see the same polygon.

/** A territory's served polygon, from its units. Throws when the units do not make one. */
function territoryGeometry(units: Parameters<typeof buildTerritoryGeometry>[0], lookup: ReturnType<typeof unitLookup>) {
  return buildTerritoryGeometry(units, lookup);
}

/**
 * The served layers: every parsed layer as it is, territories with their built polygon and area. A territory whose
 * units are unknown (the territoryUnits rule reports them) or whose polygon fails is reported and left out.
 */
export function deriveLayers(layers: ParsedLayers, report: Report): BuiltLayers {
  const lookup = unitLookup(layers);
  const file = fileOf('territories');
  const territories: LayerFeature<'territories'>[] = [];
  for (const f of layers.territories ?? []) {
    if (unknownUnits(f.properties.units, lookup).length) continue;
    try {
      const geometry = territoryGeometry(f.properties.units, lookup);
      const faults = checkGeometry(geometry, 'geometry (built from units)');
      for (const fault of faults) report(file, f.id, fault.path, fault.message);
      territories.push({ ...f, geometry, properties: { ...f.properties, areaKm2: areaKm2(geometry) } });
    } catch (err) {
      report(file, f.id, 'properties.units', `cannot build the territory polygon: ${(err as Error).message}`);
    }
  }
  return { ...layers, territories };
}
