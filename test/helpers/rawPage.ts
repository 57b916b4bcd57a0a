/**
 * A browser-mode page spoken by hand over a raw WebSocket (rawSocket.ts): connecting as the page
 * does (token in the target, the page's own origin) and the contract's requests, replies and
 * events as masked binary frames of src/core/wire/frame.ts.
 */
import { decodeFrame, encodeFrame } from '../../src/core/wire/frame'
import type { Reply } from '../../src/shared/payloads'
import type { ServerMessage } from '../../src/shared/socket'
import { clientFrame, openRawWebSocket, RawWebSocket } from './rawSocket'

export interface PageEvent {
  readonly event: string
  readonly payload: unknown
}

/** A raw socket with the contract on top; events received are kept in `events`. */
export class RawPage {
  readonly events: PageEvent[] = []
  private nextId = 1

  constructor(readonly ws: RawWebSocket) {}

  static async open(port: number, token: string): Promise<RawPage> {
    const ws = await openRawWebSocket(port, `/api?token=${token}`, [`Host: 127.0.0.1:${port}`, `Origin: http://127.0.0.1:${port}`])
    if (!(ws instanceof RawWebSocket)) throw new Error(`the page could not connect (${ws?.status ?? 'no answer'})`)
    return new RawPage(ws)
  }

  /** The next message from the server, or null when the connection ended. */
  private async receive(): Promise<ServerMessage | null> {
    for (;;) {
      const frame = await this.ws.nextFrame()
      if (!frame) return null
      if (frame.opcode !== 2) continue
      const m = decodeFrame(new Uint8Array(frame.payload)) as ServerMessage
      if (m.type === 'event') this.events.push({ event: m.event, payload: m.payload })
      return m
    }
  }

  /** Sends one request and waits for its reply, keeping the events that come first. */
  async ask(channel: string, args: unknown): Promise<Reply<unknown>> {
    const id = this.nextId++
    this.ws.send(clientFrame({ opcode: 2, payload: encodeFrame({ type: 'request', id, channel, args }) }))
    for (;;) {
      const m = await this.receive()
      if (!m) throw new Error(`the connection ended before the reply to ${channel}`)
      if (m.type === 'reply' && m.id === id) return m.reply
    }
  }

  /** Waits for an event (one already received counts). */
  async event(name: string): Promise<unknown> {
    for (;;) {
      const seen = this.events.find((e) => e.event === name)
      if (seen) return seen.payload
      if (!(await this.receive())) throw new Error(`the connection ended before ${name}`)
    }
  }

  close(): void {
    this.ws.close()
  }
}
