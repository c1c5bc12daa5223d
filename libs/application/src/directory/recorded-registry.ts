import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  IDENTIFIER_SCHEMES,
  type IdentifierScheme,
  type OfficialRegistry,
  ORGANISATION_KINDS,
  type OrganisationKind,
  type RegistryRecord,
  normalizeIdentifier,
} from '@cordage/domain';

/**
 * The SIAE list as the inclusion platform's api answers it (`GET /api/v1/siaes/`: a page of
 * `results`), restricted to the fields read here.
 */
interface SiaeListing {
  results: {
    siret: string;
    type: string;
    raison_sociale: string;
    adresse_ligne_1?: string | null;
    adresse_ligne_2?: string | null;
    code_postal?: string | null;
    ville?: string | null;
    departement?: string | null;
    telephone?: string | null;
    courriel?: string | null;
  }[];
}

/** The adapted-work lists (EA, ESAT in France, ETA in Belgium) as published, one line a structure. */
interface AdaptedWorkListing {
  structures: {
    type: string;
    schema: string;
    identifiant: string;
    raison_sociale: string;
    adresse?: string | null;
    numero_reconnaissance?: string | null;
    date_reconnaissance?: string | null;
    territoires?: string[];
    courriel?: string | null;
    telephone?: string | null;
  }[];
}

const kindOf = (type: string): OrganisationKind =>
  (ORGANISATION_KINDS as readonly string[]).includes(type.toUpperCase())
    ? (type.toUpperCase() as OrganisationKind)
    : 'OTHER';

const joined = (...parts: (string | null | undefined)[]) =>
  parts.filter((part): part is string => Boolean(part && part.trim())).join(', ') || null;

/** Where the recorded files are: REGISTRY_RECORDINGS_DIR, or examples/registries of the checkout. */
export function registryRecordingsDir(): string {
  return process.env.REGISTRY_RECORDINGS_DIR ?? path.resolve(process.cwd(), 'examples/registries');
}

/**
 * The official registries read from recorded files (they cannot be fetched from here): siae.json
 * and adapted-work.json in `dir`. Read once, on first use.
 */
export class RecordedRegistry implements OfficialRegistry {
  private records: Promise<RegistryRecord[]> | null = null;

  constructor(private readonly dir: string = registryRecordingsDir()) {}

  async lookup(idScheme: IdentifierScheme, idValue: string): Promise<RegistryRecord | null> {
    const wanted = normalizeIdentifier(idValue);
    const records = await (this.records ??= this.load());
    return (
      records.find((record) => record.idScheme === idScheme && record.idValue === wanted) ??
      // A SIREN finds the first establishment of its firm.
      (idScheme === 'SIREN'
        ? records.find((record) => record.idScheme === 'SIRET' && record.idValue.startsWith(wanted))
        : undefined) ??
      null
    );
  }

  private async load(): Promise<RegistryRecord[]> {
    const read = async <T>(name: string): Promise<T | null> => {
      try {
        return JSON.parse(await readFile(path.join(this.dir, name), 'utf8')) as T;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    };
    const siae = (await read<SiaeListing>('siae.json'))?.results ?? [];
    const adapted = (await read<AdaptedWorkListing>('adapted-work.json'))?.structures ?? [];
    return [
      ...siae.map((entry): RegistryRecord => ({
        source: 'SIAE',
        idScheme: 'SIRET',
        idValue: normalizeIdentifier(entry.siret),
        legalName: entry.raison_sociale,
        kind: kindOf(entry.type),
        legalForm: null,
        address: joined(
          entry.adresse_ligne_1,
          entry.adresse_ligne_2,
          joined(entry.code_postal, entry.ville)?.replace(', ', ' '),
        ),
        approvalNumber: null,
        approvalDate: null,
        territories: entry.departement ? [`DEP:${entry.departement}`] : [],
        contactEmail: entry.courriel ?? null,
        contactPhone: entry.telephone ?? null,
      })),
      ...adapted
        .filter((entry) => (IDENTIFIER_SCHEMES as readonly string[]).includes(entry.schema))
        .map((entry): RegistryRecord => ({
          source: entry.type.toUpperCase() === 'ETA' ? 'ETA' : 'EA',
          idScheme: entry.schema as IdentifierScheme,
          idValue: normalizeIdentifier(entry.identifiant),
          legalName: entry.raison_sociale,
          kind: kindOf(entry.type),
          legalForm: null,
          address: entry.adresse ?? null,
          approvalNumber: entry.numero_reconnaissance ?? null,
          approvalDate: entry.date_reconnaissance ?? null,
          territories: entry.territoires ?? [],
          contactEmail: entry.courriel ?? null,
          contactPhone: entry.telephone ?? null,
        })),
    ];
  }
}
