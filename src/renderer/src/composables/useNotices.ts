/**
 * Messages for the user, stacked in one region of the page that covers no content (StudioApp):
 * problems (errors and warnings) stay until dismissed; information ("Model saved") leaves by
 * itself after about INFO_SECONDS, though not while the pointer is on it or it has the keyboard's
 * focus (`hold`). The same message again is counted on the one already shown ("×3") instead of
 * being repeated. Every message is plain language: an ApiFailure's message is already written for
 * people; anything else is a bug and says so.
 */
import { onScopeDispose, shallowRef, type ShallowRef } from 'vue'

export type NoticeLevel = 'error' | 'warning' | 'info'

export interface Notice {
  readonly id: number
  readonly level: NoticeLevel
  readonly message: string
  /** how many times it was said (shown as "×3" from the second on). */
  readonly count: number
  /** what it is about, when it holds only while something is so: a newer notice about the same replaces it, and withdraw takes it away. */
  readonly topic?: string
}

export interface Notices {
  readonly list: Readonly<ShallowRef<readonly Notice[]>>
  show(level: NoticeLevel, message: string, topic?: string): void
  /** Takes away the notices about `topic` (what they said is no longer so). */
  withdraw(topic: string): void
  /** Shows why `e` (a rejected request, a thrown error) went wrong. */
  report(e: unknown): void
  dismiss(id: number): void
  /** The notice is being read (hovered or focused: `held`) or no longer is; information does not leave while held. */
  hold(id: number, held: boolean): void
}

/** How long an info message stays before it leaves by itself (counted again once it is no longer held). */
export const INFO_SECONDS = 6
/** At most this many information messages at once: a new one sends the oldest away. */
export const MAX_INFO = 2

/** The message to show for a failure: the API's plain words, or an honest "this is a bug". */
export function messageOf(e: unknown): string {
  if (e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && e.message) return e.message
  const detail = e instanceof Error ? e.message : String(e)
  return `Something went wrong inside NN Scratch (${detail}). Please try again; if it keeps happening, restart the app.`
}

export function useNotices(): Notices {
  const list = shallowRef<readonly Notice[]>([])
  const timers = new Map<number, ReturnType<typeof setTimeout>>()
  const held = new Set<number>()
  let nextId = 1

  function stopTimer(id: number): void {
    clearTimeout(timers.get(id))
    timers.delete(id)
  }

  /** An information message leaves INFO_SECONDS from now, unless it is being read. */
  function startTimer(n: Notice): void {
    stopTimer(n.id)
    if (n.level === 'info' && !held.has(n.id)) timers.set(n.id, setTimeout(() => dismiss(n.id), INFO_SECONDS * 1000))
  }

  function dismiss(id: number): void {
    stopTimer(id)
    held.delete(id)
    list.value = list.value.filter((n) => n.id !== id)
  }

  function withdraw(topic: string, except?: string): void {
    for (const n of list.value) if (n.topic === topic && n.message !== except) dismiss(n.id)
  }

  function show(level: NoticeLevel, message: string, topic?: string): void {
    if (topic !== undefined) withdraw(topic, message)
    const same = list.value.find((n) => n.level === level && n.message === message)
    if (same) {
      const counted = { ...same, count: same.count + 1 }
      list.value = list.value.map((n) => (n === same ? counted : n))
      startTimer(counted)
      return
    }
    const infos = list.value.filter((n) => n.level === 'info')
    for (const old of infos.slice(0, Math.max(0, infos.length - MAX_INFO + 1))) dismiss(old.id)
    const notice: Notice = { id: nextId++, level, message, count: 1, ...(topic === undefined ? {} : { topic }) }
    list.value = [...list.value, notice]
    startTimer(notice)
  }

  function hold(id: number, on: boolean): void {
    const n = list.value.find((x) => x.id === id)
    if (!n) return
    if (on) {
      held.add(id)
      stopTimer(id)
    } else if (held.delete(id)) {
      startTimer(n)
    }
  }

  onScopeDispose(() => {
    for (const t of timers.values()) clearTimeout(t)
    timers.clear()
  })

  return { list, show, withdraw: (topic) => withdraw(topic), report: (e) => show('error', messageOf(e)), dismiss, hold }
}
