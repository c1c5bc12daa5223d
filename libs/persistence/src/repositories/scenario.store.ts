import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { In, Not } from 'typeorm';
import {
  type ConsortiumOfTender,
  type ConsortiumOperator,
  type ImportedBid,
  type SaveScenarioOptions,
  type Scenario,
  type ScenarioOrganisation,
  type ScenarioStore,
  type TenderRef,
  normalizeIdentifier,
  parseTerritoryCode,
  legalEntityOf,
  tenderRefOf,
  memberRoles,
  required,
} from '@cordage/domain';
import { bulkInsert } from '../bulk-insert';
import { BidEntity, MemberEntity, type OrganisationEntity, TenderEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

type IdRow = { id: string };

/**
 * Writes a validated scenario as a bid, in the caller's transaction: the tender and its lots and cells,
 * the organisations (reused when their identifier is already known), the members with their
 * limits, offers and subcontracts. Offers go in bulk (unnest) because a bid can carry 400,000.
 */
@Injectable()
export class TypeOrmScenarioStore implements ScenarioStore {
  constructor(@InjectDb() private readonly db: Db) {}

  async consortiaOfTender(
    tender: TenderRef,
    networkId: string,
    options?: { lock: boolean },
  ): Promise<ConsortiumOfTender[]> {
    if (options?.lock) {
      // Held until the transaction ends: a second import of this tender in this network waits
      // here, then sees the first one's bid.
      await this.db.tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `tender:${networkId}:${tender.buyerIdScheme}:${tender.buyerId}:${tender.reference}`,
      ]);
    }
    const bids = await this.db.tx
      .createQueryBuilder(BidEntity, 'bid')
      .innerJoin('bid.tender', 'tender')
      .innerJoinAndSelect('bid.mandataire', 'mandataire')
      .where('bid.networkId = :networkId', { networkId })
      .andWhere('bid.status <> :withdrawn', { withdrawn: 'WITHDRAWN' })
      .andWhere('tender.buyerIdScheme = :scheme', { scheme: tender.buyerIdScheme })
      .andWhere('tender.buyerIdValue = :buyer', { buyer: tender.buyerId })
      .andWhere('tender.reference = :reference', { reference: tender.reference })
      .orderBy('bid.createdAt')
      .getMany();
    if (bids.length === 0) return [];
    // Co-contractors still in: subcontractors are not candidates, nor are those who left.
    const members = await this.db.tx.find(MemberEntity, {
      select: { bidId: true, organisation: { idScheme: true, idValue: true, legalName: true } },
      relations: { organisation: true },
      where: {
        bidId: In(bids.map((bid) => bid.id)),
        role: 'COTRAITANT',
        status: Not(In(['DECLINED', 'WITHDRAWN'])),
      },
    });
    const operator = (organisation: OrganisationEntity): ConsortiumOperator => ({
      entity: legalEntityOf(organisation.idScheme, organisation.idValue),
      legalName: organisation.legalName,
    });
    return bids.map((bid) => ({
      bidId: bid.id,
      mandataire: operator(bid.mandataire),
      members: members
        .filter((member) => member.bidId === bid.id)
        .map((member) => operator(member.organisation)),
    }));
  }

  /** The tender a bid answers, and the other consortia of its network that answer it. */
  async rivalsOfBid(bidId: string): Promise<{
    tender: { reference: string; exclusiveMembership: boolean };
    others: ConsortiumOfTender[];
  } | null> {
    const bid = await this.db.tx.findOne(BidEntity, {
      select: {
        id: true,
        networkId: true,
        tender: {
          id: true,
          reference: true,
          buyerIdScheme: true,
          buyerIdValue: true,
          exclusiveMembership: true,
        },
      },
      relations: { tender: true },
      where: { id: bidId },
    });
    if (!bid) return null;
    const { tender } = bid;
    const consortia = await this.consortiaOfTender(
      {
        buyerIdScheme: tender.buyerIdScheme,
        buyerId: tender.buyerIdValue,
        reference: tender.reference,
      },
      bid.networkId,
    );
    return {
      tender: { reference: tender.reference, exclusiveMembership: tender.exclusiveMembership },
      others: consortia.filter((consortium) => consortium.bidId !== bidId),
    };
  }

  /** Writes inside the caller's unit of work: a scenario is written whole or not at all. */
  async save(scenario: Scenario, options: SaveScenarioOptions): Promise<ImportedBid> {
    if (!this.db.isTransactionActive()) {
      throw new Error("A scenario is saved inside a use case's transaction.");
    }
    const imported = await this.write(
      this.db.tx,
      scenario,
      options.networkId,
      options.onProgress ?? (() => undefined),
      options.invite ?? false,
    );
    await options.onProgress?.(100, 'done');
    return imported;
  }

  private async write(
    manager: EntityManager,
    scenario: Scenario,
    networkId: string,
    progress: NonNullable<SaveScenarioOptions['onProgress']>,
    invite: boolean,
  ): Promise<ImportedBid> {
    const { tender, consortium, organizations, offers, limits, subcontracts, policy } = scenario;

    await progress(5, 'tender');
    const tenderId = await this.insertTender(manager, scenario);
    const territoryIds = await this.resolveTerritories(manager, scenario);

    await progress(10, 'organisations');
    const { organisationIds, reused } = await this.upsertOrganisations(manager, organizations);

    const [bid] = await manager.query<IdRow[]>(
      `INSERT INTO bids (tender_id, network_id, consortium_form, mandataire_id, min_members, min_of_kind,
         min_small_members, small_below_employees, max_total_cents, secondary_cost, max_members,
         min_coverage_level, min_coverage_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [
        tenderId,
        networkId,
        consortium.form,
        organisationIds.get(consortium.mandataire),
        consortium.rules.minMembers ?? null,
        JSON.stringify(consortium.rules.minOfKind ?? {}),
        consortium.rules.minSmallMembers ?? null,
        consortium.rules.smallBelowEmployees,
        consortium.rules.maxTotalCents ?? null,
        policy.secondaryCost,
        consortium.rules.maxMembers ?? null,
        consortium.rules.minCoverage?.level ?? null,
        consortium.rules.minCoverage?.count ?? null,
      ],
    );
    // INSERT ... RETURNING gives back the row it wrote.
    const bidId = required(bid, 'the inserted bid').id;
    // The network now groups these organisations, with what the file gives of them.
    await this.writeNetworkEntries(
      manager,
      networkId,
      organizations,
      organisationIds,
      territoryIds,
    );

    await progress(15, 'lots');
    await this.insertSites(manager, scenario, bidId, territoryIds);
    const lots = await bulkInsert<
      Scenario['tender']['lots'][number],
      { id: string; number: number }
    >(
      manager,
      'lots',
      [
        { name: 'tender_id', type: 'uuid', value: () => tenderId },
        { name: 'number', type: 'integer', value: (lot) => lot.number },
        { name: 'title', type: 'text', value: (lot) => lot.title },
        { name: 'nature', type: 'text', value: (lot) => lot.nature ?? null },
        { name: 'amount_cents', type: 'bigint', value: (lot) => lot.amountCents },
        { name: 'insertion_hours', type: 'integer', value: (lot) => lot.insertionHours },
      ],
      tender.lots,
      { returning: ['id', 'number'] },
    );
    const lotIds = new Map(lots.map((lot) => [lot.number, lot.id]));
    const cells = tender.lots.flatMap((lot) =>
      lot.cells.map((cell) => ({ lotNumber: lot.number, ...cell })),
    );
    const cellRows = await bulkInsert<
      (typeof cells)[number],
      { id: string; lot_id: string; territory_id: string }
    >(
      manager,
      'lot_cells',
      [
        { name: 'lot_id', type: 'uuid', value: (cell) => lotIds.get(cell.lotNumber) },
        { name: 'territory_id', type: 'uuid', value: (cell) => territoryIds.get(cell.territory) },
        { name: 'label', type: 'text', value: (cell) => cell.label ?? null },
        { name: 'demand_hours', type: 'numeric', value: (cell) => cell.demandHours },
      ],
      cells,
      { returning: ['id', 'lot_id', 'territory_id'] },
    );
    const cellIdsByRefs = new Map(
      cellRows.map((row) => [`${row.lot_id}:${row.territory_id}`, row.id]),
    );
    const cellIds = new Map(
      cells.map((cell) => [
        cellKey(cell.lotNumber, cell.territory),
        cellIdsByRefs.get(`${lotIds.get(cell.lotNumber)}:${territoryIds.get(cell.territory)}`),
      ]),
    );

    await progress(20, 'members');
    const roles = memberRoles(scenario);
    const members = await bulkInsert<ScenarioOrganisation, { id: string; key: string }>(
      manager,
      'members',
      [
        { name: 'bid_id', type: 'uuid', value: () => bidId },
        { name: 'organisation_id', type: 'uuid', value: (o) => organisationIds.get(o.key) },
        { name: 'key', type: 'text', value: (o) => o.key },
        { name: 'role', type: 'text', value: (o) => roles.get(o.key) },
        // The coordinator's own file declares them: they take part. A renewal invites them again.
        { name: 'status', type: 'text', value: () => (invite ? 'INVITED' : 'ACCEPTED') },
        {
          name: 'invited_email',
          type: 'text',
          value: (o) => (invite ? o.representative.email.toLowerCase() : null),
        },
        { name: 'insertion_hours_max', type: 'integer', value: (o) => o.insertionHoursMax ?? null },
      ],
      organizations,
      { returning: ['id', 'key'] },
    );
    const memberIds = new Map(members.map((member) => [member.key, member.id]));

    await bulkInsert(
      manager,
      'member_limits',
      [
        {
          name: 'member_id',
          type: 'uuid',
          value: (limit: Scenario['limits'][number]) => memberIds.get(limit.org),
        },
        { name: 'max_hours', type: 'numeric', value: (limit) => limit.maxHours ?? null },
        {
          name: 'max_revenue_cents',
          type: 'bigint',
          value: (limit) => limit.maxRevenueCents ?? null,
        },
      ],
      limits,
    );

    await bulkInsert(
      manager,
      'offers',
      [
        {
          name: 'member_id',
          type: 'uuid',
          value: (offer: Scenario['offers'][number]) => memberIds.get(offer.org),
        },
        {
          name: 'lot_cell_id',
          type: 'uuid',
          value: (offer) => cellIds.get(cellKey(offer.lot, offer.territory)),
        },
        { name: 'hours', type: 'numeric', value: (offer) => offer.hours },
        { name: 'preference', type: 'text', value: (offer) => offer.preference },
      ],
      offers,
      {
        onChunk: (inserted) =>
          progress(20 + Math.floor((75 * inserted) / Math.max(1, offers.length)), 'offers'),
      },
    );

    await progress(96, 'subcontracts');
    await bulkInsert(
      manager,
      'subcontracts',
      [
        { name: 'bid_id', type: 'uuid', value: () => bidId },
        {
          name: 'lot_id',
          type: 'uuid',
          value: (s: Scenario['subcontracts'][number]) => lotIds.get(s.lot),
        },
        { name: 'principal_id', type: 'uuid', value: (s) => memberIds.get(s.principal) },
        { name: 'subcontractor_id', type: 'uuid', value: (s) => memberIds.get(s.subcontractor) },
        { name: 'kind', type: 'text', value: (s) => s.kind },
        { name: 'nature', type: 'text', value: (s) => s.nature },
        { name: 'max_amount_cents', type: 'bigint', value: (s) => s.maxAmountCents },
        { name: 'duration_months', type: 'integer', value: (s) => s.durationMonths ?? null },
        {
          name: 'amount_incl_vat_cents',
          type: 'bigint',
          value: (s) => s.amountInclVatCents ?? null,
        },
        { name: 'reverse_charge', type: 'boolean', value: (s) => s.reverseCharge ?? null },
      ],
      subcontracts,
    );

    return {
      bidId,
      tenderId,
      counts: {
        lots: tender.lots.length,
        cells: cells.length,
        organisations: organizations.length - reused,
        organisationsReused: reused,
        members: organizations.length,
        offers: offers.length,
        limits: limits.length,
        subcontracts: subcontracts.length,
      },
    };
  }

  /** The bid's own copy of the tender (another consortium's is another row). */
  private async insertTender(manager: EntityManager, scenario: Scenario): Promise<string> {
    const ref = tenderRefOf(scenario);
    const { tender } = scenario;
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(TenderEntity)
      .values({
        reference: ref.reference,
        title: tender.title,
        buyerName: tender.buyer.name,
        buyerIdScheme: ref.buyerIdScheme,
        buyerIdValue: ref.buyerId,
        deadline: new Date(tender.deadline),
        reserved: tender.reserved,
        exclusiveMembership: tender.exclusiveMembership ?? false,
      })
      .returning('id')
      .execute();
    return required((inserted.raw as IdRow[])[0], 'the new tender').id;
  }

  /** Ids of every non-SITE territory the scenario names; Belgian codes are created on first use. */
  private async resolveTerritories(
    manager: EntityManager,
    scenario: Scenario,
  ): Promise<Map<string, string>> {
    const codes = new Set<string>();
    for (const lot of scenario.tender.lots) {
      for (const cell of lot.cells) {
        codes.add(cell.territory);
        if (cell.parent) codes.add(cell.parent);
      }
    }
    for (const organisation of scenario.organizations) codes.add(organisation.home);
    const official = [...codes].filter((code) => !code.startsWith('SITE:'));
    const belgian = official.filter((code) => code.startsWith('BE:'));
    if (belgian.length > 0) {
      await manager.query(
        `INSERT INTO territories (code, level, name) SELECT code, 'BE', code FROM unnest($1::text[]) AS code
         ON CONFLICT (code) WHERE bid_id IS NULL DO NOTHING`,
        [belgian],
      );
    }
    const rows: { id: string; code: string }[] = await manager.query(
      'SELECT id, code FROM territories WHERE bid_id IS NULL AND code = ANY($1::text[])',
      [official],
    );
    return new Map(rows.map((row) => [row.code, row.id]));
  }

  /** SITE territories belong to this bid; their ids join the map for the cells. */
  private async insertSites(
    manager: EntityManager,
    scenario: Scenario,
    bidId: string,
    territoryIds: Map<string, string>,
  ): Promise<void> {
    const sites = new Map<string, { code: string; name: string; parentId: string | undefined }>();
    for (const lot of scenario.tender.lots) {
      for (const cell of lot.cells) {
        const parsed = parseTerritoryCode(cell.territory);
        if (!parsed.ok || parsed.value.level !== 'SITE' || sites.has(cell.territory)) continue;
        sites.set(cell.territory, {
          code: cell.territory,
          name: cell.label ?? parsed.value.local,
          parentId: cell.parent ? territoryIds.get(cell.parent) : undefined,
        });
      }
    }
    const rows = await bulkInsert<
      { code: string; name: string; parentId: string | undefined },
      { id: string; code: string }
    >(
      manager,
      'territories',
      [
        { name: 'code', type: 'text', value: (site) => site.code },
        { name: 'level', type: 'text', value: () => 'SITE' },
        { name: 'name', type: 'text', value: (site) => site.name },
        { name: 'parent_id', type: 'uuid', value: (site) => site.parentId ?? null },
        { name: 'bid_id', type: 'uuid', value: () => bidId },
      ],
      [...sites.values()],
      { returning: ['id', 'code'] },
    );
    for (const row of rows) territoryIds.set(row.code, row.id);
  }

  /**
   * Organisations are shared between bids and networks: an identifier already known keeps its
   * record, and the shared record holds only identifier, legal name and kind (issue 17).
   */
  private async upsertOrganisations(
    manager: EntityManager,
    organizations: readonly ScenarioOrganisation[],
  ): Promise<{ organisationIds: Map<string, string>; reused: number }> {
    const inserted = await bulkInsert<ScenarioOrganisation, IdRow>(
      manager,
      'organisations',
      [
        { name: 'legal_name', type: 'text', value: (o) => o.legalName },
        { name: 'kind', type: 'text', value: (o) => o.kind },
        { name: 'id_scheme', type: 'text', value: (o) => o.idScheme },
        { name: 'id_value', type: 'text', value: (o) => normalizeIdentifier(o.id) },
      ],
      organizations,
      {
        returning: ['id'],
        onConflict: 'ON CONFLICT ON CONSTRAINT organisations_identifier_key DO NOTHING',
      },
    );
    const rows: { id: string; id_scheme: string; id_value: string }[] = await manager.query(
      `SELECT o.id, o.id_scheme, o.id_value FROM organisations o
       JOIN unnest($1::text[], $2::text[]) AS k(scheme, value) ON o.id_scheme = k.scheme AND o.id_value = k.value`,
      [organizations.map((o) => o.idScheme), organizations.map((o) => normalizeIdentifier(o.id))],
    );
    const byIdentifier = new Map(rows.map((row) => [`${row.id_scheme}:${row.id_value}`, row.id]));
    const organisationIds = new Map<string, string>();
    for (const organisation of organizations) {
      const id = byIdentifier.get(
        `${organisation.idScheme}:${normalizeIdentifier(organisation.id)}`,
      );
      if (id) organisationIds.set(organisation.key, id);
    }
    return { organisationIds, reused: organizations.length - inserted.length };
  }
  /**
   * The importing network's own entry of each organisation, holding what the file gives of it
   * (staff, seat, representative, particulars); what the network had already entered is kept,
   * only what it lacks is filled. Another network's entry is never touched (issue 17).
   */
  private async writeNetworkEntries(
    manager: EntityManager,
    networkId: string,
    organizations: readonly ScenarioOrganisation[],
    organisationIds: Map<string, string>,
    territoryIds: Map<string, string>,
  ): Promise<void> {
    const entries = new Map<string, ScenarioOrganisation>();
    for (const organisation of organizations) {
      const id = organisationIds.get(organisation.key);
      if (id && !entries.has(id)) entries.set(id, organisation);
    }
    const rows = [...entries];
    const column = (value: (o: ScenarioOrganisation) => unknown) => rows.map(([, o]) => value(o));
    await manager.query(
      `INSERT INTO network_organisations AS entry (network_id, organisation_id, staff,
         home_territory_id, representatives, legal_form, address, approval_number,
         approval_authority, representative_capacity)
       SELECT $1, e.organisation_id, e.staff, e.home_territory_id,
              jsonb_build_array(jsonb_build_object('name', e.name, 'title', e.title, 'email', e.email)),
              e.legal_form, e.address, e.approval_number, e.approval_authority, e.capacity
         FROM unnest($2::uuid[], $3::integer[], $4::uuid[], $5::text[], $6::text[], $7::text[],
                     $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
           AS e(organisation_id, staff, home_territory_id, name, title, email, legal_form, address,
                approval_number, approval_authority, capacity)
       ON CONFLICT (network_id, organisation_id) DO UPDATE SET
         staff = coalesce(entry.staff, excluded.staff),
         home_territory_id = coalesce(entry.home_territory_id, excluded.home_territory_id),
         representatives = CASE WHEN jsonb_array_length(entry.representatives) = 0
           THEN excluded.representatives ELSE entry.representatives END,
         legal_form = coalesce(entry.legal_form, excluded.legal_form),
         address = coalesce(entry.address, excluded.address),
         approval_number = coalesce(entry.approval_number, excluded.approval_number),
         approval_authority = coalesce(entry.approval_authority, excluded.approval_authority),
         representative_capacity =
           coalesce(entry.representative_capacity, excluded.representative_capacity),
         updated_at = now()`,
      [
        networkId,
        rows.map(([id]) => id),
        column((o) => o.employees),
        column((o) => territoryIds.get(o.home) ?? null),
        column((o) => o.representative.name),
        column((o) => o.representative.title),
        column((o) => o.representative.email),
        column((o) => o.particulars?.legalForm ?? null),
        column((o) => o.particulars?.registeredAddress ?? null),
        column((o) => o.particulars?.approvalNumber ?? null),
        column((o) => o.particulars?.approvalAuthority ?? null),
        column((o) => o.particulars?.representativeCapacity ?? null),
      ],
    );
  }
}

function cellKey(lot: number, territory: string): string {
  return `${lot}\u0000${territory}`;
}
