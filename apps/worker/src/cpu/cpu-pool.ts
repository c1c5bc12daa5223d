import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { type ConfigOf, INSTALL_ROOT, InjectConfig, workerConfig } from '@cordage/config';
import { DomainError, type DomainErrorCode, type Problem } from '@cordage/domain';
import type { CpuTaskName, CpuTasks } from './cpu-tasks';
import type { CpuTaskError, CpuTaskRequest, CpuThreadMessage } from './cpu-thread';

type Input<T extends CpuTaskName> = Parameters<CpuTasks[T]>[0];
type Output<T extends CpuTaskName> = Awaited<ReturnType<CpuTasks[T]>>;
type ProgressReporter = (percent: number, step: string) => Promise<unknown> | void;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: ProgressReporter;
  /** Progress reports in order, each after the previous one. */
  progress: Promise<unknown>;
}

interface Thread {
  worker: Worker;
  /** The task it runs, if any: one at a time per thread. */
  taskId: number | null;
}

/**
 * A few worker threads for the jobs' CPU-heavy steps (solving, rendering, signing): the worker's
 * event loop stays free to renew the jobs' locks, so BullMQ never takes a finished job for a
 * stalled one. As many threads as jobs a queue runs at once (WORKER_CONCURRENCY), made on first
 * use and kept; a task waits for a free thread. A thread that dies fails its task (the job is
 * retried) and is replaced on the next task.
 */
@Injectable()
export class CpuPool implements OnApplicationShutdown {
  private readonly logger = new Logger(CpuPool.name);
  private readonly threads: Thread[] = [];
  private readonly queue: { request: CpuTaskRequest; pending: Pending }[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly underWay = new Set<Promise<unknown>>();
  private nextId = 1;
  private closing = false;

  constructor(@InjectConfig(workerConfig) private readonly config: ConfigOf<typeof workerConfig>) {}

  run<T extends CpuTaskName>(
    task: T,
    input: Input<T>,
    onProgress?: ProgressReporter,
  ): Promise<Output<T>> {
    if (this.closing) return Promise.reject(new Error('the worker is shutting down'));
    const outcome = new Promise<Output<T>>((resolve, reject) => {
      const request = { id: this.nextId++, task, input };
      const pending: Pending = {
        resolve: resolve as (value: unknown) => void,
        reject,
        onProgress,
        progress: Promise.resolve(),
      };
      this.queue.push({ request, pending });
      this.dispatch();
    });
    const settled = outcome.then(
      () => undefined,
      () => undefined,
    );
    this.underWay.add(settled);
    void settled.then(() => this.underWay.delete(settled));
    return outcome;
  }

  /** Lets the tasks under way finish (a graceful shutdown waits for its jobs), then stops. */
  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await Promise.all(this.underWay);
    await Promise.all(this.threads.splice(0).map((thread) => thread.worker.terminate()));
  }

  private dispatch(): void {
    for (let next = this.queue[0]; next !== undefined; next = this.queue[0]) {
      const thread = this.freeThread();
      if (!thread) return;
      this.queue.shift();
      const { request, pending } = next;
      thread.taskId = request.id;
      this.pending.set(request.id, pending);
      thread.worker.postMessage(request);
    }
  }

  private freeThread(): Thread | undefined {
    const idle = this.threads.find((thread) => thread.taskId === null);
    if (idle) return idle;
    if (this.threads.length >= this.config.WORKER_CONCURRENCY) return undefined;
    const thread: Thread = { worker: this.spawn(), taskId: null };
    this.threads.push(thread);
    thread.worker.on('message', (message: CpuThreadMessage) => this.receive(thread, message));
    thread.worker.on('error', (error) => this.lose(thread, error));
    thread.worker.on('exit', (code) => this.lose(thread, new Error(`cpu thread exited (${code})`)));
    return thread;
  }

  /**
   * From TypeScript sources (bin/run.js, jest) the thread registers SWC as bin/run.js does; from
   * the build (dist/), the compiled module runs as it is.
   */
  private spawn(): Worker {
    const entry = path.join(__dirname, `cpu-thread${path.extname(__filename)}`);
    if (entry.endsWith('.ts')) {
      const bootstrap = path.join(INSTALL_ROOT, 'bin', 'thread.js');
      return new Worker(bootstrap, { workerData: { entry } });
    }
    return new Worker(entry);
  }

  private receive(thread: Thread, message: CpuThreadMessage): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if ('progress' in message) {
      const [percent, step] = message.progress;
      pending.progress = pending.progress
        .then(() => pending.onProgress?.(percent, step))
        .catch((error: unknown) => this.logger.warn({ err: error }, 'progress not reported'));
      return;
    }
    this.pending.delete(message.id);
    thread.taskId = null;
    // The result after the last progress report, as when the step ran in this thread.
    void pending.progress.then(() => {
      if ('error' in message) pending.reject(revive(message.error));
      else pending.resolve(message.result);
    });
    this.dispatch();
  }

  private lose(thread: Thread, error: Error): void {
    const index = this.threads.indexOf(thread);
    if (index === -1) return;
    this.threads.splice(index, 1);
    if (thread.taskId !== null) {
      const pending = this.pending.get(thread.taskId);
      this.pending.delete(thread.taskId);
      pending?.reject(error);
    }
    if (!this.closing) {
      this.logger.error({ err: error }, 'cpu thread lost');
      void thread.worker.terminate();
      this.dispatch();
    }
  }
}

/** The thread's error as the caller expects it: a domain error stays one (it is not retried). */
function revive(failure: CpuTaskError): Error {
  const error = failure.domain
    ? new DomainError(
        failure.domain.code as DomainErrorCode,
        failure.message,
        failure.domain.problems as Problem[],
        failure.domain.details,
      )
    : Object.assign(new Error(failure.message), { name: failure.name });
  if (failure.stack) error.stack = failure.stack;
  return error;
}
