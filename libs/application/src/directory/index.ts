import { OFFICIAL_REGISTRY } from '@cordage/domain';
import { CommitmentsService } from './commitments.service';
import { DirectoryService } from './directory.service';
import { RecordedRegistry } from './recorded-registry';

export * from './commitments.service';
export * from './directory.service';
export * from './recorded-registry';

/** The network's directory and the commitments across its bids. */
export const DIRECTORY_USE_CASES = [
  CommitmentsService,
  DirectoryService,
  { provide: OFFICIAL_REGISTRY, useFactory: () => new RecordedRegistry() },
];
