/**
 * A fake RendererApi for component tests: requests answered by handlers the test gives (a
 * missing one rejects like an API failure), every call recorded, events emitted by hand.
 */
import type { ApiFailure, EventListener, RendererApi } from '../../src/shared/api'
import type { EventChannel, Events, RequestArgs, RequestChannel, RequestResult } from '../../src/shared/ipc'

export type Handlers = { [C in RequestChannel]?: (args: RequestArgs<C>) => RequestResult<C> | Promise<RequestResult<C>> }

export function failure(code: string, message: string): ApiFailure {
  return Object.assign(new Error(message), { code })
}

export class FakeApi implements RendererApi {
  readonly version = '0.0.0-test'
  readonly calls: { channel: RequestChannel; args: unknown }[] = []
  private readonly listeners = new Map<EventChannel, Set<(payload: never) => void>>()

  constructor(public handlers: Handlers = {}) {}

  async invoke<C extends RequestChannel>(channel: C, args: RequestArgs<C>): Promise<RequestResult<C>> {
    this.calls.push({ channel, args })
    const handler = this.handlers[channel] as ((a: RequestArgs<C>) => RequestResult<C> | Promise<RequestResult<C>>) | undefined
    if (!handler) throw failure('internal', `The fake API has no handler for ${channel}.`)
    return handler(args)
  }

  on<E extends EventChannel>(event: E, listener: EventListener<E>): () => void {
    const set = this.listeners.get(event) ?? new Set()
    set.add(listener as (payload: never) => void)
    this.listeners.set(event, set)
    return () => set.delete(listener as (payload: never) => void)
  }

  emit<E extends EventChannel>(event: E, payload: Events[E]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as EventListener<E>)(payload)
  }

  listenerCount(): number {
    let n = 0
    for (const set of this.listeners.values()) n += set.size
    return n
  }

  callsTo(channel: RequestChannel): unknown[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.args)
  }
}
