import { systemForTests } from './support/system';
import { type SignedIn, coordinatorOfNewNetwork } from './support/actors';
import {
  type BidOfMember,
  type DirectoryLine,
  directoryOrganisationInBids,
  hoursBeyondLimitWarnings,
  importDirectory,
} from './support/directory';

jest.setTimeout(180_000);

/**
 * The network's view (issue 17, "done when"), on a Walloon federation of sheltered workshops
 * (ETA): its 49 workshops imported from a workbook, three bids in which one workshop declares
 * beyond its limits, the same mandataire refused on a second consortium for one tender
 * (R2142-23), and the funders' rules on territorial coverage (Belgian provinces and regions) and
 * on the number of members reported met and unmet.
 */

const WORKSHOPS = 49;

/** A valid BCE/KBO number: 10 digits from 0, the last two 97 - (the first eight mod 97). */
function bce(index: number): string {
  const body = `0${String(6_000_000 + index).padStart(7, '0')}`;
  return `${body}${String(97 - (Number(body) % 97)).padStart(2, '0')}`;
}

/** Where each workshop works: Charleroi (Hainaut), Liège, Namur, Brussels-Capital. */
const PLACES = ['BE:52011', 'BE:62063', 'BE:92094', 'BE:21004'] as const;

function workshop(index: number): DirectoryLine {
  return {
    idScheme: 'BCE',
    id: bce(index),
    legalName: `ETA ${String(index).padStart(2, '0')}`,
    kind: 'ETA',
    legalForm: 'ASBL',
    address: `${index} rue des Ateliers, 6000 Charleroi`,
    staff: 20 + index * 5,
    approvalNumber: `AVIQ-ETA-${index}`,
    approvalDate: '2019-09-01',
    territories: PLACES[index % PLACES.length],
    contactName: `Contact ${index}`,
    contactEmail: `contact@eta-${index}.test`,
    representativeName: `Directrice ${index}`,
    representativeTitle: 'directrice',
    representativeEmail: `direction@eta-${index}.test`,
    // The first workshop can take on 1,000 hours over all the federation's open bids.
    maxHours: index === 1 ? 1000 : 100_000,
    maxRevenue: '2 000 000',
    maxInsertionHours: 10_000,
  };
}

const BUYER = { name: 'Service public de Wallonie', idScheme: 'BCE', id: bce(900) };

/**
 * A bid of the federation: one lot in Charleroi, Liège and Brussels, its mandataire (workshop
 * `mandataire`) offering in Charleroi only, under the funder's composition rules.
 */
function federationBid(reference: string, mandataire: number, rules: Record<string, unknown>) {
  return {
    format: 'cordage.scenario/1',
    tender: {
      reference,
      title: `Conditionnement et entretien ${reference}`,
      buyer: BUYER,
      deadline: '2027-06-30T12:00:00+02:00',
      reserved: 'NONE',
      lots: [
        {
          number: 1,
          title: 'Conditionnement',
          amountCents: 40_000_000,
          insertionHours: 0,
          cells: [
            { territory: 'BE:52011', demandHours: 2000 },
            { territory: 'BE:62063', demandHours: 2000 },
            { territory: 'BE:21004', demandHours: 1000 },
          ],
        },
      ],
    },
    consortium: { form: 'CONJOINT', mandataire: 'mandataire', rules },
    organizations: [
      {
        key: 'mandataire',
        legalName: `ETA ${String(mandataire).padStart(2, '0')}`,
        idScheme: 'BCE',
        id: bce(mandataire),
        kind: 'ETA',
        employees: 20 + mandataire * 5,
        home: 'BE:52011',
        representative: {
          name: `Directrice ${mandataire}`,
          title: 'directrice',
          email: `direction@eta-${mandataire}.test`,
        },
      },
    ],
    offers: [
      { org: 'mandataire', lot: 1, territory: 'BE:52011', hours: 1500, preference: 'PRIMARY' },
    ],
  };
}

interface Check {
  rule: string;
  met: boolean;
  actual: number;
  threshold: number;
  covered?: string[];
  message: string;
}

