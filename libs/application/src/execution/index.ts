import { ContractAwardService } from './contract-award.service';
import { ContractPeriodsService } from './contract-periods.service';
import { ContractReportsService } from './contract-reports.service';
import { DriftAlertsService } from './drift-alerts.service';
import { OrdersService } from './orders.service';
import { RealisedFiguresService } from './realised-figures.service';
import { RealisedRemindersService } from './realised-reminders.service';
import { ReplanChangesService } from './replan-changes.service';
import { ReplansService } from './replans.service';
import { RenewalsService } from './renewals.service';

export * from './contract-award.service';
export * from './contract-periods.service';
export * from './contract-reports.service';
export * from './drift-alerts.service';
export * from './orders.service';
export * from './realised-figures.service';
export * from './realised-reminders.service';
export * from './replan-changes.service';
export * from './replans.service';
export * from './renewals.service';

/** After the award: lots won and lost, the contract's periods, realised figures, drifts. */
export const EXECUTION_USE_CASES = [
  ContractAwardService,
  ContractPeriodsService,
  ContractReportsService,
  DriftAlertsService,
  OrdersService,
  RealisedFiguresService,
  RealisedRemindersService,
  ReplanChangesService,
  ReplansService,
  RenewalsService,
];
