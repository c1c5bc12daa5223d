/** Requested work that can never succeed as asked (refused data, unknown request): not retried. */
export class RequestedWorkRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestedWorkRefused';
  }
}
