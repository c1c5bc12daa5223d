import { BidDocumentsService } from './bid-documents.service';
import { ChangeRequestService } from './change-request.service';
import { ConventionPreviewService } from './convention-preview.service';
import { RequestDocumentsRecorder } from './request-documents-recorder';
import { PlatformKeysService } from './platform-keys.service';
import { SignerCertificatesService } from './signer-certificates.service';
import { SigningService } from './signing.service';

export * from './platform-keys.service';
export * from './signing.service';
export {
  BidDocumentsService,
  ChangeRequestService,
  ConventionPreviewService,
  SignerCertificatesService,
};

/** Documents, signatures and change requests after signature. */
export const SIGNING_USE_CASES = [
  BidDocumentsService,
  ChangeRequestService,
  ConventionPreviewService,
  PlatformKeysService,
  RequestDocumentsRecorder,
  SignerCertificatesService,
  SigningService,
];
