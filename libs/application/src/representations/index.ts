import { RepresentationDecisionsService } from './representation-decisions.service';

export {
  REPRESENTATIONS_PAGE,
  RepresentationDecisionsService,
} from './representation-decisions.service';

export const REPRESENTATIONS_USE_CASES = [RepresentationDecisionsService];
