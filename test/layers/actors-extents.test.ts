import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkGeodata } from '../../src/layers/load.js';
import { formatProblem } from '../../src/layers/problems.js';
import { copyGeodata, type GeodataCopy } from '../support/geodata-copy.js';

// The rules on who an area's sources blame (actor) and how the area was drawn (extent), each on a broken copy
// of the shipped geodata with its exact message.

describe('actor and extent rules', () => {
  let copy: GeodataCopy;
  const problemsIn = async () => (await checkGeodata(copy.dir)).map(formatProblem);
  beforeEach(async () => {
    copy = await copyGeodata();
  });
  afterEach(async () => {
    await copy.dispose();
  });

  it('a state-actor area must name its agencies, and a criminal one must not', async () => {
    await copy.edit('territories.geojson', (fc) => {
      const state = fc.features.find((f: any) => f.properties.id === 'coahuila-state-officials-2023');
      delete state.properties.agencies;
      const criminal = fc.features.find((f: any) => f.properties.id === 'northeast-cartel-nuevo-laredo');
      criminal.properties.agencies = ['inm'];
    });
    expect(await problemsIn()).toEqual([
      'territories.geojson: coahuila-state-officials-2023: properties.agencies: a state-actor area must list the agencies its sources name ("unknown" when they name none)',
      `territories.geojson: northeast-cartel-nuevo-laredo: properties.agencies: only a state-actor area (actor "state") lists agencies; a criminal group's collusion with officials is the activity "official-collusion"`,
    ]);
  });

  it('every area says whether criminals or officials are blamed', async () => {
    await copy.edit('territories.geojson', (fc) => {
      delete fc.features.find((f: any) => f.properties.id === 'northeast-cartel-nuevo-laredo').properties.actor;
    });
    expect(await problemsIn()).toEqual(['territories.geojson: northeast-cartel-nuevo-laredo: properties.actor: Invalid option: expected one of "criminal"|"state"']);
  });
});
