import { featureFilter, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';

/**
 * The colour MapLibre shows for a port: the port circle layers are stacked, one per role with a date filter, so
 * what shows is the last layer (drawn on top) whose filter keeps the feature, each filter evaluated by the style-spec.
 */
export function drawnPortColour(style: StyleSpecification, properties: Record<string, unknown>): string | undefined {
  let shown: string | undefined;
  for (const l of style.layers as any[]) {
    if (l['source-layer'] !== 'ports' || l.type !== 'circle') continue;
    const keep = l.filter ? featureFilter(l.filter, 'filter').filter({ zoom: 6 } as any, { type: 1, properties } as any) : true;
    if (keep) shown = l.paint['circle-color'];
  }
  return shown;
}
