import { z } from 'zod';
import { CitedProperties, Confidence, Ended, feature, featureCollection, Id, Observed, PointGeometry, Position } from './common.js';

export const PortRoleKind = z.enum(['mpp-return', 'title42-expulsion', 'lateral-expulsion-destination', 'cbp-one']);

/** One policy role of a port, with its own evidence dates, documented end and sources. */
export const PortRole = z.object({
  role: PortRoleKind,
  observed: Observed.optional(), // required unless no cited source is dated (gauntlet validate)
  ended: Ended.optional(),
  sources: z.array(Id).min(1, 'cite at least one source id from sources.json'),
  confidence: Confidence,
  notes: z.string().optional(),
});
export type PortRole = z.infer<typeof PortRole>;

/** A US land port of entry on the Mexican border (geodata/ports.geojson); geometry is the BTS (US side) point. */
export const PortProperties = CitedProperties.extend({
  id: z.string().regex(/^\d{4}$/, 'must be the 4-digit CBP port code'),
  portName: z.string().min(1),
  usState: z.string().min(1),
  mxPlace: Id.nullable(), // null where the gazetteer has no Mexican counterpart (say why in notes)
  mxSide: z
    .object({
      position: Position, // where an expelled person is returned
      precision: z.enum(['exact', 'town']),
      notes: z.string().optional(),
    })
    .nullable(),
  roles: z.array(PortRole),
  stats: z.record(z.string(), z.number()).optional(),
});
export const Port = feature(PointGeometry, PortProperties);
export type Port = z.infer<typeof Port>;
export const PortsFile = featureCollection(Port);
