import type {
  ContractPeriod,
  EvaluationReport,
  IdentifierScheme,
  InsertionReport,
  ProcurementTimeZone,
  ReportPeriodTotal,
} from '@cordage/domain';

/** What every report says of the contract it is about. */
export interface ReportHeader {
  bidId: string;
  tender: {
    reference: string;
    title: string;
    buyer: { name: string; idScheme: IdentifierScheme; id: string };
  };
  /** The consortium's mandataire, who publishes for it. */
  mandataire: { legalName: string; idScheme: IdentifierScheme; idValue: string };
  /** When the report was asked: its date, so that one request always gives the same files. */
  generatedAt: string;
  timeZone: ProcurementTimeZone;
}

/** A member as the OCDS releases name it. */
export interface ReportParty {
  key: string;
  legalName: string;
  idScheme: IdentifierScheme;
  idValue: string;
}

/** The award, contract and implementation of a bid, as the OCDS releases say them. */
export interface OcdsContractInput {
  /** Where this Cordage instance publishes (its PUBLIC_URL). */
  uriBase: string;
  members: readonly ReportParty[];
  lots: readonly {
    lot: number;
    title: string;
    outcome: 'WON' | 'LOST';
    awardedOn: string;
    awardedCents: number | null;
    periods: readonly ContractPeriod[] | null;
    /** Each member's planned share of the lot (its cells summed). */
    planned: readonly { member: string; amountCents: number; insertionHours: number }[];
  }[];
  /** Per member, lot and period: the figures in force (the transactions). */
  totals: readonly ReportPeriodTotal[];
}

export type ContractReportModel =
  | { report: 'INSERTION'; header: ReportHeader; insertion: InsertionReport }
  | { report: 'EVALUATION'; header: ReportHeader; evaluation: EvaluationReport }
  | { report: 'OCDS'; header: ReportHeader; ocds: OcdsContractInput };
