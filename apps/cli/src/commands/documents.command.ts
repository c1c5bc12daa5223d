import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  AllocationEngine,
  type ConventionSettings,
  DomainError,
  DomainErrorCode,
  type RenderedDocument,
  buildBidDocumentModel,
  conventionSettingsSchema,
  formatPath,
  scenarioHash,
} from '@cordage/domain';
import { renderDocumentSet } from '@cordage/documents';
import { officialTerritories } from '@cordage/persistence';
import { HighsLinearSolver } from '@cordage/solver';
import { readScenarioFile } from '../scenario-file';

export interface DocumentsFileOptions {
  out: string;
  /** A JSON file of convention parameters (payment flow, notice, fee…); defaults otherwise. */
  settings?: string;
  /** The documents' date (ISO 8601); now by default. */
  date?: string;
  publicUrl: string;
  onProgress?: (percent: number, step: string) => void;
}

async function readSettings(file: string | undefined): Promise<ConventionSettings> {
  if (!file) return conventionSettingsSchema.parse({});
  const parsed = conventionSettingsSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (parsed.success) return parsed.data;
  throw new DomainError(
    DomainErrorCode.INVALID_INPUT,
    `${file} : paramètres de convention invalides.`,
    parsed.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      code: issue.code.toUpperCase(),
      message: issue.message,
    })),
  );
}

/**
 * `cordage documents`: allocates a scenario file offline (no database, no Redis) and writes into
 * DIR the convention, the DC1 and DC4 sheets, the XLSX and CSV split and the OCDS package.
 */
export async function documentsForFile(
  file: string,
  options: DocumentsFileOptions,
): Promise<RenderedDocument[]> {
  const settings = await readSettings(options.settings);
  const scenarioFile = await readScenarioFile(file);
  const outcome = await scenarioFile.orLocated(() =>
    new AllocationEngine(new HighsLinearSolver()).run(scenarioFile.input, {
      onProgress: (percent, step) => options.onProgress?.(Math.round(percent * 0.5), step),
    }),
  );
  const { scenario } = outcome;
  const names = new Map(officialTerritories().map((territory) => [territory.code, territory.name]));
  const model = buildBidDocumentModel({
    scenario,
    result: outcome.result,
    version: { number: 1, computedAt: options.date ?? new Date().toISOString() },
    settings,
    territoryName: (code) => names.get(code),
  });
  const setOptions = {
    bidId: `hors-ligne-${scenarioHash(scenario).slice(0, 16)}`,
    publicUrl: options.publicUrl,
  };
  options.onProgress?.(60, 'convention');
  const documents = [
    ...(await renderDocumentSet(model, 'CONVENTION', setOptions)),
    ...(await renderDocumentSet(model, 'EXPORTS', setOptions)),
  ];
  await mkdir(options.out, { recursive: true });
  for (const document of documents) {
    const target = path.join(options.out, document.filename);
    // Through a temporary file: a reader never sees half a document.
    await writeFile(`${target}.partial`, document.content);
    await rename(`${target}.partial`, target);
  }
  options.onProgress?.(100, 'done');
  return documents;
}
