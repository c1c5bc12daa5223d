import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  type ConsortiumForm,
  type IdentifierScheme,
  type LegalForm,
  type OrganisationKind,
  type OrganisationParticulars,
  type Preference,
  SCENARIO_FORMAT,
  type Scenario,
  type SubcontractKind,
  procurementTimeZone,
  toZonedIso,
} from '@cordage/domain';
import { type BidRulesRow, type TenderRow, compositionRules } from './bid-rules.row';

const hours = (value: string) => Number(value);

/** The particulars entered, as a file would give them: none at all when none is known yet. */
function particularsEntered(particulars: OrganisationParticulars): {
  particulars?: Partial<OrganisationParticulars>;
} {
  const entered = Object.fromEntries(
    Object.entries(particulars).filter(([, value]) => value !== null),
  ) as Partial<OrganisationParticulars>;
  return Object.keys(entered).length === 0 ? {} : { particulars: entered };
}

/**
 * A bid as a `cordage.scenario/1` file: what the allocation runs on, in the same form as the
 * offline `cordage allocate`, with a stable order so that unchanged data gives the same file.
 * Withdrawn and declining members take no part in it.
 */
@Injectable()
export class BidScenarioRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async exportScenario(bidId: string): Promise<Scenario | null> {
    const query = <T>(sql: string) => this.dataSource.query<T[]>(sql, [bidId]);
    const [bid] = await query<
      BidRulesRow &
        TenderRow & {
          consortium_form: ConsortiumForm;
          mandataire_key: string | null;
        }
    >(
      `SELECT t.reference, t.title, t.buyer_name, t.buyer_id_scheme, t.buyer_id_value, t.deadline, t.reserved, t.exclusive_membership,
         b.consortium_form, m.key AS mandataire_key, b.min_members, b.min_of_kind, b.min_small_members, b.max_members, b.min_coverage_level, b.min_coverage_count,
         b.small_below_employees, b.max_total_cents, b.secondary_cost
       FROM bids b JOIN tenders t ON t.id = b.tender_id
       LEFT JOIN members m ON m.bid_id = b.id AND m.organisation_id = b.mandataire_id
       WHERE b.id = $1`,
    );
    if (!bid) return null;

    const cells = await query<{
      lot: number;
      title: string;
      amount_cents: string;
      insertion_hours: number;
      territory: string;
      parent: string | null;
      label: string | null;
      demand_hours: string;
      nature: string | null;
    }>(
      `SELECT l.number AS lot, l.title, l.nature, l.amount_cents, l.insertion_hours, t.code AS territory,
         p.code AS parent, c.label, c.demand_hours
       FROM bids b JOIN lots l ON l.tender_id = b.tender_id
       JOIN lot_cells c ON c.lot_id = l.id JOIN territories t ON t.id = c.territory_id
       LEFT JOIN territories p ON p.id = t.parent_id AND t.level = 'SITE'
       WHERE b.id = $1 AND c.removed_by_id IS NULL ORDER BY l.number, t.code`,
    );
    const lots: Scenario['tender']['lots'] = [];
    for (const cell of cells) {
      let lot = lots[lots.length - 1];
      if (!lot || lot.number !== cell.lot) {
        lot = {
          number: cell.lot,
          title: cell.title,
          ...(cell.nature !== null && { nature: cell.nature }),
          amountCents: Number(cell.amount_cents),
          insertionHours: cell.insertion_hours,
          cells: [],
        };
        lots.push(lot);
      }
      lot.cells.push({
        territory: cell.territory,
        demandHours: hours(cell.demand_hours),
        ...(cell.parent !== null && { parent: cell.parent }),
        ...(cell.label !== null && { label: cell.label }),
      });
    }

