import { LOOK } from './look.js';
import { BASE_COLOURS } from './palette.js';
import { AGENCY_LABELS, CORRIDOR_LABELS, FLIGHT_LABELS, PORT_ROLE_LABELS } from './labels.js';

// QGIS layer styles (.qml, QGIS 3.22) for the thematic layers as QGIS reads them from /ogc or /layers (GeoJSON
// fields): the colours of the cartography table (look.ts), low confidence faded, and labels: the same table and
// labels as the MapLibre style and the PNG.

export const QML_LAYERS = ['territories', 'checkpoints', 'routes', 'ports', 'expulsion-flights'] as const;
export type QmlLayer = (typeof QML_LAYERS)[number];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** "#117733" -> "17,119,51,255" (QGIS colour strings). */
export function qgisColour(hex: string, alpha = 255): string {
  const h = hex.replace('#', '');
  return `${parseInt(h.slice(0, 2), 16)},${parseInt(h.slice(2, 4), 16)},${parseInt(h.slice(4, 6), 16)},${alpha}`;
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
const option = (name: string, value: string | number) => `<Option type="QString" name="${name}" value="${esc(String(value))}"/>`;

/** Symbol opacity (0-100) as an expression: `confidence = 'low'` features at LOW_CONFIDENCE_OPACITY. */
function opacityExpression(base = '100'): string {
  return `(${base}) * CASE WHEN "confidence" = 'low' THEN ${LOOK.lowConfidenceOpacity} ELSE 1 END`;
}

function dataDefinedOpacity(expression: string): string {
  return `<data_defined_properties><Option type="Map">${option('name', '')}<Option type="Map" name="properties"><Option type="Map" name="alpha"><Option type="bool" name="active" value="true"/>${option('expression', expression)}<Option type="int" name="type" value="3"/></Option></Option>${option('type', 'collection')}</Option></data_defined_properties>`;
}

type SymbolKind = 'fill' | 'marker' | 'line';

function symbolLayer(kind: SymbolKind, colour: string, opts: { dashed?: boolean; darkRing?: boolean; width?: number }): string {
  if (kind === 'fill') {
    return `<layer class="SimpleFill" enabled="1" pass="0" locked="0"><Option type="Map">${option('color', qgisColour(colour))}${option('style', 'solid')}${option('outline_color', qgisColour(colour))}${option('outline_style', opts.dashed ? 'dash' : 'solid')}${option('outline_width', 0.4)}${option('outline_width_unit', 'MM')}${option('joinstyle', 'round')}</Option></layer>`;
  }
  if (kind === 'marker') {
    return `<layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map">${option('name', 'circle')}${option('color', qgisColour(colour))}${option('outline_color', qgisColour(opts.darkRing ? BASE_COLOURS.border : BASE_COLOURS.halo))}${option('outline_style', 'solid')}${option('outline_width', opts.darkRing ? 0.5 : 0.3)}${option('outline_width_unit', 'MM')}${option('size', opts.width ?? 2.6)}${option('size_unit', 'MM')}</Option></layer>`;
  }
  return `<layer class="SimpleLine" enabled="1" pass="0" locked="0"><Option type="Map">${option('line_color', qgisColour(colour))}${option('line_style', opts.dashed ? 'dash' : 'solid')}${option('line_width', opts.width ?? 0.8)}${option('line_width_unit', 'MM')}${option('capstyle', 'round')}${option('joinstyle', 'round')}</Option></layer>`;
}

interface Category {
  value: string | null; // null: every other value
  label: string;
  colour: string;
}

/** A categorized renderer on a field or an expression; every symbol fades for low confidence. */
function categorized(attr: string, kind: SymbolKind, categories: Category[], opts: { opacity?: string; dashed?: boolean; darkRing?: boolean; width?: number } = {}): string {
  const cats = categories
    .map((c, i) => `<category render="true" symbol="${i}" value="${c.value === null ? '' : esc(c.value)}" label="${esc(c.label)}" type="string"/>`)
    .join('');
  const symbols = categories
    .map((c, i) => `<symbol type="${kind}" name="${i}" alpha="1" clip_to_extent="1" force_rhr="0">${dataDefinedOpacity(opacityExpression(opts.opacity))}${symbolLayer(kind, c.colour, opts)}</symbol>`)
    .join('');
  return `<renderer-v2 type="categorizedSymbol" attr="${esc(attr)}" forceraster="0" symbollevels="0" enableorderby="0" referencescale="-1"><categories>${cats}</categories><symbols>${symbols}</symbols></renderer-v2>`;
}

function labeling(field: string, opts: { size?: number; colour?: string } = {}): string {
  return `<labeling type="simple"><settings calloutType="simple"><text-style fieldName="${esc(field)}" isExpression="0" fontFamily="DejaVu Sans" fontSize="${opts.size ?? 8}" fontSizeUnit="Point" textColor="${qgisColour(opts.colour ?? BASE_COLOURS.text)}" textOpacity="1"/><text-buffer bufferDraw="1" bufferSize="0.8" bufferSizeUnits="MM" bufferColor="${qgisColour(BASE_COLOURS.halo)}" bufferOpacity="1"/><rendering obstacle="1" scaleVisibility="0"/></settings></labeling>`;
}

function document(geometryType: 0 | 1 | 2, renderer: string, labels: string): string {
  return `<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version="3.22.16-Białowieża" styleCategories="Symbology|Labeling" labelsEnabled="1">\n${renderer}\n${labels}\n<layerGeometryType>${geometryType}</layerGeometryType>\n</qgis>\n`;
}

const entries = (colours: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>, fallback: string, otherLabel: string): Category[] => [
  ...Object.entries(colours).map(([value, colour]) => ({ value, label: labels[value] ?? value, colour })),
  { value: null, label: otherLabel, colour: fallback },
];

/**
 * The highest-priority role a port holds, else 'none'. QGIS reads `roles` as a list of maps (OGR's JSON field);
 * a client that hands it over as JSON text falls back to the text itself.
 */
export const PORT_ROLE_EXPRESSION = `with_variable('roles', coalesce(array_to_string(array_foreach("roles", map_get(@element, 'role'))), to_string("roles"), ''), CASE ${LOOK.ports.priority.map((r) => `WHEN @roles LIKE ${quote(`%${r}%`)} THEN ${quote(r)}`).join(' ')} ELSE 'none' END)`;

/**
 * One .qml per thematic layer. `groupNames` names the groups in the legend (territories' groupName from the data);
 * groups the palette does not know fall in "every other group" with GROUP_FALLBACK.
 */
export function qmlStyles(groupNames: ReadonlyMap<string, string> = new Map()): Record<QmlLayer, string> {
  // QGIS has no simple CASE ("CASE x WHEN v"): every branch tests its own condition. State actors' areas are a faint
  // fill whatever the presence, as in the web style.
  const T = LOOK.territories;
  const presenceOpacity = `CASE WHEN "actor" = 'state' THEN ${T.stateActors.fillOpacity * 100} ${Object.entries(T.presenceOpacity).map(([p, o]) => `WHEN "presence" = ${quote(p)} THEN ${o * 100}`).join(' ')} ELSE ${T.presenceOpacity.present * 100} END`;
  return {
    territories: document(
      2,
      categorized('group', 'fill', entries(T.colours, Object.fromEntries(groupNames), T.fallback, 'Every other group'), { opacity: presenceOpacity }),
      labeling('groupName', { size: 8 }),
    ),
    checkpoints: document(0, categorized('agency', 'marker', entries(LOOK.checkpoints.colours, AGENCY_LABELS, LOOK.checkpoints.fallback, 'Other agency')), labeling('name', { size: 7 })),
    routes: document(1, categorized('corridor', 'line', entries(LOOK.routes.colours, CORRIDOR_LABELS, LOOK.routes.fallback, 'Other corridor'), { width: 0.9 }), labeling('name')),
    ports: document(
      0,
      categorized(
        PORT_ROLE_EXPRESSION,
        'marker',
        [...LOOK.ports.priority, 'none' as const].map((r) => ({ value: r, label: PORT_ROLE_LABELS[r] ?? r, colour: LOOK.ports.colours[r] })),
        { darkRing: true, width: 3 }, // a dark ring sets ports apart from checkpoints, as in the web style
      ),
      labeling('portName'),
    ),
    'expulsion-flights': document(1, categorized('kind', 'line', entries(LOOK.flights.colours, FLIGHT_LABELS, LOOK.flights.fallback, 'Other flight'), { dashed: true, width: 0.7 }), labeling('name', { size: 7 })),
  };
}
