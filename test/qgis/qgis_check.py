"""Reads a running Gauntlet server with QGIS itself (PyQGIS, headless) and prints what QGIS sees as JSON.

usage: python3 qgis_check.py BASE_URL QML_DIR [PNG_OUT]
"""
import json
import os
import sys

os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')
from qgis.core import (  # noqa: E402
    QgsApplication, QgsExpression, QgsExpressionContext, QgsExpressionContextUtils, QgsMapBoxGlStyleConverter, QgsMapBoxGlStyleConversionContext, QgsVectorLayer,
    QgsVectorTileLayer, QgsMapSettings, QgsMapRendererParallelJob,
    QgsRectangle, QgsCoordinateReferenceSystem, QgsSymbol,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

base, qml_dir = sys.argv[1], sys.argv[2]
png = sys.argv[3] if len(sys.argv) > 3 else None
QgsApplication.setPrefixPath('/usr', True)  # Debian's QGIS: providers under /usr/lib/qgis
app = QgsApplication([], False)
app.initQgis()
out = {'qml': {}, 'oapif': {}, 'tiles': {}}

GEOMETRY = {'territories': 'MultiPolygon', 'checkpoints': 'Point', 'routes': 'LineString', 'ports': 'Point', 'expulsion-flights': 'LineString'}


def style_of(layer, name):
    """Loads the shipped .qml onto a layer and reads back what QGIS made of it."""
    msg, ok = layer.loadNamedStyle(os.path.join(qml_dir, f'{name}.qml'))
    r = layer.renderer()
    cats = []
    if ok and r is not None and r.type() == 'categorizedSymbol':
        for c in r.categories():
            sym = c.symbol()
            opacity = sym.dataDefinedProperties().property(QgsSymbol.PropertyOpacity)
            cats.append({'value': c.value(), 'colour': sym.color().name(), 'opacity': opacity.expressionString()})
    # the opacity QGIS evaluates for each feature (None where the expression does not evaluate)
    opacities = {}
    if ok and r is not None and r.type() == 'categorizedSymbol' and layer.featureCount() > 0:
        context = QgsExpressionContext()
        context.appendScopes(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
        expression = QgsExpression(r.classAttribute())
        categories = r.categories()  # kept: a category's symbol lives as long as the list
        for f in layer.getFeatures():
            context.setFeature(f)
            value = expression.evaluate(context) if r.classAttribute().startswith('with_') else f[r.classAttribute()]
            index = r.categoryIndexForValue(value)
            symbol = categories[index if index >= 0 else len(categories) - 1].symbol()
            opacities[str(f['id'])] = symbol.dataDefinedProperties().property(QgsSymbol.PropertyOpacity).value(context)[0]
    return {'ok': ok, 'message': msg, 'renderer': r.type() if r else None, 'opacities': opacities,
            'attr': r.classAttribute() if r is not None and r.type() == 'categorizedSymbol' else None,
            'categories': cats, 'labels': layer.labelsEnabled()}


# 1. each shipped .qml on a layer of its geometry type, and the served layers through QGIS's OAPIF provider
layers = []
for name, geometry in GEOMETRY.items():
    memory = QgsVectorLayer(f'{geometry}?crs=EPSG:4326', name, 'memory')
    out['qml'][name] = style_of(memory, name)
    layer = QgsVectorLayer(f"url='{base}/ogc' typename='{name}'", name, 'OAPIF')
    entry = {'valid': layer.isValid()}
    if layer.isValid():
        entry['count'] = sum(1 for _ in layer.getFeatures())
        entry['fields'] = [f.name() for f in layer.fields()]
        if entry['count'] > 0:
            entry['style'] = style_of(layer, name)
            layers.append(layer)
    out['oapif'][name] = entry

# 1b. the port role each feature gets from ports.qml, on a date when ports had roles (GeoJSON read by OGR)
ports = QgsVectorLayer(f'/vsicurl/{base}/ogc/collections/ports/items?datetime=2021-03-15&limit=1000', 'ports-2021', 'ogr')
out['portRoles'] = {}
if ports.isValid() and ports.loadNamedStyle(os.path.join(qml_dir, 'ports.qml'))[1]:
    expression = QgsExpression(ports.renderer().classAttribute())
    context = QgsExpressionContext()
    context.appendScopes(QgsExpressionContextUtils.globalProjectLayerScopes(ports))
    for f in ports.getFeatures():
        context.setFeature(f)
        out['portRoles'][str(f['id'])] = expression.evaluate(context)

# 2. the vector tiles: QGIS's XYZ vector tile layer, its MVT decoder, and the served MapLibre style converted
tiles = QgsVectorTileLayer(f'type=xyz&url={base}/tiles/gauntlet/{{z}}/{{x}}/{{y}}.pbf&zmin=0&zmax=12', 'gauntlet')
out['tiles']['valid'] = tiles.isValid()
# QGIS 3.22 has no Python MVT decoder: read the z6 tiles as QGIS's OGR provider does (MVT directory + metadata.json)
cp = QgsVectorLayer(f'MVT:{base}/tiles/gauntlet/6|layername=checkpoints', 'checkpoints-tiles', 'ogr')  # every one from z6
out['tiles']['ogrLayerValid'] = cp.isValid()
ids = set(f.attribute('id') for f in cp.getFeatures()) if cp.isValid() else set()
out['tiles']['checkpointIds'] = sorted(ids)

import urllib.request  # noqa: E402
style = json.load(urllib.request.urlopen(f'{base}/styles/gauntlet/style.json'))
conv = QgsMapBoxGlStyleConverter()
conv.convert(style, QgsMapBoxGlStyleConversionContext())
colours, constants = {}, {}
for s in conv.renderer().styles():
    sym = s.symbol()
    dd = sym.dataDefinedProperties()
    exprs = [dd.property(k).expressionString() for k in dd.propertyKeys()]
    for i in range(sym.symbolLayerCount()):
        sl = sym.symbolLayer(i).dataDefinedProperties()
        exprs += [sl.property(k).expressionString() for k in sl.propertyKeys()]
    colours[s.styleName()] = exprs
    constants[s.styleName()] = sym.color().name()
out['tiles']['styleExpressions'] = colours
out['tiles']['styleColours'] = constants
out['tiles']['styleWarnings'] = conv.warnings()

# 2b. the port colour QGIS draws on a date: the served style for that date converted, its port styles' filters
# evaluated on the ports of the z6 tiles (as QGIS's OGR provider reads them); the last matching style is on top
dated = QgsMapBoxGlStyleConverter()
dated.convert(json.load(urllib.request.urlopen(f'{base}/styles/gauntlet/style.json?as_of=2021-03-15')), QgsMapBoxGlStyleConversionContext())
port_styles = [s for s in dated.renderer().styles() if s.layerName() == 'ports' and s.geometryType() == 0]
out['tiles']['portStyles'] = [{'name': s.styleName(), 'filter': s.filterExpression(), 'colour': s.symbol().color().name()} for s in port_styles]
tile_ports = QgsVectorLayer(f'MVT:{base}/tiles/gauntlet/6|layername=ports', 'ports-tiles', 'ogr')
out['tiles']['portColours'] = {}
if tile_ports.isValid():
    context = QgsExpressionContext()
    context.appendScopes(QgsExpressionContextUtils.globalProjectLayerScopes(tile_ports))
    filters = [(QgsExpression(s.filterExpression() or 'true'), s.symbol().color().name()) for s in port_styles]
    for f in tile_ports.getFeatures():
        context.setFeature(f)
        shown = None
        for expression, colour in filters:
            if expression.evaluate(context):
                shown = colour
        out['tiles']['portColours'][str(f['id'])] = shown

# 2c. what QGIS draws from the tiles with that converted style (symbols, no labels): the pixel at each checkpoint and
# port valid on the date, read from the rendered image
from qgis.core import QgsCoordinateTransform, QgsPointXY, QgsProject  # noqa: E402
WGS84, MERCATOR = QgsCoordinateReferenceSystem('EPSG:4326'), QgsCoordinateReferenceSystem('EPSG:3857')
to_mercator = QgsCoordinateTransform(WGS84, MERCATOR, QgsProject.instance())


def render(layers, extent, size, path=None):
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(MERCATOR)
    settings.setExtent(to_mercator.transformBoundingBox(QgsRectangle(*extent)))
    settings.setOutputSize(QSize(*size))
    settings.setBackgroundColor(QColor('#DCE6EC'))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    if path:
        image.save(path, 'png')
    return image, settings.mapToPixel()


def tile_layer(converter, with_labels):
    layer = QgsVectorTileLayer(f'type=xyz&url={base}/tiles/gauntlet/{{z}}/{{x}}/{{y}}.pbf&zmin=0&zmax=12', 'gauntlet')
    layer.setRenderer(converter.renderer())
    if with_labels and converter.labeling():
        layer.setLabeling(converter.labeling())
    return layer


drawn_tiles = tile_layer(dated, False)
image, m2p = render([drawn_tiles], (-117.5, 14.5, -86.5, 32.8), (2400, 1600))
out['tiles']['drawn'] = {}
for name in ('checkpoints', 'ports'):
    points = QgsVectorLayer(f'/vsicurl/{base}/ogc/collections/{name}/items?datetime=2021-03-15&limit=1000', name, 'ogr')
    drawn = {}
    for f in points.getFeatures():
        p = m2p.transform(to_mercator.transform(f.geometry().asPoint()))
        x, y = int(round(p.x())), int(round(p.y()))
        if 0 <= x < image.width() and 0 <= y < image.height():
            drawn[str(f['id'])] = QColor(image.pixel(x, y)).name()
    out['tiles']['drawn'][name] = drawn

# 3. a picture of the OAPIF layers with the shipped styles
if png and layers:
    settings = QgsMapSettings()
    settings.setLayers(list(reversed(layers)))  # the first is drawn on top
    settings.setDestinationCrs(QgsCoordinateReferenceSystem('EPSG:4326'))
    settings.setExtent(QgsRectangle(-118, 14, -86, 33))
    settings.setOutputSize(QSize(1400, 900))
    settings.setBackgroundColor(QColor('#DCE6EC'))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(png, 'png')
    out['png'] = png
    # the vector tiles with the served style as QGIS converts it, labels included
    render([tile_layer(conv, True)], (-118, 14, -86, 33), (1400, 900), png.replace('oapif', 'tiles'))
    # and an analyst's mix: the tiles as a base map (their territory styles off) under the OAPIF territories drawn
    # with the shipped territories.qml (the first layer of a map is drawn on top)
    base_map = tile_layer(conv, True)
    styles = base_map.renderer().styles()
    for s in styles:
        if s.layerName() == 'territories':
            s.setEnabled(False)
    base_map.renderer().setStyles(styles)
    territories = [l for l in layers if l.name() == 'territories']
    render(territories + [base_map], (-118, 14, -86, 33), (1400, 900), png.replace('oapif', 'oapif-territories-over-tiles'))

print(json.dumps(out), flush=True)
os._exit(0)  # exitQgis() crashes headless QGIS 3.22 on the way out; the answer is printed
