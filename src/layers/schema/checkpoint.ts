import { z } from 'zod';
import { CitedProperties, feature, featureCollection, Id, PointGeometry } from './common.js';

export const Agency = z.enum([
  'inm',
  'national-guard',
  'army',
  'navy',
  'state-police',
  'municipal-police',
  'federal-police',
  'customs',
  'mixed',
  'unknown',
]);
export type Agency = z.infer<typeof Agency>;

/** Where a checkpoint's position comes from (see geodata/README.md). */
export const LocationPrecision = z.enum(['exact', 'highway', 'town', 'segment']);
export type LocationPrecision = z.infer<typeof LocationPrecision>;

/** A documented migration or security checkpoint (geodata/checkpoints.geojson). */
export const CheckpointProperties = CitedProperties.extend({
  agency: Agency,
  agencies: z.array(Agency).optional(), // who staffs a `mixed` post
  kind: z.enum(['fixed', 'mobile', 'bus-terminal', 'airport', 'rail']),
  highway: z.string().min(1).nullable(),
  km: z.number().nonnegative().optional(), // highway kilometre as published
  nearPlace: Id,
  // exact: the post itself; highway: on the highway's mapped line, at its point nearest nearPlace (derived);
  // town: the nearPlace coordinates; segment: a position we inferred along a highway stretch (always low confidence)
  locationPrecision: LocationPrecision,
  positionBasis: z.string().min(1).optional(), // how a derived position was found (gauntlet network checkpoints)
});
export const Checkpoint = feature(PointGeometry, CheckpointProperties);
export type Checkpoint = z.infer<typeof Checkpoint>;
export const CheckpointsFile = featureCollection(Checkpoint);
