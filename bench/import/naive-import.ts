import { type DataSource, type EntityManager, type EntityTarget, In, IsNull } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { type Scenario, normalizeIdentifier } from '@cordage/domain';
import {
  BidEntity,
  LotCellEntity,
  LotEntity,
  MemberEntity,
  MemberLimitEntity,
  NetworkOrganisationEntity,
  OfferEntity,
  OrganisationEntity,
  SubcontractEntity,
  TenderEntity,
  TerritoryEntity,
} from '@cordage/persistence';

/**
 * The baseline: what a team writes first with TypeORM. The same rows as TypeOrmScenarioStore, in
 * one transaction, through `manager.insert(Entity, rows)` in batches of 1,000 (plain multi-row
 * parameterised INSERTs built by TypeORM from the entity metadata).
 */
const BATCH_ROWS = 1_000;

export interface NaiveSaveOptions {
  /** The network that owns the bid, as for cordage's own path. */
  networkId: string;
  /** Stop the offers once this fraction is in if the projected write time exceeds maxSeconds. */
  probeFraction: number;
  maxSeconds: number;
}

export interface NaiveSaveResult {
  offersWritten: number;
  /** Measured write time, commit included, in seconds. */
  seconds: number;
  /** The write time with every offer: measured, or extrapolated linearly from the probe. */
  projectedSeconds: number;
  extrapolated: boolean;
}

async function insertAll<T extends object>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T>[],
): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const result = await manager.insert(entity, rows.slice(start, start + BATCH_ROWS));
    // TypeORM returns the generated keys in the order of the rows.
    for (const identifier of result.identifiers) ids.push(identifier.id as string);
  }
  return ids;
}

