import {
  DIRECTORY_COLUMNS,
  assessCommitments,
  declarationWarnings,
  newDirectoryOrganisationSchema,
  patchDetails,
  readDirectoryFile,
  sizeOf,
  splitEntry,
  type BidCommitment,
  type CellValue,
} from './index';

/** 14 digits with a Luhn key. */
function siret(body: string): string {
  for (let digit = 0; digit <= 9; digit++) {
    const candidate = `${body}${digit}`;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let value = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) value = value * 2 > 9 ? value * 2 - 9 : value * 2;
      sum += value;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

const SIRET = siret('7123000000001');
const badSiret = `${SIRET.slice(0, 13)}${(Number(SIRET[13]) + 1) % 10}`;

const entry = {
  idScheme: 'SIRET',
  id: SIRET,
  legalName: 'Atelier du Canal',
  kind: 'ESAT',
  territories: ['DEP:93'],
  representatives: [{ name: 'Anne Dupont', title: 'directrice', email: 'anne@canal.test' }],
};

describe('the network directory: an entry', () => {
  it('keeps the shared identity apart from what the network knows', () => {
    const parsed = newDirectoryOrganisationSchema.parse({
      ...entry,
      id: `${SIRET.slice(0, 3)} ${SIRET.slice(3)}`,
      staff: 42,
      limits: { maxHours: 1000 },
    });
    const { identity, details } = splitEntry(parsed);
    expect(identity).toEqual({
      idScheme: 'SIRET',
      idValue: SIRET,
      legalName: 'Atelier du Canal',
      kind: 'ESAT',
    });
    expect(details).toMatchObject({
      staff: 42,
      territories: ['DEP:93'],
      limits: { maxHours: 1000, maxRevenueCents: null, maxInsertionHours: null },
    });
    expect(patchDetails(details, { staff: 50 }).staff).toBe(50);
  });

  it('names the field of each problem in French', () => {
    const result = newDirectoryOrganisationSchema.safeParse({
      ...entry,
      id: badSiret,
      kind: 'SCOP',
      approvalDate: '2026-02-30',
      staff: -1,
    });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        'id: identifiant : SIRET invalide (clé de contrôle de Luhn incorrecte)',
        expect.stringMatching(/^kind: type : une valeur parmi EI, AI/),
        'approvalDate: date d’agrément : une date AAAA-MM-JJ est attendue',
        'staff: effectif : un nombre positif ou nul est attendu',
      ]),
    );
  });

  it('sorts organisations by size band', () => {
    expect([null, 0, 9, 10, 49, 50, 249, 250].map(sizeOf)).toEqual([
      null,
      'MICRO',
      'MICRO',
      'SMALL',
      'SMALL',
      'MEDIUM',
      'MEDIUM',
      'LARGE',
    ]);
  });
});

describe('the members file', () => {
  const header = DIRECTORY_COLUMNS.map((column) => column.header);
  const row = (values: Partial<Record<string, CellValue>>): CellValue[] =>
    DIRECTORY_COLUMNS.map((column) => values[column.key]);
  const good = {
    id: SIRET,
    legalName: 'Atelier du Canal',
    kind: 'esat',
    territories: 'DEP:93, DEP:94',
    representativeName: 'Anne Dupont',
    representativeTitle: 'directrice',
    representativeEmail: 'anne@canal.test',
    maxRevenue: '12 500,50',
    approvalDate: '03/04/2021',
  };

  it('reads a line, guessing the scheme from the length and euros into cents', () => {
    const reading = readDirectoryFile(header, [{ line: 2, cells: row(good) }]);
    expect(reading.problems).toEqual([]);
    expect(reading.rows[0]).toMatchObject({
      line: 2,
      entry: {
        idScheme: 'SIRET',
        kind: 'ESAT',
        territories: ['DEP:93', 'DEP:94'],
        approvalDate: '2021-04-03',
        limits: { maxRevenueCents: 1_250_050 },
      },
    });
  });

  it('locates every problem by line and column, in the user’s words', () => {
    const reading = readDirectoryFile(header, [
      { line: 2, cells: row(good) },
      { line: 3, cells: row({ ...good, id: badSiret, kind: 'SCOP' }) },
      { line: 4, cells: row({ ...good, maxHours: '1.200' }) },
      { line: 5, cells: row(good) },
      { line: 6, cells: row({}) },
    ]);
    expect(reading.problems).toEqual([
      {
        path: 'ligne 3, colonne « Identifiant »',
        code: 'INVALID_VALUE',
        message: 'identifiant : SIRET invalide (clé de contrôle de Luhn incorrecte)',
      },
      expect.objectContaining({ path: 'ligne 3, colonne « Type de structure »' }),
      expect.objectContaining({
        path: 'ligne 4, colonne « Heures maximum »',
        code: 'INVALID_NUMBER',
      }),
      {
        path: 'ligne 5, colonne « Identifiant »',
        code: 'DUPLICATE_IDENTIFIER',
        message: 'identifiant : déjà donné ligne 2',
      },
    ]);
  });

  it('names a missing or unknown column', () => {
    const reading = readDirectoryFile(['Identifiant', 'Raison sociale', 'Couleur'], []);
    expect(reading.problems.map((problem) => problem.message)).toEqual(
      expect.arrayContaining([
        'colonne « Couleur » inconnue : reprenez les en-têtes du modèle',
        'colonne « Type de structure » absente',
      ]),
    );
  });
});

describe('commitments across bids', () => {
  const bid = (n: number, hours: number, allocated: number | null = null): BidCommitment => ({
    bidId: `bid-${n}`,
    reference: `REF-${n}`,
    title: `Marché ${n}`,
    declared: { HOURS: hours, REVENUE: null, INSERTION_HOURS: 100 },
    allocated:
      allocated === null ? null : { HOURS: allocated, REVENUE: 50_000, INSERTION_HOURS: 10 },
  });
  const limits = { maxHours: 1000, maxRevenueCents: 40_000, maxInsertionHours: null };

  it('totals what was declared and allocated, and reports each limit gone beyond', () => {
    const assessment = assessCommitments(limits, [bid(1, 600, 500), bid(2, 500.25)]);
    expect(assessment.totals.DECLARED).toEqual({
      HOURS: 1100.25,
      REVENUE: 0,
      INSERTION_HOURS: 200,
    });
    expect(assessment.overages.map((o) => [o.basis, o.measure, o.total])).toEqual([
      ['DECLARED', 'HOURS', 1100.25],
      ['ALLOCATED', 'REVENUE', 50_000],
    ]);
  });

  it('warns a declaration beyond the limits, naming the other bids, and says nothing within them', () => {
    const bids = [bid(1, 400), bid(2, 400), bid(3, 300)];
    const [warning, ...others] = declarationWarnings(limits, bids, 'bid-3');
    expect(others).toEqual([]);
    expect(warning).toMatchObject({
      code: 'COMMITMENT_EXCEEDED',
      measure: 'HOURS',
      limit: 1000,
      total: 1100,
      otherBids: [
        { bidId: 'bid-1', reference: 'REF-1', title: 'Marché 1' },
        { bidId: 'bid-2', reference: 'REF-2', title: 'Marché 2' },
      ],
    });
    expect(warning?.message).toContain('REF-1 « Marché 1 », REF-2 « Marché 2 »');
    expect(declarationWarnings(limits, [bid(1, 400), bid(3, 300)], 'bid-3')).toEqual([]);
  });
});
