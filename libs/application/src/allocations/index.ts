import { AllocationRunsService } from './allocation-runs.service';
import { AllocationVersionsService } from './allocation-versions.service';
import { RequestedWorkService } from './requested-work.service';
import { ScenarioImporter } from './scenario-importer.service';
import { ScenarioImportsService } from './scenario-imports.service';
import { ScenarioWorkbooksService } from './scenario-workbooks.service';
import { SplitSummaryService } from './split-summary.service';

export * from './allocation-runs.service';
export * from './allocation-versions.service';
export * from './requested-work-refused';
export * from './requested-work.service';
export * from './scenario-importer.service';
export * from './scenario-imports.service';
export * from './scenario-workbooks.service';
export * from './split-summary.service';

/** Requested work (allocation runs, imports, document and signing requests) and its results. */
export const ALLOCATIONS_USE_CASES = [
  AllocationRunsService,
  AllocationVersionsService,
  RequestedWorkService,
  ScenarioImporter,
  ScenarioImportsService,
  ScenarioWorkbooksService,
  SplitSummaryService,
];