describe('The network’s view: its directory, its bids and their commitments, its rules', () => {
  const system = systemForTests({ worker: false });
  let networkId: string;
  let coordinator: SignedIn;
  let editor: SignedIn;
  let workshopId: string;
  let bids: BidOfMember[] = [];

  const composition = async (bidId: string): Promise<Check[]> => {
    const workflow = await coordinator.get(`/api/bids/${bidId}/workflow`).expect(200);
    return (workflow.body as { composition: Check[] }).composition;
  };
  const declare = (
    bid: { id: string; memberId: string },
    offers: { territory: string; hours: number }[],
  ) =>
    editor.put(`/api/bids/${bid.id}/members/${bid.memberId}/offers`).send({
      offers: offers.map((offer) => ({ lot: 1, preference: 'PRIMARY', ...offer })),
    });

  beforeAll(async () => {
    ({ networkId, coordinator } = await coordinatorOfNewNetwork(
      system.api,
      system.dataSource,
      'Fédération wallonne des ETA',
      'coordination@federation-eta.test',
    ));
  });

  it('imports its 49 workshops from a workbook, each with its limits', async () => {
    const lines = Array.from({ length: WORKSHOPS }, (_, i) => workshop(i + 1));
    const imported = await importDirectory(coordinator, networkId, lines, 201);
    expect(imported.body).toMatchObject({ imported: WORKSHOPS, alreadyKnown: 0 });
    const base = `/api/networks/${networkId}/organisations`;
    const all = (await coordinator.get(`${base}?limit=500`).expect(200)).body;
    expect(all.total).toBe(WORKSHOPS);
    const first = all.items.find((o: { legalName: string }) => o.legalName === 'ETA 01');
    expect(first).toMatchObject({
      idScheme: 'BCE',
      kind: 'ETA',
      territories: ['BE:62063'],
      limits: { maxHours: 1000 },
    });
    workshopId = first.organisationId;
    // In Brussels: workshops 4, 8, … 48.
    const brussels = (await coordinator.get(`${base}?territory=BE:21004`).expect(200)).body;
    expect(brussels.total).toBe(12);
  });

  it('builds three bids with the workshop in each, under the funders’ composition rules', async () => {
    const rules = [
      // Bid 1: at least two provinces covered, three members at most.
      { minCoverage: { level: 'PROVINCE', count: 2 }, maxMembers: 3 },
      // Bid 2: the mandataire alone, and the three regions.
      { minCoverage: { level: 'REGION', count: 3 }, maxMembers: 1 },
      {},
    ];
    // Entered once: each bid finds the workshop in the directory by its BCE number alone.
    ({ bids, editor } = await directoryOrganisationInBids(
      system,
      coordinator,
      networkId,
      { organisationId: workshopId, email: 'direction@eta-1.test', idScheme: 'BCE', id: bce(1) },
      rules.map((bidRules, n) => {
        const reference = `FEW-2027-${n + 1}`;
        return { reference, scenario: federationBid(reference, 2 + n, bidRules) };
      }),
    ));
    expect(bids).toHaveLength(3);
  });

  it('reports the coverage of Belgian provinces unmet, Brussels-Capital being in none, then met', async () => {
    const [first] = bids as [(typeof bids)[0]];
    expect(
      (await declare(first, [{ territory: 'BE:21004', hours: 400 }]).expect(200)).body,
    ).toEqual(expect.objectContaining({ warnings: [] }));
    const unmet = await composition(first.id);
    expect(unmet).toEqual([
      expect.objectContaining({ rule: 'maxMembers', threshold: 3, actual: 2, met: true }),
      expect.objectContaining({
        rule: 'minCoverage',
        threshold: 2,
        actual: 1,
        met: false,
        covered: ['Hainaut'],
        message:
          'Au moins 2 provinces couvertes : 1 province couverte par les offres des membres ' +
          '(Hainaut) — non respectée.',
      }),
    ]);
    // The capacity call cannot close on an unmet rule: the refusal says which and why.
    const refused = await coordinator
      .post(`/api/bids/${first.id}/workflow/transitions`)
      .send({ event: 'CLOSE_CAPACITY_CALL' })
      .expect(409);
    expect(refused.body.problems).toEqual([
      expect.objectContaining({
        path: 'rules.minCoverage',
        code: 'COMPOSITION_RULES_UNMET',
        message: expect.stringContaining('1 province couverte'),
      }),
    ]);

    await declare(first, [
      { territory: 'BE:21004', hours: 200 },
      { territory: 'BE:62063', hours: 200 },
    ]).expect(200);
    const met = await composition(first.id);
    expect(met[1]).toMatchObject({
      rule: 'minCoverage',
      actual: 2,
      met: true,
      covered: ['Hainaut', 'Liège'],
      message:
        'Au moins 2 provinces couvertes : 2 provinces couvertes par les offres des membres ' +
        '(Hainaut, Liège) — respectée.',
    });
  });

  it('warns the workshop declaring past its limits in the third bid, naming the other two', async () => {
    const [first, second, third] = bids as [(typeof bids)[0], (typeof bids)[0], (typeof bids)[0]];
    expect(
      (await declare(second, [{ territory: 'BE:21004', hours: 400 }]).expect(200)).body.warnings,
    ).toEqual([]);
    const beyond = (await declare(third, [{ territory: 'BE:62063', hours: 300 }]).expect(200)).body;
    expect(beyond.warnings).toEqual(
      hoursBeyondLimitWarnings([
        { id: first.id, reference: 'FEW-2027-1' },
        { id: second.id, reference: 'FEW-2027-2' },
      ]),
    );
    expect(beyond.warnings[0].message).toMatch(/FEW-2027-1 .*FEW-2027-2/);
    // Declared all the same: a warning does not stop it.
    expect(beyond.offers).toBe(1);

    // The network's page shows the over-commitment, with the three bids' figures.
    const over = (await coordinator.get(`/api/networks/${networkId}/commitments`).expect(200)).body;
    expect(over.items).toEqual([
      expect.objectContaining({
        organisationId: workshopId,
        legalName: 'ETA 01',
        assessment: expect.objectContaining({
          overages: [
            expect.objectContaining({
              measure: 'HOURS',
              basis: 'DECLARED',
              limit: 1000,
              total: 1100,
              bids: [
                expect.objectContaining({ reference: 'FEW-2027-1', figure: 400 }),
                expect.objectContaining({ reference: 'FEW-2027-2', figure: 400 }),
                expect.objectContaining({ reference: 'FEW-2027-3', figure: 300 }),
              ],
            }),
          ],
        }),
      }),
    ]);
  });

  it('reports the maximum of members and the coverage of Belgian regions', async () => {
    const [, second] = bids as [(typeof bids)[0], (typeof bids)[0]];
    // The mandataire in Charleroi, the workshop in Brussels: two regions of three, two members of one.
    expect(
      (await composition(second.id)).map(({ rule, met, actual, threshold, message }) => ({
        rule,
        met,
        actual,
        threshold,
        message,
      })),
    ).toEqual([
      {
        rule: 'maxMembers',
        met: false,
        actual: 2,
        threshold: 1,
        message: 'Au plus 1 membre : 2 membres ont rejoint le groupement — non respectée.',
      },
      {
        rule: 'minCoverage',
        met: false,
        actual: 2,
        threshold: 3,
        message:
          'Au moins 3 régions couvertes : 2 régions couvertes par les offres des membres ' +
          '(Région wallonne, Région de Bruxelles-Capitale) — non respectée.',
      },
    ]);
    // The bid's read says its rules as the scenario did.
    const bid = (await coordinator.get(`/api/bids/${second.id}`).expect(200)).body;
    expect(bid.consortium.rules).toMatchObject({
      maxMembers: 1,
      minCoverage: { level: 'REGION', count: 3 },
    });
  });

  it('refuses the same mandataire on a second consortium for the same tender (R2142-23)', async () => {
    const [first] = bids as [(typeof bids)[0]];
    // FEW-2027-1's mandataire is workshop 2: a second consortium of the network under it.
    const again = federationBid('FEW-2027-1', 2, {});
    const refused = await coordinator.post('/api/scenarios').send(again).expect(409);
    expect(refused.body).toMatchObject({
      code: 'DUPLICATE_TENDER',
      details: { bidId: first.id },
      problems: [expect.objectContaining({ path: 'consortium.mandataire' })],
    });
    expect(refused.body.message).toMatch(/ETA 02 est déjà mandataire .*R2142-23/);
    const [count] = await system.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM bids WHERE network_id = $1',
      [networkId],
    );
    expect(count?.n).toBe(3);
  });
});
