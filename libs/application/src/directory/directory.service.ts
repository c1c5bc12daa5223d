import { Inject, Injectable } from '@nestjs/common';
import {
  type Actor,
  type CommitmentAssessment,
  type DirectoryDetails,
  type DirectoryDetailsPatch,
  DomainError,
  DomainErrorCode,
  type IdentifierScheme,
  type NewDirectoryOrganisation,
  OFFICIAL_REGISTRY,
  type OfficialRegistry,
  type OrganisationKind,
  type OrganisationSize,
  type Problem,
  type RegistryRecord,
  SIZE_BANDS,
  assessCommitments,
  directoryCell,
  identifierProblem,
  normalizeIdentifier,
  parseTerritoryCode,
  patchDetails,
  readDirectoryFile,
  sizeOf,
  splitEntry,
} from '@cordage/domain';
import {
  type DirectoryFile,
  directoryTemplate,
  readDirectoryCsv,
  readDirectoryWorkbook,
} from '@cordage/documents';
import {
  type DirectoryBid,
  DirectoryRepository,
  type DirectoryRow,
  MembersRepository,
  Transactional,
} from '@cordage/persistence';
import { bidCommitment } from './commitments.service';
import { AuditTrail } from '../audit';

/** An organisation as the network's directory shows it. */
export interface DirectoryEntryView extends DirectoryDetails {
  organisationId: string;
  idScheme: IdentifierScheme;
  idValue: string;
  legalName: string;
  kind: OrganisationKind;
  size: OrganisationSize | null;
  updatedAt: Date;
}

/** One organisation's page: its entry, its bids in the network, its commitments. */
export interface DirectoryOrganisationPage {
  organisation: DirectoryEntryView;
  bids: DirectoryBid[];
  commitments: CommitmentAssessment & {
    bids: ReturnType<typeof bidCommitment>[];
  };
}

export interface DirectoryQuery {
  search?: string;
  kind?: OrganisationKind;
  territory?: string;
  size?: OrganisationSize;
  limit: number;
  offset: number;
}

export interface DirectoryImportResult {
  imported: number;
  /** Of which already known to Cordage (another network, a bid): identifier and name shared. */
  alreadyKnown: number;
  organisations: { line: number; organisationId: string; legalName: string }[];
}

export type DirectoryFileFormat = 'CSV' | 'XLSX';

const notListed = () =>
  new DomainError(DomainErrorCode.NOT_FOUND, 'Organisation introuvable dans l’annuaire du réseau.');

function view(row: DirectoryRow): DirectoryEntryView {
  return {
    organisationId: row.organisationId,
    idScheme: row.idScheme,
    idValue: row.idValue,
    legalName: row.legalName,
    kind: row.kind,
    size: sizeOf(row.details.staff),
    ...row.details,
    updatedAt: row.updatedAt,
  };
}

/** Where a problem about one entry is: a body's field, or a file's line and column. */
type Locate = (field: 'id' | 'territories', index: number) => string;

