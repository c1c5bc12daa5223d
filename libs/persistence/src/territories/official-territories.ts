import communes from '@etalab/decoupage-administratif/data/communes.json';
import departements from '@etalab/decoupage-administratif/data/departements.json';
import epci from '@etalab/decoupage-administratif/data/epci.json';
import ept from '@etalab/decoupage-administratif/data/ept.json';
import regions from '@etalab/decoupage-administratif/data/regions.json';
import { type TerritoryLevel, parseTerritoryCode, qualifyTerritoryCode } from '@cordage/domain';

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

  for (const region of regions) add('REG', region.code, region.nom, null);
  for (const departement of departements) {
    add('DEP', departement.code, departement.nom, qualifyTerritoryCode('REG', departement.region));
  }
  for (const territory of ept) add('EPT', territory.code, territory.nom, null);
  for (const territory of epci) add('EPCI', territory.code, territory.nom, null);
  for (const commune of communes) {
    if (commune.type === 'commune-actuelle' && commune.departement) {
      add('COM', commune.code, commune.nom, qualifyTerritoryCode('DEP', commune.departement));
    } else if (commune.type === 'arrondissement-municipal' && 'commune' in commune) {
      add('COM', commune.code, commune.nom, qualifyTerritoryCode('COM', String(commune.commune)));
    }
  }
  // A code the domain would refuse could never be referenced: keep the seed and the rules aligned.
  return rows.filter((row) => parseTerritoryCode(row.code).ok);
}
