/**
 * Runs one task at a time, in arrival order: the server's saves of the
 * workbook file, so two writes of the file never overlap. A failing task does
 * not stop the ones queued after it.
 */
export class ExecutionQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Queues `task`; resolves or rejects with its outcome once every earlier task has finished. */
  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(() => task());
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when everything queued so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