/**
 * The network's directory of organisations: entered once, reused by every bid (a bid that adds
 * a member by its identifier finds the same organisation). The organisation's identifier, legal
 * name and kind are shared by every network; all the rest is this network's and seen by it only.
 * Every change is audited.
 */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly members: MembersRepository,
    private readonly audit: AuditTrail,
    @Inject(OFFICIAL_REGISTRY) private readonly registry: OfficialRegistry,
  ) {}

  @Transactional()
  async list(
    networkId: string,
    query: DirectoryQuery,
  ): Promise<{ items: DirectoryEntryView[]; total: number }> {
    const band = query.size === undefined ? undefined : SIZE_BANDS[query.size];
    const { rows, total } = await this.directory.list(networkId, {
      search: query.search,
      kind: query.kind,
      territory: query.territory,
      staffFrom: band?.from,
      staffBelow: band?.below,
      limit: query.limit,
      offset: query.offset,
    });
    return { items: rows.map(view), total };
  }

  @Transactional()
  async read(networkId: string, organisationId: string): Promise<DirectoryOrganisationPage> {
    const row = await this.directory.find(networkId, organisationId);
    if (!row) throw notListed();
    const bids = await this.directory.bidsOf(networkId, organisationId);
    const commitments = (await this.directory.commitments(networkId, [organisationId])).map(
      bidCommitment,
    );
    return {
      organisation: view(row),
      bids,
      commitments: { ...assessCommitments(row.details.limits, commitments), bids: commitments },
    };
  }

  /** Adds one organisation; 409 when the network already lists it. */
  @Transactional()
  async create(
    networkId: string,
    entry: NewDirectoryOrganisation,
    actor: Actor,
  ): Promise<DirectoryEntryView> {
    await this.directory.lockNetwork(networkId);
    const [added] = await this.add(networkId, [entry], actor, (field, index) =>
      field === 'id' ? 'id' : `territories[${index}]`,
    );
    if (!added) throw new Error('one entry given, none added');
    return view(required(await this.directory.find(networkId, added.organisationId)));
  }

  @Transactional()
  async update(
    networkId: string,
    organisationId: string,
    patch: DirectoryDetailsPatch,
    actor: Actor,
  ): Promise<DirectoryEntryView> {
    const before = await this.directory.lock(networkId, organisationId);
    if (!before) throw notListed();
    const details = patchDetails(before.details, patch);
    if (patch.territories) {
      const known = await this.knownTerritories(details.territories);
      const problems = details.territories.flatMap((code, index): Problem[] =>
        known.has(code)
          ? []
          : [
              {
                path: `territories[${index}]`,
                code: 'UNKNOWN_TERRITORY',
                message: `territoires : territoire inconnu ${code}`,
              },
            ],
      );
      if (problems.length > 0) throw invalid(problems);
    }
    await this.directory.update(networkId, organisationId, details);
    await this.audit.append(actor, {
      action: 'directory.organisation_updated',
      entityType: 'organisation',
      entityId: organisationId,
      before: { networkId, ...before.details },
      after: { networkId, ...details },
    });
    return view(required(await this.directory.find(networkId, organisationId)));
  }

  /**
   * Imports the network's members from a CSV or XLSX file: all or nothing. Every problem is
   * located by line and column, and nothing is written unless there is none.
   */
  @Transactional()
  async importFile(
    networkId: string,
    file: Buffer,
    format: DirectoryFileFormat,
    actor: Actor,
  ): Promise<DirectoryImportResult> {
    const read: DirectoryFile =
      format === 'CSV' ? readDirectoryCsv(file) : await readDirectoryWorkbook(file);
    const reading = readDirectoryFile(read.header, read.lines);
    if (reading.problems.length > 0) throw invalid(reading.problems);
    await this.directory.lockNetwork(networkId);
    const known = await this.directory.organisationsByIdentifier(
      reading.rows.map(({ entry }) => ({ idScheme: entry.idScheme, idValue: entry.id })),
    );
    const added = await this.add(
      networkId,
      reading.rows.map((row) => row.entry),
      actor,
      (field, index) => {
        const line = reading.rows[index]?.line ?? 0;
        return directoryCell(line, field === 'id' ? 'id' : 'territories');
      },
      true,
    );
    await this.audit.append(actor, {
      action: 'directory.imported',
      entityType: 'network',
      entityId: networkId,
      after: { format, organisations: added.length },
    });
    return {
      imported: added.length,
      alreadyKnown: reading.rows.filter(({ entry }) => known.has(`${entry.idScheme}:${entry.id}`))
        .length,
      organisations: added.map((organisation, index) => ({
        line: reading.rows[index]?.line ?? 0,
        ...organisation,
      })),
    };
  }

  template(): Promise<Buffer> {
    return directoryTemplate();
  }

  /** What the official registries recorded for this identifier, to prefill a new entry. */
  async prefill(written: IdentifierScheme | undefined, id: string): Promise<RegistryRecord> {
    const idScheme = written ?? guessedScheme(id);
    if (idScheme === null) {
      throw invalid([
        {
          path: 'id',
          code: 'INVALID_IDENTIFIER',
          message: 'identifiant : 14 chiffres (SIRET), 9 (SIREN) ou 10 (BCE) sont attendus',
        },
      ]);
    }
    const problem = identifierProblem(idScheme, id);
    if (problem) {
      throw invalid([
        { path: 'id', code: 'INVALID_IDENTIFIER', message: `identifiant : ${problem}` },
      ]);
    }
    const record = await this.registry.lookup(idScheme, normalizeIdentifier(id));
    if (!record) {
      throw new DomainError(
        DomainErrorCode.NOT_FOUND,
        `Aucune structure ${idScheme} ${normalizeIdentifier(id)} dans les registres enregistrés.`,
      );
    }
    return record;
  }

  /**
   * Adds entries to the directory: each problem located (`locate` for a field of entry i); the
   * network's directory is locked by the caller. The shared row is created only for an
   * organisation nobody knew; one already known keeps its legal name and kind.
   */
  /**
   * The ids of the territories named, by code: the official list's, and Belgian NIS codes, which
   * exist without a list (the first to name a well-formed one declares it, as a scenario does).
   * Inside the use case's transaction: a refused change declares nothing.
   */
  private async knownTerritories(codes: readonly string[]): Promise<Map<string, string>> {
    await this.directory.declareBelgianTerritories(
      codes.filter((code) => {
        const parsed = parseTerritoryCode(code);
        return parsed.ok && parsed.value.level === 'BE';
      }),
    );
    return this.directory.officialTerritories(codes);
  }

  private async add(
    networkId: string,
    entries: readonly NewDirectoryOrganisation[],
    actor: Actor,
    locate: Locate,
    asFile = false,
  ): Promise<{ organisationId: string; legalName: string }[]> {
    const territoryIds = await this.knownTerritories(entries.flatMap((entry) => entry.territories));
    const known = await this.directory.organisationsByIdentifier(
      entries.map((entry) => ({ idScheme: entry.idScheme, idValue: entry.id })),
    );
    const listed = await this.directory.listed(networkId, [...known.values()]);
    const problems: Problem[] = [];
    let alreadyListed: Problem | null = null;
    entries.forEach((entry, index) => {
      const organisationId = known.get(`${entry.idScheme}:${entry.id}`);
      // Listed with details already: refused; listed bare (by a bid): its details are entered.
      if (organisationId !== undefined && listed.get(organisationId)?.bare === false) {
        const problem = {
          path: locate('id', index),
          code: 'ALREADY_IN_DIRECTORY',
          message: `identifiant : ${entry.idScheme} ${entry.id} est déjà dans l’annuaire du réseau`,
        };
        alreadyListed ??= problem;
        problems.push(problem);
      }
      const unknown = entry.territories.filter((code) => !territoryIds.has(code));
      if (unknown.length > 0) {
        problems.push({
          path: asFile
            ? locate('territories', index)
            : locate('territories', entry.territories.indexOf(unknown[0] ?? '')),
          code: 'UNKNOWN_TERRITORY',
          message: `territoires : ${unknown.length > 1 ? 'territoires inconnus' : 'territoire inconnu'} ${unknown.join(', ')}`,
        });
      }
    });
    if (!asFile && alreadyListed !== null && problems.length === 1) {
      throw new DomainError(
        DomainErrorCode.ALREADY_IN_DIRECTORY,
        'Cette organisation est déjà dans l’annuaire du réseau : modifiez sa fiche.',
        [alreadyListed],
      );
    }
    if (problems.length > 0) throw invalid(problems);

    const added: { organisationId: string; legalName: string }[] = [];
    for (const entry of entries) {
      const { identity, details } = splitEntry(entry);
      let organisationId = known.get(`${identity.idScheme}:${identity.idValue}`);
      let legalName = identity.legalName;
      if (organisationId === undefined) {
        // The shared row holds what every network may see (identifier, legal name, kind): the
        // network's staff, territories and representatives stay in its own entry (issue 17).
        const organisation = await this.members.insertOrganisation(identity);
        organisationId = organisation.id;
      } else {
        const row = await this.members.findOrganisation(identity.idScheme, identity.idValue);
        legalName = row?.legalName ?? legalName;
      }
      const bare = listed.has(organisationId);
      if (bare) await this.directory.complete(networkId, organisationId, details);
      else await this.directory.insert(networkId, organisationId, details);
      await this.audit.append(actor, {
        action: bare ? 'directory.organisation_completed' : 'directory.organisation_added',
        entityType: 'organisation',
        entityId: organisationId,
        after: { networkId, ...identity, ...details },
      });
      added.push({ organisationId, legalName });
    }
    return added;
  }
}

function invalid(problems: readonly Problem[]): DomainError {
  return new DomainError(
    DomainErrorCode.INVALID_INPUT,
    problems.length === 1
      ? `Saisie refusée : ${problems[0]?.path} : ${problems[0]?.message}.`
      : `Saisie refusée : ${problems.length} problèmes, rien n’a été enregistré.`,
    problems,
  );
}

/** The scheme an identifier's length names: 14 digits SIRET, 9 SIREN, 10 BCE. */
function guessedScheme(id: string): IdentifierScheme | null {
  const digits = normalizeIdentifier(id);
  if (!/^\d+$/.test(digits)) return null;
  return ({ 14: 'SIRET', 9: 'SIREN', 10: 'BCE' } as const)[digits.length] ?? null;
}

function required<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}
