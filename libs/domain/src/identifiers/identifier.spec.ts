import fc from 'fast-check';
import {
  IDENTIFIER_SCHEMES,
  identifierProblem,
  isValidIdentifier,
  normalizeIdentifier,
  organizationIdentifier,
} from './identifier';

/** The BCE check: the last two digits are 97 - (first eight mod 97). */
function bceCheck(body: string): string {
  return String(97 - (Number(body) % 97)).padStart(2, '0');
}

describe('normalizeIdentifier', () => {
  it('removes the spaces, dots and dashes people type', () => {
    expect(normalizeIdentifier('552 032 534')).toBe('552032534');
    expect(normalizeIdentifier('0202.239.951')).toBe('0202239951');
    expect(normalizeIdentifier('443-061-841-00047')).toBe('44306184100047');
    expect(normalizeIdentifier(' 443 061\t841\u00a000047 ')).toBe('44306184100047');
  });

  it('leaves letters and other characters in place', () => {
    expect(normalizeIdentifier('55203253A')).toBe('55203253A');
    expect(normalizeIdentifier('552/032/534')).toBe('552/032/534');
  });
});

describe('identifierProblem', () => {
  it('knows the three schemes', () => {
    expect(IDENTIFIER_SCHEMES).toEqual(['SIRET', 'SIREN', 'BCE']);
  });

  describe('SIREN', () => {
    it.each([
      ['552032534', 'Danone'],
      ['441639465', 'Renault'],
      ['420495178', 'Air France'],
      ['855200507', 'Michelin'],
      ['632012100', 'L’Oréal'],
      ['356000000', 'La Poste'],
    ])('accepts %s (%s)', (siren) => {
      expect(identifierProblem('SIREN', siren)).toBeNull();
      expect(isValidIdentifier('SIREN', siren)).toBe(true);
    });

    it('tolerates spaces, dots and dashes', () => {
      expect(identifierProblem('SIREN', '552 032 534')).toBeNull();
      expect(identifierProblem('SIREN', '552.032.534')).toBeNull();
      expect(identifierProblem('SIREN', '552-032-534')).toBeNull();
    });

    it.each(['552032535', '552032530', '441639466', '123456789'])(
      'refuses %s, whose Luhn key is wrong',
      (siren) => {
        expect(identifierProblem('SIREN', siren)).toBe(
          'SIREN invalide (clé de contrôle de Luhn incorrecte)',
        );
        expect(isValidIdentifier('SIREN', siren)).toBe(false);
      },
    );

    it.each(['', '55203253', '5520325340', '55203253A', '552/032/534', '552032534000'])(
      'refuses %j, which is not 9 digits',
      (siren) => {
        expect(identifierProblem('SIREN', siren)).toBe('un SIREN compte 9 chiffres');
      },
    );

    it('a SIRET is not a SIREN', () => {
      expect(identifierProblem('SIREN', '44306184100047')).toBe('un SIREN compte 9 chiffres');
    });
  });

  describe('SIRET', () => {
    it.each([
      ['44306184100047', 'Google France'],
      ['55203253400646', 'Danone, siège'],
      ['22930008201453', 'Département de la Seine-Saint-Denis'],
      ['35600000000048', 'La Poste, siège (clé de Luhn)'],
    ])('accepts %s (%s)', (siret) => {
      expect(identifierProblem('SIRET', siret)).toBeNull();
      expect(isValidIdentifier('SIRET', siret)).toBe(true);
    });

    it('tolerates spaces, dots and dashes', () => {
      expect(identifierProblem('SIRET', '443 061 841 00047')).toBeNull();
      expect(identifierProblem('SIRET', '443.061.841.00047')).toBeNull();
      expect(identifierProblem('SIRET', '443-061-841-00047')).toBeNull();
    });

    it.each(['44306184100048', '55203253400017', '12345678901234'])(
      'refuses %s, whose Luhn key is wrong',
      (siret) => {
        expect(identifierProblem('SIRET', siret)).toBe(
          'SIRET invalide (clé de contrôle de Luhn incorrecte)',
        );
        expect(isValidIdentifier('SIRET', siret)).toBe(false);
      },
    );

    it.each(['', '4430618410004', '443061841000470', '552032534', '4430618410004A'])(
      'refuses %j, which is not 14 digits',
      (siret) => {
        expect(identifierProblem('SIRET', siret)).toBe('un SIRET compte 14 chiffres');
      },
    );

    describe('La Poste (SIREN 356000000)', () => {
      it.each(['35600000000001', '35600000000010', '35600000000100'])(
        'accepts %s: its digit sum is a multiple of 5 although Luhn fails',
        (siret) => {
          const sum = [...siret].reduce((total, digit) => total + Number(digit), 0);
          expect(sum % 5).toBe(0);
          expect(identifierProblem('SIRET', siret)).toBeNull();
        },
      );

      it('accepts the head office 356 000 000 00048, which keeps a Luhn key', () => {
        expect(identifierProblem('SIRET', '356 000 000 00048')).toBeNull();
      });

      it.each([
        ['35600000000002', 'digit sum 16, Luhn fails'],
        ['35600000000019', 'digit sum 24'],
        ['35600000000014', 'digit sum 19, though Luhn passes'],
      ])('refuses %s (%s)', (siret) => {
        expect(identifierProblem('SIRET', siret)).toBe(
          'SIRET de La Poste invalide (somme des chiffres)',
        );
      });

      it('does not extend the exception to other SIRENs', () => {
        // Digit sum 15, Luhn fails: only La Poste may do that.
        expect(identifierProblem('SIRET', '35600000100000')).toBe(
          'SIRET invalide (clé de contrôle de Luhn incorrecte)',
        );
      });
    });
  });

  describe('BCE', () => {
    it.each([
      ['0202239951', 'Proximus'],
      ['0202.239.951', 'Proximus, dotted'],
      ['0202 239 951', 'Proximus, spaced'],
      [`04031707${bceCheck('04031707')}`, 'computed'],
      [`10000000${bceCheck('10000000')}`, 'computed, starting with 1'],
      ['0000000097', 'first eight multiple of 97: the check is 97'],
    ])('accepts %s (%s)', (bce) => {
      expect(identifierProblem('BCE', bce)).toBeNull();
      expect(isValidIdentifier('BCE', bce)).toBe(true);
    });

    it('computes the example check digits', () => {
      expect(bceCheck('02022399')).toBe('51');
      expect(bceCheck('04031707')).toBe('01');
    });

    it.each(['0202239952', '0202239950', '0202239900', '0000000000'])(
      'refuses %s, whose modulo 97 is wrong',
      (bce) => {
        expect(identifierProblem('BCE', bce)).toBe('numéro BCE invalide (modulo 97 incorrect)');
        expect(isValidIdentifier('BCE', bce)).toBe(false);
      },
    );

    it.each(['', '020223995', '02022399511', '2202239951', '9202239951', 'BE0202239951'])(
      'refuses %j: not 10 digits starting with 0 or 1',
      (bce) => {
        expect(identifierProblem('BCE', bce)).toBe(
          'un numéro BCE compte 10 chiffres et commence par 0 ou 1',
        );
      },
    );
  });

  it('explains every failure in French, saying why', () => {
    const failures: [Parameters<typeof identifierProblem>[0], string, RegExp][] = [
      ['SIREN', '12345', /SIREN.*9 chiffres/],
      ['SIREN', '552032535', /SIREN invalide.*clé de contrôle de Luhn/],
      ['SIRET', '12345', /SIRET.*14 chiffres/],
      ['SIRET', '44306184100048', /SIRET invalide.*clé de contrôle de Luhn/],
      ['SIRET', '35600000000002', /La Poste.*somme des chiffres/],
      ['BCE', '2202239951', /BCE.*10 chiffres.*0 ou 1/],
      ['BCE', '0202239952', /BCE invalide.*modulo 97/],
    ];
    for (const [scheme, value, reason] of failures) {
      expect(identifierProblem(scheme, value)).toMatch(reason);
    }
  });

  describe('properties', () => {
    const digits = (length: number) =>
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });

    it('for any 8-digit SIREN body, exactly one check digit makes it valid', () => {
      fc.assert(
        fc.property(digits(8), (body) => {
          const valid = [...'0123456789'].filter(
            (check) => identifierProblem('SIREN', body + check) === null,
          );
          expect(valid).toHaveLength(1);
        }),
      );
    });

    it('for any SIRET outside La Poste, exactly one last digit makes it valid', () => {
      fc.assert(
        fc.property(
          digits(13).filter((body) => !body.startsWith('356000000')),
          (body) => {
            const valid = [...'0123456789'].filter(
              (check) => identifierProblem('SIRET', body + check) === null,
            );
            expect(valid).toHaveLength(1);
          },
        ),
      );
    });

    it('for any 8-digit BCE body starting with 0 or 1, the computed check passes and no other', () => {
      fc.assert(
        fc.property(fc.constantFrom('0', '1'), digits(7), (first, rest) => {
          const body = first + rest;
          const expected = bceCheck(body);
          expect(identifierProblem('BCE', body + expected)).toBeNull();
          for (let other = 0; other < 100; other++) {
            const check = String(other).padStart(2, '0');
            if (check === expected) continue;
            expect(identifierProblem('BCE', body + check)).toBe(
              'numéro BCE invalide (modulo 97 incorrect)',
            );
          }
        }),
      );
    });

    it('ignores the separators it tolerates', () => {
      fc.assert(
        fc.property(
          digits(9),
          fc.array(fc.constantFrom(' ', '.', '-'), { minLength: 9, maxLength: 9 }),
          (siren, separators) => {
            const typed = [...siren].map((digit, i) => digit + separators[i]).join('');
            expect(normalizeIdentifier(typed)).toBe(siren);
            expect(identifierProblem('SIREN', typed)).toBe(identifierProblem('SIREN', siren));
          },
        ),
      );
    });
  });
});

describe('organizationIdentifier (ETSI EN 319 412-1)', () => {
  it('names a French organisation by its SIREN, the legal person, even from a SIRET', () => {
    expect(organizationIdentifier('SIREN', '552 100 554')).toBe('NTRFR-552100554');
    expect(organizationIdentifier('SIRET', '552 100 554 00013')).toBe('NTRFR-552100554');
  });

  it('names a Belgian organisation by its BCE number, digits only', () => {
    expect(organizationIdentifier('BCE', '0123.456.749')).toBe('NTRBE-0123456749');
  });

  it('has the form of the standard: NTR, the country, a hyphen, the registration', () => {
    for (const [scheme, value] of [
      ['SIRET', '55210055400013'],
      ['SIREN', '552100554'],
      ['BCE', '0123456749'],
    ] as const) {
      expect(organizationIdentifier(scheme, value)).toMatch(/^NTR(FR|BE)-\d+$/);
    }
  });

  it('refuses an identifier that is not valid rather than certify it', () => {
    expect(() => organizationIdentifier('SIRET', '55210055400014')).toThrow(RangeError);
    expect(() => organizationIdentifier('RNA', 'W931234567')).toThrow(RangeError);
  });
});
