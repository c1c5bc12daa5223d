import { parentPort } from 'node:worker_threads';
import { isDomainError } from '@cordage/domain';
import { CPU_TASKS, type CpuTaskName } from './cpu-tasks';

/** What a thread tells the pool: progress of a task, then its result or its error. */
export type CpuThreadMessage =
  | { id: number; progress: [percent: number, step: string] }
  | { id: number; result: unknown }
  | { id: number; error: CpuTaskError };

export interface CpuTaskError {
  name: string;
  message: string;
  stack?: string;
  /** A domain error's code, problems and details, to be thrown again as one by the pool. */
  domain?: { code: string; problems: unknown[]; details: Record<string, unknown> };
}

export interface CpuTaskRequest {
  id: number;
  task: CpuTaskName;
  input: unknown;
}

const port = parentPort;
if (!port) throw new Error('cpu-thread runs in a worker thread (CpuPool)');

port.on('message', ({ id, task, input }: CpuTaskRequest) => {
  const progress = (percent: number, step: string): void =>
    port.postMessage({ id, progress: [percent, step] } satisfies CpuThreadMessage);
  // The input's shape is the task's: the pool's signature says so.
  const run = CPU_TASKS[task] as (
    input: unknown,
    report: (percent: number, step: string) => void,
  ) => Promise<unknown>;
  run(input, progress).then(
    (result) => port.postMessage({ id, result } satisfies CpuThreadMessage),
    (error: unknown) => {
      const failure: CpuTaskError =
        error instanceof Error
          ? { name: error.name, message: error.message, stack: error.stack }
          : { name: 'Error', message: String(error) };
      if (isDomainError(error)) {
        failure.domain = {
          code: error.code,
          problems: [...error.problems],
          details: { ...error.details },
        };
      }
      port.postMessage({ id, error: failure } satisfies CpuThreadMessage);
    },
  );
});