/** Generated scenarios name seeded territories only (no SITE cells), which keeps this short. */
export async function naiveSave(
  dataSource: DataSource,
  scenario: Scenario,
  options: NaiveSaveOptions,
): Promise<NaiveSaveResult> {
  const { tender, consortium, organizations, offers, limits, subcontracts, policy } = scenario;
  if (tender.lots.some((lot) => lot.cells.some((cell) => cell.territory.startsWith('SITE:')))) {
    throw new Error('the baseline writer does not handle SITE cells');
  }
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;

  const { written, offersSeconds } = await dataSource.transaction(async (manager) => {
    const [tenderId] = await insertAll(manager, TenderEntity, [
      {
        reference: tender.reference,
        title: tender.title,
        buyerName: tender.buyer.name,
        buyerIdScheme: tender.buyer.idScheme,
        buyerIdValue: normalizeIdentifier(tender.buyer.id),
        deadline: new Date(tender.deadline),
        reserved: tender.reserved,
      },
    ]);

    const codes = new Set([
      ...tender.lots.flatMap((lot) => lot.cells.map((cell) => cell.territory)),
      ...organizations.map((organisation) => organisation.home),
    ]);
    const territories = await manager.find(TerritoryEntity, {
      select: { id: true, code: true },
      where: { code: In([...codes]), bidId: IsNull() },
    });
    const territoryIds = new Map(territories.map((territory) => [territory.code, territory.id]));

    const organisationIds = await insertAll(
      manager,
      OrganisationEntity,
      organizations.map((o) => ({
        legalName: o.legalName,
        kind: o.kind,
        idScheme: o.idScheme,
        idValue: normalizeIdentifier(o.id),
      })),
    );
    const organisationIdByKey = new Map(organizations.map((o, i) => [o.key, organisationIds[i]]));
    // What the file gives of each organisation is the importing network's own entry (issue 17).
    const entries: QueryDeepPartialEntity<NetworkOrganisationEntity>[] = organizations.map(
      (o, i) => ({
        networkId: options.networkId,
        organisationId: organisationIds[i],
        staff: o.employees,
        homeTerritoryId: territoryIds.get(o.home) ?? null,
        representatives: [o.representative],
        legalForm: o.particulars?.legalForm ?? null,
        address: o.particulars?.registeredAddress ?? null,
        approvalNumber: o.particulars?.approvalNumber ?? null,
        approvalAuthority: o.particulars?.approvalAuthority ?? null,
        representativeCapacity: o.particulars?.representativeCapacity ?? null,
      }),
    );
    for (let start = 0; start < entries.length; start += BATCH_ROWS) {
      await manager.insert(NetworkOrganisationEntity, entries.slice(start, start + BATCH_ROWS));
    }

    const [bidId] = await insertAll(manager, BidEntity, [
      {
        tenderId,
        networkId: options.networkId,
        consortiumForm: consortium.form,
        mandataireId: organisationIdByKey.get(consortium.mandataire),
        minMembers: consortium.rules.minMembers ?? null,
        minOfKind: consortium.rules.minOfKind ?? {},
        minSmallMembers: consortium.rules.minSmallMembers ?? null,
        smallBelowEmployees: consortium.rules.smallBelowEmployees,
        maxTotalCents: consortium.rules.maxTotalCents ?? null,
        secondaryCost: policy.secondaryCost,
      },
    ]);

    const lotIds = await insertAll(
      manager,
      LotEntity,
      tender.lots.map((lot) => ({
        tenderId,
        number: lot.number,
        title: lot.title,
        amountCents: lot.amountCents,
        insertionHours: lot.insertionHours,
      })),
    );
    const lotIdByNumber = new Map(tender.lots.map((lot, i) => [lot.number, lotIds[i]]));

    const cells = tender.lots.flatMap((lot) =>
      lot.cells.map((cell) => ({ lot: lot.number, cell })),
    );
    const cellIds = await insertAll(
      manager,
      LotCellEntity,
      cells.map(({ lot, cell }) => ({
        lotId: lotIdByNumber.get(lot),
        territoryId: territoryIds.get(cell.territory),
        label: cell.label ?? null,
        demandHours: cell.demandHours,
      })),
    );
    const cellIdByKey = new Map(
      cells.map(({ lot, cell }, i) => [`${lot}:${cell.territory}`, cellIds[i]]),
    );

    // Same roles as the store: an organisation that is only someone's subcontractor.
    const acting = new Set([consortium.mandataire, ...subcontracts.map((s) => s.principal)]);
    for (const offer of offers) acting.add(offer.org);
    const subcontractors = new Set(subcontracts.map((s) => s.subcontractor));
    const memberIds = await insertAll(
      manager,
      MemberEntity,
      organizations.map((o) => ({
        bidId,
        organisationId: organisationIdByKey.get(o.key),
        key: o.key,
        role: subcontractors.has(o.key) && !acting.has(o.key) ? 'SOUS_TRAITANT' : 'COTRAITANT',
        insertionHoursMax: o.insertionHoursMax ?? null,
      })),
    );
    const memberIdByKey = new Map(organizations.map((o, i) => [o.key, memberIds[i]]));

    if (limits.length > 0)
      await manager.insert(
        MemberLimitEntity,
        limits.map((limit) => ({
          memberId: memberIdByKey.get(limit.org),
          maxHours: limit.maxHours ?? null,
          maxRevenueCents: limit.maxRevenueCents ?? null,
        })),
      );
    if (subcontracts.length > 0)
      await manager.insert(
        SubcontractEntity,
        subcontracts.map((s) => ({
          bidId,
          lotId: lotIdByNumber.get(s.lot),
          principalId: memberIdByKey.get(s.principal),
          subcontractorId: memberIdByKey.get(s.subcontractor),
          kind: s.kind,
          nature: s.nature,
          maxAmountCents: s.maxAmountCents,
        })),
      );

    // Offers last, batch by batch: a slow run stops after the probe and is extrapolated.
    const offersStarted = elapsed();
    const probe = Math.ceil(offers.length * options.probeFraction);
    let written = 0;
    let decided = false;
    while (written < offers.length) {
      const batch = offers.slice(written, written + BATCH_ROWS);
      await manager.insert(
        OfferEntity,
        batch.map((offer) => ({
          memberId: memberIdByKey.get(offer.org),
          lotCellId: cellIdByKey.get(`${offer.lot}:${offer.territory}`),
          hours: offer.hours,
          preference: offer.preference,
        })),
      );
      written += batch.length;
      if (!decided && written >= probe) {
        // Decided once, at the probe, so that a stopped run always measured the same fraction.
        decided = true;
        const projected =
          elapsed() + ((elapsed() - offersStarted) * (offers.length - written)) / written;
        if (projected > options.maxSeconds) break;
      }
    }
    return { written, offersSeconds: elapsed() - offersStarted };
  });

  const seconds = elapsed();
  return {
    offersWritten: written,
    seconds,
    projectedSeconds: seconds + (offersSeconds * (offers.length - written)) / Math.max(1, written),
    extrapolated: written < offers.length,
  };
}
