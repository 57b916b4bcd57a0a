/**
 * Giving memory back at once: a dataset file that was read and whose pixels now live in the run
 * host's shared memory is garbage, but V8 frees such large buffers only at a full collection, which
 * a worker that only trains may not reach for a long time. Main starts the worker with
 * --expose-gc (WORKER_NODE_OPTIONS), so it can ask for one after a dataset is put in use; without
 * the option nothing happens and the memory comes back later.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.()
}
