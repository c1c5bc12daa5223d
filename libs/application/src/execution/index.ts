import { ContractAwardService } from './contract-award.service';

export * from './contract-award.service';

/** After the award: lots won and lost, the contract's periods, realised figures, drifts. */
export const EXECUTION_USE_CASES = [ContractAwardService];