    // A subcontractor invited in the app is in the scenario once it has a subcontract, not before.
    const members = await query<{
      key: string;
      legal_name: string;
      id_scheme: IdentifierScheme;
      id_value: string;
      kind: OrganisationKind;
      employees: number | null;
      home: string;
      insertion_hours_max: number | null;
      representative_name: string;
      representative_title: string;
      representative_email: string;
      legal_form: LegalForm | null;
      registered_address: string | null;
      approval_number: string | null;
      approval_authority: string | null;
      representative_capacity: string | null;
      max_hours: string | null;
      max_revenue_cents: string | null;
    }>(
      // What the bid's own network entered of the organisation, never what another network
      // entered (issue 17): the shared row holds identifier, legal name and kind only.
      `SELECT m.key, o.legal_name, o.id_scheme, o.id_value, o.kind,
         own.staff AS employees,
         coalesce(own.territories[1], t.code, '') AS home, m.insertion_hours_max,
         coalesce(own.representatives->0->>'name', '') AS representative_name,
         coalesce(own.representatives->0->>'title', '') AS representative_title,
         coalesce(lower(own.representatives->0->>'email'), '') AS representative_email,
         own.legal_form, own.address AS registered_address, own.approval_number,
         own.approval_authority, own.representative_capacity, ml.max_hours, ml.max_revenue_cents
       FROM members m JOIN organisations o ON o.id = m.organisation_id
       JOIN bids b ON b.id = m.bid_id
       LEFT JOIN network_organisations own
         ON own.network_id = b.network_id AND own.organisation_id = o.id
       LEFT JOIN territories t ON t.id = own.home_territory_id
       LEFT JOIN member_limits ml ON ml.member_id = m.id
       WHERE m.bid_id = $1 AND m.status NOT IN ('WITHDRAWN', 'DECLINED')
         AND (m.role = 'COTRAITANT' OR EXISTS (SELECT 1 FROM subcontracts sc WHERE sc.subcontractor_id = m.id))
       ORDER BY m.key`,
    );
    const offers = await query<{
      org: string;
      lot: number;
      territory: string;
      hours: string;
      preference: Preference;
    }>(
      `SELECT m.key AS org, l.number AS lot, t.code AS territory, o.hours, o.preference
       FROM offers o JOIN members m ON m.id = o.member_id
       JOIN lot_cells c ON c.id = o.lot_cell_id JOIN lots l ON l.id = c.lot_id
       JOIN territories t ON t.id = c.territory_id
       WHERE m.bid_id = $1 AND m.status NOT IN ('WITHDRAWN', 'DECLINED')
         AND c.removed_by_id IS NULL
       ORDER BY m.key, l.number, t.code`,
    );
    const subcontracts = await query<{
      principal: string;
      subcontractor: string;
      lot: number;
      kind: SubcontractKind;
      nature: string;
      max_amount_cents: string;
      duration_months: number | null;
      amount_incl_vat_cents: string | null;
      reverse_charge: boolean | null;
    }>(
      `SELECT p.key AS principal, s.key AS subcontractor, l.number AS lot, sc.kind, sc.nature, sc.max_amount_cents,
         sc.duration_months, sc.amount_incl_vat_cents, sc.reverse_charge
       FROM subcontracts sc JOIN members p ON p.id = sc.principal_id JOIN members s ON s.id = sc.subcontractor_id
       JOIN lots l ON l.id = sc.lot_id
       WHERE sc.bid_id = $1 AND p.status NOT IN ('WITHDRAWN', 'DECLINED')
         AND s.status NOT IN ('WITHDRAWN', 'DECLINED')
       ORDER BY l.number, p.key, s.key`,
    );

    return {
      format: SCENARIO_FORMAT,
      tender: {
        reference: bid.reference,
        title: bid.title,
        buyer: { name: bid.buyer_name, idScheme: bid.buyer_id_scheme, id: bid.buyer_id_value },
        // The buyer's wall-clock time, as the scenario was written: documents print it as such.
        deadline: toZonedIso(bid.deadline, procurementTimeZone(bid.buyer_id_scheme)),
        reserved: bid.reserved,
        ...(bid.exclusive_membership && { exclusiveMembership: true }),
        lots,
      },
      consortium: {
        form: bid.consortium_form,
        // A withdrawn mandataire leaves the key dangling: validation then says so by its path.
        mandataire: bid.mandataire_key ?? '',
        rules: {
          ...compositionRules(bid),
          ...(bid.max_total_cents !== null && { maxTotalCents: Number(bid.max_total_cents) }),
        },
      },
      organizations: members.map((member) => ({
        key: member.key,
        legalName: member.legal_name,
        idScheme: member.id_scheme,
        id: member.id_value,
        kind: member.kind,
        employees: member.employees,
        home: member.home,
        ...(member.insertion_hours_max !== null && {
          insertionHoursMax: member.insertion_hours_max,
        }),
        representative: {
          name: member.representative_name,
          title: member.representative_title,
          email: member.representative_email,
        },
        ...particularsEntered({
          legalForm: member.legal_form,
          registeredAddress: member.registered_address,
          approvalNumber: member.approval_number,
          approvalAuthority: member.approval_authority,
          representativeCapacity: member.representative_capacity,
        }),
      })),
      offers: offers.map((offer) => ({ ...offer, hours: hours(offer.hours) })),
      limits: members
        .filter((member) => member.max_hours !== null || member.max_revenue_cents !== null)
        .map((member) => ({
          org: member.key,
          ...(member.max_hours !== null && { maxHours: hours(member.max_hours) }),
          ...(member.max_revenue_cents !== null && {
            maxRevenueCents: Number(member.max_revenue_cents),
          }),
        })),
      subcontracts: subcontracts.map((subcontract) => ({
        principal: subcontract.principal,
        subcontractor: subcontract.subcontractor,
        lot: subcontract.lot,
        kind: subcontract.kind,
        nature: subcontract.nature,
        maxAmountCents: Number(subcontract.max_amount_cents),
        ...(subcontract.duration_months !== null && {
          durationMonths: subcontract.duration_months,
        }),
        ...(subcontract.amount_incl_vat_cents !== null && {
          amountInclVatCents: Number(subcontract.amount_incl_vat_cents),
        }),
        ...(subcontract.reverse_charge !== null && { reverseCharge: subcontract.reverse_charge }),
      })),
      policy: { secondaryCost: Number(bid.secondary_cost) },
    };
  }
}
