import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type BidDocumentModel, at, required } from '@cordage/domain';
import { exampleBidModel } from './bid-exports.fixture';
import { OCDS_EXTENSIONS, TERRITORY_GAZETTEER, ocdsReleasePackage } from './ocds-package';
import { ocdsAjv, validateOcdsPackage } from './ocds-package.validator';

const OPTIONS = {
  bidId: '0b6f2c3e-5a8d-4e1f-9c7b-2d4a6e8f0a1b',
  publishedDate: '2026-11-26T11:00:00+01:00',
  uriBase: 'https://cordage.example.org/',
};

interface Release {
  parties: { id?: string; roles: string[]; identifier: { scheme: string } }[];
  tag: string[];
  tender: {
    lots: { id: string; value: { amount: number } }[];
    items: {
      id: string;
      quantity: number;
      relatedLot: string;
      deliveryLocation: {
        description: string;
        gazetteer: { scheme: string; identifiers: string[] };
      };
    }[];
  };
  bids: {
    details: {
      consortium: {
        mandataire: { id: string };
        shares: {
          relatedLot: string;
          value: { amount: number };
          territories: { id: string; name: string }[];
        }[];
        uncovered: {
          relatedLot: string;
          value: { amount: number };
          territories: { id: string; name: string }[];
          insertionHours: number;
        }[];
      };
    }[];
  };
}
const releaseOf = (pkg: object) => at((pkg as { releases: Release[] }).releases, 0);
const cents = (euros: number) => Math.round(euros * 100);

describe('ocdsReleasePackage', () => {
  let model: BidDocumentModel;
  let pkg: object;
  beforeAll(async () => {
    model = await exampleBidModel();
    pkg = ocdsReleasePackage(model, OPTIONS);
  });

  it('validates against the OCDS 1.1.5 release package schema', () => {
    expect(validateOcdsPackage(pkg)).toEqual({ valid: true, errors: [] });
  });

  it('is refused once broken, so the validator is known to bite', () => {
    const broken = structuredClone(pkg) as { releases: Record<string, unknown>[] };
    at(broken.releases, 0).tag = ['bid'];
    delete at(broken.releases, 0).ocid;
    const result = validateOcdsPackage(broken);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        "/releases/0 must have required property 'ocid'",
        '/releases/0/tag/0 must be equal to one of the allowed values',
      ]),
    );
  });

  it('names the buyer and every member with org-id.guide schemes', () => {
    const release = releaseOf(pkg);
    expect(release.tag).toEqual(['tender']);
    const buyers = release.parties.filter((party) => party.roles.includes('buyer'));
    const tenderers = release.parties.filter((party) => party.roles.includes('tenderer'));
    expect(buyers).toHaveLength(1);
    expect(at(buyers, 0).id).toBe('FR-INSEE-22930008201453');
    expect(tenderers).toHaveLength(model.parties.length);
    expect(tenderers.map((party) => party.identifier.scheme)).toEqual(
      model.parties.map(() => 'FR-INSEE'),
    );
    expect(at(release.bids.details, 0).consortium.mandataire.id).toBe(
      `FR-INSEE-${model.mandataire.idValue}`,
    );
    expect((pkg as { extensions: string[] }).extensions).toContain(
      'https://cordage.example.org/ocds-extension/cordage_consortium/extension.json',
    );
    expect((pkg as { extensions: string[] }).extensions).toContain(OCDS_EXTENSIONS.lots);
  });

  it('resolves to itself: its uri is the api route that serves it', () => {
    expect((pkg as { uri: string }).uri).toBe(
      `https://cordage.example.org/api/bids/${OPTIONS.bidId}/allocations/1/ocds`,
    );
    expect((pkg as { extensions: string[] }).extensions).toContain(OCDS_EXTENSIONS.location);
  });

  it('has one item per place of each lot, located by its qualified code and name', () => {
    const { items } = releaseOf(pkg).tender;
    const places = model.lots.flatMap((lot) =>
      lot.places.map((place) => ({ lot: String(lot.number), ...place })),
    );
    expect(items).toHaveLength(places.length);
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
    places.forEach((place, i) => {
      expect(at(items, i)).toMatchObject({
        relatedLot: place.lot,
        quantity: place.demandHours,
        deliveryLocation: {
          description: place.name,
          gazetteer: { scheme: TERRITORY_GAZETTEER, identifiers: [place.code] },
        },
      });
    });
    for (const lot of model.lots) {
      const hours = items
        .filter((item) => item.relatedLot === String(lot.number))
        .reduce((sum, item) => sum + item.quantity, 0);
      expect(hours).toBe(lot.demandHours);
    }
    expect(at(items, 0).deliveryLocation.gazetteer.identifiers[0]).toMatch(/^COM:\d{5}$/);
  });

  it('names the territories of each share and uncovered part by code and name', () => {
    const { shares, uncovered } = at(releaseOf(pkg).bids.details, 0).consortium;
    const share = at(at(model.lots, 0).shares, 0);
    expect(at(shares, 0).territories).toEqual(
      share.places.map((place) => ({ id: place.code, name: place.name })),
    );
    const lot = required(
      model.lots.find((candidate) => candidate.uncovered),
      'a lot with an uncovered part',
    );
    const part = required(
      uncovered.find((candidate) => candidate.relatedLot === String(lot.number)),
      'its uncovered part',
    );
    expect(part.territories.map((territory) => territory.id)).toEqual(
      lot.uncovered?.places.map((place) => place.code),
    );
    expect(part.insertionHours).toBe(lot.uncovered?.insertionHours);
  });

  it('splits each lot between shares and the uncovered part to the cent', () => {
    const { tender, bids } = releaseOf(pkg);
    const { shares, uncovered } = at(bids.details, 0).consortium;
    for (const lot of tender.lots) {
      const parts = [...shares, ...uncovered].filter((part) => part.relatedLot === lot.id);
      const sum = parts.reduce((total, part) => total + cents(part.value.amount), 0);
      expect(sum).toBe(cents(lot.value.amount));
    }
  });
});

