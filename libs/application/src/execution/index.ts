import { ContractAwardService } from './contract-award.service';
import { ContractPeriodsService } from './contract-periods.service';
import { DriftAlertsService } from './drift-alerts.service';
import { RealisedFiguresService } from './realised-figures.service';
import { RealisedRemindersService } from './realised-reminders.service';
import { ReplansService } from './replans.service';

export * from './contract-award.service';
export * from './contract-periods.service';
export * from './drift-alerts.service';
export * from './realised-figures.service';
export * from './realised-reminders.service';
export * from './replans.service';

/** After the award: lots won and lost, the contract's periods, realised figures, drifts. */
export const EXECUTION_USE_CASES = [
  ContractAwardService,
  ContractPeriodsService,
  DriftAlertsService,
  RealisedFiguresService,
  RealisedRemindersService,
  ReplansService,
];
