import type { IdentifierScheme } from '../identifiers';
import type { ConsortiumOfTender } from './same-tender';
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
  /**
   * The members are invited, not taken part (a renewal): written INVITED with their
   * representative's address as the invited one, so that they accept again themselves.
   */
  invite?: boolean;
}

/** Writes a whole scenario, all or nothing, in the caller's unit of work. */
export interface ScenarioStore {
  /**
   * The network's consortia, withdrawn ones left out, that answer this tender already. With
   * `lock`, first waits for, then holds until the transaction ends, the right to import this
   * tender in this network: two imports of it at once are judged one after the other.
   */
  consortiaOfTender(
    tender: TenderRef,
    networkId: string,
    options?: { lock: boolean },
  ): Promise<ConsortiumOfTender[]>;
  save(scenario: Scenario, options: SaveScenarioOptions): Promise<ImportedBid>;
}