describe('the consortium extension’s schema (docs/ocds-extension)', () => {
  /** The core release schema with the extension's definitions merged in, as OCDS tools extend it. */
  function consortiumValidator() {
    const core = JSON.parse(
      readFileSync(path.join(__dirname, 'ocds-1.1.5/release-schema.json'), 'utf8'),
    ) as { definitions: Record<string, object> };
    const extension = JSON.parse(
      readFileSync(
        path.join(
          __dirname,
          '../../../../docs/ocds-extension/cordage_consortium/release-schema.json',
        ),
        'utf8',
      ),
    ) as { definitions: Record<string, object> };
    const merged = {
      ...core,
      id: 'cordage-extended-release-schema',
      definitions: { ...core.definitions, ...extension.definitions },
    };
    const ajv = ocdsAjv();
    ajv.addSchema(merged);
    return ajv.compile({ $ref: 'cordage-extended-release-schema#/definitions/Consortium' });
  }

  it('accepts the package’s consortium, and refuses a territory without its qualified code', async () => {
    const validate = consortiumValidator();
    const model = await exampleBidModel();
    const release = releaseOf(ocdsReleasePackage(model, OPTIONS));
    const consortium = at(release.bids.details, 0).consortium;
    expect(validate(consortium)).toBe(true);
    const broken = structuredClone(consortium);
    at(at(broken.shares, 0).territories, 0).id = 'Saint-Denis';
    expect(validate(broken)).toBe(false);
  });
});

describe('the vendored OCDS schemas', () => {
  const shared = path.join(__dirname, '../../../../../shared/data/ocds-1.1.5');
  const files = ['release-schema.json', 'release-package-schema.json'];
  (existsSync(shared) ? it.each(files) : it.skip.each(files))(
    '%s is byte-identical to the standard’s copy',
    (file) => {
      const vendored = readFileSync(path.join(__dirname, 'ocds-1.1.5', file));
      expect(vendored.equals(readFileSync(path.join(shared, file)))).toBe(true);
    },
  );
});
