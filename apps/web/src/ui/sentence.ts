/**
 * The api and the domain word a field's problem as a phrase (« un SIRET compte 14 chiffres »),
 * to be composed; next to a field, a sentence reads better.
 */
export function sentence(phrase: string): string {
  const text = phrase.trim();
  if (text === '') return text;
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
