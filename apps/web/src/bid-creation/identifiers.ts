// The same checks as the api (libs/domain/src/identifiers/identifier.ts), with messages for a form.

export const IDENTIFIER_SCHEMES = ['SIRET', 'SIREN', 'BCE'] as const;
export type IdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];

export const IDENTIFIER_SCHEME_LABEL: Record<IdentifierScheme, string> = {
  SIRET: 'SIRET (établissement, 14 chiffres)',
  SIREN: 'SIREN (entreprise, 9 chiffres)',
  BCE: 'BCE (Belgique, 10 chiffres)',
};

/** La Poste's establishments do not follow Luhn: their SIRET digit sum is a multiple of 5. */
const LA_POSTE_SIREN = '356000000';
/** Except La Poste's head office, whose SIRET keeps a Luhn key. */
const LA_POSTE_HEAD_OFFICE_SIRET = '35600000000048';

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (const char of digits) sum += char.charCodeAt(0) - 48;
  return sum;
}

/** Removes the spaces, dots and dashes people type inside identifiers, as the api does. */
export const normalizeIdentifier = (value: string): string => value.replace(/[\s.-]/g, '');

/** Null when the identifier is valid, else what is wrong, in a sentence. */
export function identifierProblem(scheme: IdentifierScheme, raw: string): string | null {
  const value = normalizeIdentifier(raw);
  if (value === '') return 'Indiquez le numéro d’identification.';
  switch (scheme) {
    case 'SIREN':
      if (!/^\d{9}$/.test(value)) return 'Un SIREN compte 9 chiffres.';
      return luhnValid(value)
        ? null
        : 'Ce SIREN n’existe pas : sa clé de contrôle est incorrecte. Vérifiez chaque chiffre.';
    case 'SIRET':
      if (!/^\d{14}$/.test(value)) return 'Un SIRET compte 14 chiffres.';
      if (value.startsWith(LA_POSTE_SIREN)) {
        return value === LA_POSTE_HEAD_OFFICE_SIRET || digitSum(value) % 5 === 0
          ? null
          : 'Ce SIRET de La Poste est incorrect (somme des chiffres). Vérifiez chaque chiffre.';
      }
      return luhnValid(value)
        ? null
        : 'Ce SIRET n’existe pas : sa clé de contrôle est incorrecte. Vérifiez chaque chiffre.';
    case 'BCE': {
      if (!/^[01]\d{9}$/.test(value)) {
        return 'Un numéro BCE compte 10 chiffres et commence par 0 ou 1.';
      }
      const expected = 97 - (Number(value.slice(0, 8)) % 97);
      return expected === Number(value.slice(8))
        ? null
        : 'Ce numéro BCE est incorrect (modulo 97). Vérifiez chaque chiffre.';
    }
  }
}
