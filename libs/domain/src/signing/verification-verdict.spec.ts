import { type VerifiedSignature, signatureVerdict } from './verification-verdict';

const good: VerifiedSignature = { valid: true, coversWholeFile: true, record: {} };
const signatures = (count: number, change: Partial<VerifiedSignature> = {}, changed = count) =>
  Array.from({ length: count }, (_, i) => (i < changed ? { ...good, ...change } : good));

describe('signatureVerdict', () => {
  it('says that a PDF carries no signature', () => {
    expect(signatureVerdict([])).toBe('Ce PDF ne porte aucune signature.');
  });

  it('agrees in number: "La signature est valide", "Les 2 signatures sont valides"', () => {
    expect(signatureVerdict([good])).toBe(
      'La signature est valide et conforme aux enregistrements de Cordage.',
    );
    expect(signatureVerdict(signatures(2))).toBe(
      'Les 2 signatures sont valides et conformes aux enregistrements de Cordage.',
    );
    expect(signatureVerdict(signatures(14))).toMatch(/^Les 14 signatures sont valides et/);
  });

  it('says how many signatures do not hold, never "signature(s)"', () => {
    const modified = 'le document a été modifié après la signature, ou la signature est fausse.';
    expect(signatureVerdict(signatures(1, { valid: false }))).toBe(
      `La signature n’est pas valide : ${modified}`,
    );
    expect(signatureVerdict(signatures(3, { valid: false }, 1))).toBe(
      `Une signature sur 3 n’est pas valide : ${modified}`,
    );
    expect(signatureVerdict(signatures(3, { valid: false }, 2))).toBe(
      `2 signatures sur 3 ne sont pas valides : ${modified}`,
    );
    expect(signatureVerdict(signatures(2, { valid: false }))).toBe(
      `Aucune des 2 signatures n’est valide : ${modified}`,
    );
    for (const count of [1, 2, 3]) {
      expect(signatureVerdict(signatures(count, { valid: false }, 1))).not.toContain('(s)');
    }
  });

  it('says that bytes were added after the last signature', () => {
    expect(signatureVerdict([{ ...good, coversWholeFile: false }])).toBe(
      'La signature est valide, mais des données ont été ajoutées au fichier après elle : ' +
        'aucune signature ne les couvre.',
    );
    expect(signatureVerdict([good, { ...good, coversWholeFile: false }])).toMatch(
      /^Les 2 signatures sont valides, mais des données ont été ajoutées au fichier après la dernière/,
    );
  });

  it('says which valid signatures Cordage did not record', () => {
    expect(signatureVerdict([{ ...good, record: null }])).toBe(
      'La signature est valide, mais elle ne correspond à aucun enregistrement de Cordage.',
    );
    expect(signatureVerdict(signatures(3, { record: null }, 1))).toBe(
      'Les 3 signatures sont valides ; l’une d’elles ne correspond à aucun enregistrement de Cordage.',
    );
    expect(signatureVerdict(signatures(3, { record: null }, 2))).toBe(
      'Les 3 signatures sont valides ; 2 d’entre elles ne correspondent à aucun enregistrement de Cordage.',
    );
    expect(signatureVerdict(signatures(2, { record: null }))).toBe(
      'Les 2 signatures sont valides, mais aucune ne correspond à un enregistrement de Cordage.',
    );
  });
});
