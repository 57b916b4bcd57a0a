/**
 * When browser mode stops: on SIGINT, SIGTERM or SIGHUP (Ctrl+C, `kill`, a closed terminal), and,
 * when started by `npm start` (scripts/start.mjs, which opens an IPC channel for this), as soon as
 * that script is gone, however it ended. A stop that hangs (a connection that will not close)
 * ends the process after a grace period.
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
export const GRACE_MS = 3000

export function stopWhenAsked(stop: () => Promise<void>): void {
  let stopping = false
  const once = (): void => {
    if (stopping) return
    stopping = true
    setTimeout(() => process.exit(0), GRACE_MS).unref()
    void stop().finally(() => process.exit(0))
  }
  for (const signal of SIGNALS) process.on(signal, once)
  if (process.send !== undefined) process.once('disconnect', once)
}
