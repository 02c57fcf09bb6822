// Words for the palette's keys, shared by every legend (the static PNG's and the viewer's) and the viewer's popups,
// so a colour and its name are defined once each (palette.ts, here).

export const AGENCY_LABELS: Record<string, string> = {
  inm: 'INM (immigration)',
  'national-guard': 'National Guard',
  army: 'Army',
  navy: 'Navy',
  'state-police': 'State police',
  'municipal-police': 'Municipal police',
  'federal-police': 'Federal police',
  customs: 'Customs',
  mixed: 'Several agencies',
  unknown: 'Agency not known',
};
export const CORRIDOR_LABELS: Record<string, string> = {
  gulf: 'Gulf route',
  central: 'Central route',
  pacific: 'Pacific route',
  rail: 'Freight rail (La Bestia)',
  journey: "The report's journey",
};
export const PORT_ROLE_LABELS: Record<string, string> = {
  'lateral-expulsion-destination': 'Lateral-expulsion destination',
  'title42-expulsion': 'Title 42 expulsions',
  'mpp-return': 'MPP returns',
  'cbp-one': 'CBP One appointments',
  none: 'No documented role on date',
};
export const FLIGHT_LABELS: Record<string, string> = {
  'lateral-expulsion': 'Lateral-expulsion flight',
  'expulsion-to-southern-mexico': 'Expulsion to southern Mexico',
  'mexico-internal-removal': 'Removal within Mexico',
};
export const PRESENCE_LABELS: Record<string, string> = {
  dominant: 'Dominant',
  present: 'Present',
  contested: 'Contested (dashed outline)',
};
