import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  AllocationEngine,
  type AllocationOutcome,
  allocationResultJson,
  writeLpFormat,
} from '@cordage/domain';
import { HighsLinearSolver } from '@cordage/solver';
import { readScenarioFile } from '../scenario-file';

export interface AllocateFileOptions {
  /** Where the result JSON goes. */
  out: string;
  /** A folder for stage1.lp, stage2.lp and stage3.lp, to solve again with any LP solver. */
  emitLp?: string;
  onProgress?: (percent: number, step: string) => void;
}

/** Writes through a temporary file, so that a reader never sees half a file. */
async function writeWhole(file: string, content: string): Promise<void> {
  const partial = `${file}.partial`;
  await writeFile(partial, content);
  await rename(partial, file);
}

/**
 * `cordage allocate`: allocates a scenario file entirely offline (no database, no Redis, no Nest
 * context) and writes the result; the same file always gives the same bytes. Nothing is written
 * when the scenario is refused or a stage cannot be solved.
 */
export async function allocateFile(
  file: string,
  options: AllocateFileOptions,
): Promise<AllocationOutcome> {
  const scenarioFile = await readScenarioFile(file);
  const outcome = await scenarioFile.orLocated(() =>
    new AllocationEngine(new HighsLinearSolver()).run(scenarioFile.input, {
      onProgress: options.onProgress,
    }),
  );
  await writeWhole(options.out, allocationResultJson(outcome.result));
  if (options.emitLp) {
    await mkdir(options.emitLp, { recursive: true });
    const { coverage, proximity, fairness } = outcome.models;
    const stages = [coverage, proximity, fairness];
    for (const [index, model] of stages.entries()) {
      await writeWhole(path.join(options.emitLp, `stage${index + 1}.lp`), writeLpFormat(model));
    }
  }
  return outcome;
}
