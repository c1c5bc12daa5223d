/** Identifier schemes for organisations: France (INSEE Sirene) and Belgium (Banque-Carrefour). */
export const IDENTIFIER_SCHEMES = ['SIRET', 'SIREN', 'BCE'] as const;
export type IdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];

/** La Poste's establishments do not follow Luhn: their SIRET digit sum is a multiple of 5. */
const LA_POSTE_SIREN = '356000000';
/** Except La Poste's head office, whose SIRET keeps a Luhn key (its digit sum is 26). */
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

/** Removes the spaces, dots and dashes people type inside identifiers. */
export function normalizeIdentifier(value: string): string {
  return value.replace(/[\s.-]/g, '');
}

/**
 * Checks an identifier's shape and check digits. Returns null when valid, or the reason in French.
 * SIREN: 9 digits, Luhn. SIRET: 14 digits (SIREN + NIC), Luhn, except La Poste (sum of digits
 * divisible by 5). BCE/KBO: 10 digits starting with 0 or 1, the last two = 97 - (first eight mod 97).
 */
export function identifierProblem(scheme: IdentifierScheme, raw: string): string | null {
  const value = normalizeIdentifier(raw);
  switch (scheme) {
    case 'SIREN':
      if (!/^\d{9}$/.test(value)) return 'un SIREN compte 9 chiffres';
      return luhnValid(value) ? null : 'SIREN invalide (clé de contrôle de Luhn incorrecte)';
    case 'SIRET':
      if (!/^\d{14}$/.test(value)) return 'un SIRET compte 14 chiffres';
      if (value.startsWith(LA_POSTE_SIREN)) {
        return value === LA_POSTE_HEAD_OFFICE_SIRET || digitSum(value) % 5 === 0
          ? null
          : 'SIRET de La Poste invalide (somme des chiffres)';
      }
      return luhnValid(value) ? null : 'SIRET invalide (clé de contrôle de Luhn incorrecte)';
    case 'BCE': {
      if (!/^[01]\d{9}$/.test(value)) {
        return 'un numéro BCE compte 10 chiffres et commence par 0 ou 1';
      }
      const expected = 97 - (Number(value.slice(0, 8)) % 97);
      return expected === Number(value.slice(8))
        ? null
        : 'numéro BCE invalide (modulo 97 incorrect)';
    }
  }
}

export function isValidIdentifier(scheme: IdentifierScheme, value: string): boolean {
  return identifierProblem(scheme, value) === null;
}

/**
 * The organisation identifier of ETSI EN 319 412-1 (5.1.4), as a signer's certificate carries it
 * in the organizationIdentifier attribute (2.5.4.97): "NTR" (national trade register), the ISO 3166
 * country, a hyphen, then the registration. A French organisation is registered by its SIREN, the
 * legal person's number (a SIRET names one of its establishments: its first nine digits are the
 * SIREN): NTRFR-473607146. A Belgian one by its BCE/KBO number, digits only: NTRBE-0123456749.
 */
export function organizationIdentifier(scheme: string, raw: string): string {
  if (!isIdentifierScheme(scheme)) throw new RangeError(`${scheme} is no identifier scheme`);
  const value = normalizeIdentifier(raw);
  const problem = identifierProblem(scheme, value);
  if (problem) throw new RangeError(`${scheme} ${raw}: ${problem}`);
  switch (scheme) {
    case 'SIREN':
      return `NTRFR-${value}`;
    case 'SIRET':
      return `NTRFR-${value.slice(0, 9)}`;
    case 'BCE':
      return `NTRBE-${value}`;
  }
}

function isIdentifierScheme(scheme: string): scheme is IdentifierScheme {
  return (IDENTIFIER_SCHEMES as readonly string[]).includes(scheme);
}
