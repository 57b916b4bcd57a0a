/**
 * One command to the Session method that carries it out, its answer as a Reply: a UserError
 * (or any failure) becomes an AppError in plain words; the worker itself keeps running.
 */
import { appError, toAppError } from '../node/appError'
import type { Reply } from '../shared/payloads'
import type { ToWorker } from '../shared/workerProtocol'
import type { Session } from './session'

async function run(session: Session, c: ToWorker): Promise<unknown> {
  switch (c.type) {
    case 'load-dataset': return session.loadDataset(c.source, c.options)
    case 'configure-dataset': return session.configureDataset(c.options)
    case 'import-pictures': return session.importPictures(c.choice)
    case 'rename-classes': return session.renameClasses(c.names)
    case 'save-dataset': return session.saveDataset()
    case 'start': return session.start(c.config, c.from)
    case 'pause': return session.pause()
    case 'resume': return session.resume()
    case 'step': return session.step(c.config)
    case 'stop': return session.stop()
    case 'reset': return session.reset()
    case 'update-settings': return session.updateSettings(c.settings)
    case 'evaluate': return session.evaluate()
    case 'predictions': return session.predictions(c.query)
    case 'load-model': return session.loadModel(c.file)
    case 'save-model': return session.saveModel(c.format)
    case 'mark-saved': return session.markSaved()
    case 'snapshot': return session.snapshot()
    case 'runs:open': return session.openRun(c.recordId, c.name, c.model, c.batchLosses)
    case 'sweep:estimate': return session.estimateSweep(c.spec, c.config)
    case 'sweep:start': return session.startSweep(c.spec, c.config)
    case 'sweep:stop': return session.stopSweep(c.runId)
    case 'try-pictures': return session.tryPictures(c.pictures, c.networks)
  }
}

export function isCommand(m: unknown): m is ToWorker {
  return typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string' &&
    typeof (m as { id?: unknown }).id === 'number'
}

export interface Answer {
  readonly id: number
  readonly reply: Reply<unknown>
}

/** The reply to a message, or null when it is not a command at all (it is ignored). */
export async function dispatch(session: Session, message: unknown): Promise<Answer | null> {
  if (!isCommand(message)) return null
  try {
    const value = await run(session, message)
    if (value === undefined) return { id: message.id, reply: { ok: false, error: appError('bad-command', `The training process has no command "${message.type}".`) } }
    return { id: message.id, reply: { ok: true, value } }
  } catch (e) {
    return { id: message.id, reply: { ok: false, error: toAppError(e) } }
  }
}
