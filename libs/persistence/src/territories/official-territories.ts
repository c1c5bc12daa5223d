import { readFileSync } from 'node:fs';
import { type TerritoryLevel, parseTerritoryCode, qualifyTerritoryCode } from '@cordage/domain';

/** The fields Cordage reads from Etalab's files (they hold many more). */
interface EtalabArea {
  code: string;
  nom: string;
}
interface EtalabDepartement extends EtalabArea {
  region: string;
}
interface EtalabCommune extends EtalabArea {
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  departement?: string;
  /** For an arrondissement municipal: its commune (Paris, Lyon, Marseille). */
  commune?: string;
}

// Read at run time rather than imported: the communes file weighs 8 MB, too much for the compiler.
function etalab<T>(name: string): T[] {
  const file = require.resolve(`@etalab/decoupage-administratif/data/${name}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as T[];
}

export interface OfficialTerritory {
  code: string;
  level: TerritoryLevel;
  name: string;
  parentCode: string | null;
}

/**
 * The French geography of the current COG, as published by Etalab: régions, départements, EPT,
 * EPCI and communes (with Paris, Lyon and Marseille's arrondissements under their commune).
 * Parents follow the administrative tree: commune -> département -> région.
 */
export function officialTerritories(): OfficialTerritory[] {
  const rows: OfficialTerritory[] = [];
  const add = (level: TerritoryLevel, local: string, name: string, parent: string | null) =>
    rows.push({ code: qualifyTerritoryCode(level, local), level, name, parentCode: parent });

  const regions = etalab<EtalabArea>('regions');
  const departements = etalab<EtalabDepartement>('departements');
  const ept = etalab<EtalabArea>('ept');
  const epci = etalab<EtalabArea>('epci');
  const communes = etalab<EtalabCommune>('communes');

  for (const region of regions) add('REG', region.code, region.nom, null);
  for (const departement of departements) {
    add('DEP', departement.code, departement.nom, qualifyTerritoryCode('REG', departement.region));
  }
  for (const territory of ept) add('EPT', territory.code, territory.nom, null);
  for (const territory of epci) add('EPCI', territory.code, territory.nom, null);
  for (const commune of communes) {
    if (commune.type === 'commune-actuelle' && commune.departement) {
      add('COM', commune.code, commune.nom, qualifyTerritoryCode('DEP', commune.departement));
    } else if (commune.type === 'arrondissement-municipal' && commune.commune) {
      add('COM', commune.code, commune.nom, qualifyTerritoryCode('COM', commune.commune));
    }
  }
  // A code the domain would refuse could never be referenced: keep the seed and the rules aligned.
  return rows.filter((row) => parseTerritoryCode(row.code).ok);
}
