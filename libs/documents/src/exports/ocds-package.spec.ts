import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type BidDocumentModel, at } from '@cordage/domain';
import { exampleBidModel } from './bid-exports.fixture';
import { OCDS_EXTENSIONS, ocdsReleasePackage } from './ocds-package';
import { validateOcdsPackage } from './ocds-package.validator';

const OPTIONS = {
  bidId: '0b6f2c3e-5a8d-4e1f-9c7b-2d4a6e8f0a1b',
  publishedDate: '2026-11-26T11:00:00+01:00',
  uriBase: 'https://cordage.example.org/',
};

interface Release {
  parties: { id?: string; roles: string[]; identifier: { scheme: string } }[];
  tag: string[];
  tender: { lots: { id: string; value: { amount: number } }[] };
  bids: {
    details: {
      consortium: {
        mandataire: { id: string };
        shares: { relatedLot: string; value: { amount: number } }[];
        uncovered: { relatedLot: string; value: { amount: number } }[];
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
