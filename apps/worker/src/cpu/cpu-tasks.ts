import {
  type CertificateAuthority,
  type ContractReportModel,
  type DocumentSetOptions,
  type SignerIdentity,
  type SigningCredentials,
  type SigningProof,
  issueSignerCertificate,
  renderContractReport,
  renderDocumentSet,
  renderProofPdf,
  signPdf,
} from '@cordage/documents';
import {
  AllocationEngine,
  type BidDocumentModel,
  type DocumentSet,
  type ReplanInput,
  type SignerMetadata,
  assertAppendOnly,
  replan,
} from '@cordage/domain';
import { HighsLinearSolver } from '@cordage/solver';

type Progress = (percent: number, step: string) => void;

// HiGHS (WASM) is loaded once per thread and reused by every run.
let engine: AllocationEngine | undefined;

/**
 * The CPU-heavy steps of the jobs, run in worker threads (CpuPool) so that the worker's event
 * loop stays free to renew its jobs' locks. Inputs and outputs are plain data (structured clone).
 */
export const CPU_TASKS = {
  /** Solves the allocation of a scenario: the result only (the models stay here). */
  allocate: async (input: { scenario: unknown }, progress: Progress) => {
    engine ??= new AllocationEngine(new HighsLinearSolver());
    const { result } = await engine.run(input.scenario, { onProgress: progress });
    return result;
  },

  /** Re-plans a contract from a period on (the engine's three stages): the plan, not the models. */
  replan: async (input: { input: ReplanInput }, progress: Progress) => {
    engine ??= new AllocationEngine(new HighsLinearSolver());
    const { optima, lines, totals } = await replan(engine, input.input, progress);
    return { optima, lines: [...lines], totals: [...totals] };
  },

  render: async (
    input: {
      model: BidDocumentModel;
      set: DocumentSet;
      options: Omit<DocumentSetOptions, 'onProgress'>;
    },
    progress: Progress,
  ) => {
    return renderDocumentSet(input.model, input.set, { ...input.options, onProgress: progress });
  },

  /** A contract report's files (insertion, evaluation, OCDS). */
  report: async (input: { model: ContractReportModel }) => renderContractReport(input.model),

  /** A signature added as an incremental update, checked to keep the previous bytes exactly. */
  sign: async (input: {
    previous: Uint8Array;
    signer: SigningCredentials;
    meta: SignerMetadata;
  }) => {
    const signed = await signPdf(input.previous, input.signer, input.meta);
    assertAppendOnly(input.previous, signed);
    return signed;
  },

  proof: async (input: { proof: SigningProof; seal: SigningCredentials }) => {
    return renderProofPdf(input.proof, input.seal);
  },

  issueCertificate: async (input: { ca: CertificateAuthority; identity: SignerIdentity }) => {
    return issueSignerCertificate(input.ca, input.identity);
  },
};

export type CpuTasks = typeof CPU_TASKS;
export type CpuTaskName = keyof CpuTasks;
