import type { IdentifierScheme } from '../identifiers';
import type { Scenario } from './scenario.schema';

/** Reports how far a long task has gone, in percent (0-100), with the current step's name. */
export type ProgressReporter = (percent: number, step: string) => Promise<void> | void;

/** The official geography (seeded territories). */
export interface TerritoryDirectory {
  /** Returns the subset of `codes` that exist. */
  findExisting(codes: readonly string[]): Promise<Set<string>>;
}

export interface TenderRef {
  buyerIdScheme: IdentifierScheme;
  buyerId: string;
  reference: string;
}

export interface ImportedBid {
  bidId: string;
  tenderId: string;
  counts: {
    lots: number;
    cells: number;
    organisations: number;
    organisationsReused: number;
    members: number;
    offers: number;
    limits: number;
    subcontracts: number;
  };
}

export interface SaveScenarioOptions {
  /** The network that will own the bid. */
  networkId: string;
  onProgress?: ProgressReporter;
}

/** Writes a whole scenario, all or nothing. */
/** What `save` found instead of writing: the tender is already imported, as this bid. */
export interface DuplicateTender {
  duplicateOf: { bidId: string };
}

export interface ScenarioStore {
  findBidByTender(tender: TenderRef): Promise<{ bidId: string } | null>;
  /**
   * Writes the scenario, or, when the tender already exists (imported meanwhile, even by a
   * concurrent import), writes nothing and says which bid has it: the use case refuses it.
   */
  save(scenario: Scenario, options?: SaveScenarioOptions): Promise<ImportedBid | DuplicateTender>;
}
