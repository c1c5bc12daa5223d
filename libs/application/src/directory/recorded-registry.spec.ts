import path from 'node:path';
import { RecordedRegistry } from './recorded-registry';

// The recorded files of examples/registries: hand-written in the registries' shape.
const registry = new RecordedRegistry(path.resolve(__dirname, '../../../../examples/registries'));

describe('the official registries, read from their recorded files', () => {
  it('finds an SIAE by its SIRET, typed with spaces, with its address and département', async () => {
    await expect(registry.lookup('SIRET', '800 000 001 00019')).resolves.toEqual({
      source: 'SIAE',
      idScheme: 'SIRET',
      idValue: '80000000100019',
      legalName: 'Régie de quartier exemple (fictive)',
      kind: 'EI',
      legalForm: null,
      address: "1 rue de l'Exemple, 93200 Saint-Denis",
      approvalNumber: null,
      approvalDate: null,
      territories: ['DEP:93'],
      contactEmail: 'contact@regie-exemple.test',
      contactPhone: '01 00 00 00 01',
    });
  });

  it('finds an establishment by its SIREN, an EA with its recognition, an ETA by its BCE number', async () => {
    expect((await registry.lookup('SIREN', '800000002'))?.legalName).toBe(
      'Association intermédiaire exemple (fictive)',
    );
    await expect(registry.lookup('SIRET', '80000000400013')).resolves.toMatchObject({
      source: 'EA',
      kind: 'EA',
      approvalNumber: 'EA-93-0004',
      approvalDate: '2019-09-01',
    });
    await expect(registry.lookup('BCE', '0800.000.075')).resolves.toMatchObject({
      source: 'ETA',
      kind: 'ETA',
      idValue: '0800000075',
    });
  });

  it('answers null for an identifier it does not hold, and for a directory without files', async () => {
    await expect(registry.lookup('SIRET', '80000000900019')).resolves.toBeNull();
    await expect(
      new RecordedRegistry('/nonexistent').lookup('SIRET', '80000000100019'),
    ).resolves.toBeNull();
  });
});
