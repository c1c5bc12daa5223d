import { describe, expect, it } from '@jest/globals';
import { describePath, sectionOf, sentence, withinSheet } from './words';

describe('the import’s problems in the user’s words', () => {
  it.each([
    ['offers[12].territory', 'Offre n° 13 › territoire'],
    ['tender.lots[0].amountCents', 'Lot n° 1 › montant HT (en centimes dans le fichier)'],
    [
      'organizations[2].particulars.legalForm',
      'Organisation n° 3 › informations de la convention › forme juridique',
    ],
    ['tender.exclusiveMembership', 'Interdiction d’être membre de plusieurs groupements'],
    [
      'limits[0].maxRevenueCents',
      'Limite n° 1 › chiffre d’affaires maximal (en centimes dans le fichier)',
    ],
    ['offers[0].heures', 'Offre n° 1 › « heures »'],
  ])('says %s as « %s », never the format’s field names', (path, words) => {
    expect(describePath(path)).toBe(words);
  });

  it('leaves a workbook location as it is written, its sheet heading the group', () => {
    const location = 'feuille « Lots », ligne 2, colonne C « Montant HT (€) »';
    expect(describePath(location)).toBeNull();
    expect(sectionOf(location)).toBe('Feuille « Lots »');
    expect(withinSheet(location)).toBe('Ligne 2, colonne C « Montant HT (€) »');
  });

  it('groups a JSON file’s problems by section and makes messages sentences', () => {
    expect(sectionOf('tender.lots[1].cells[0].territory')).toBe('Lots et territoires');
    expect(sectionOf('offers[3].org')).toBe('Offres');
    expect(sentence('territoire inconnu COM:99999')).toBe('Territoire inconnu COM:99999.');
  });
});
