/**
 * Messages for the user in a visible, dismissible banner: errors stay until dismissed,
 * confirmations ("Model saved") fade after a few seconds, one at a time. Every message is plain language: an
 * ApiFailure's message is already written for people; anything else is a bug and says so.
 */
import { onScopeDispose, shallowRef, type ShallowRef } from 'vue'

export type NoticeLevel = 'error' | 'warning' | 'info'

export interface Notice {
  readonly id: number
  readonly level: NoticeLevel
  readonly message: string
}

export interface Notices {
  readonly list: Readonly<ShallowRef<readonly Notice[]>>
  show(level: NoticeLevel, message: string): void
  /** Shows why `e` (a rejected request, a thrown error) went wrong. */
  report(e: unknown): void
  dismiss(id: number): void
}

/** How long an info message stays before it fades by itself. */
export const INFO_SECONDS = 6

/** The message to show for a failure: the API's plain words, or an honest "this is a bug". */
export function messageOf(e: unknown): string {
  if (e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && e.message) return e.message
  const detail = e instanceof Error ? e.message : String(e)
  return `Something went wrong inside NN Scratch (${detail}). Please try again; if it keeps happening, restart the app.`
}

export function useNotices(): Notices {
  const list = shallowRef<readonly Notice[]>([])
  const timers = new Map<number, ReturnType<typeof setTimeout>>()
  let nextId = 1

  function dismiss(id: number): void {
    clearTimeout(timers.get(id))
    timers.delete(id)
    list.value = list.value.filter((n) => n.id !== id)
  }

  function show(level: NoticeLevel, message: string): void {
    // the same message again replaces the old one instead of stacking up, and a confirmation
    // replaces the previous confirmation: only problems wait in line to be read
    for (const n of list.value) if (n.message === message || (level === 'info' && n.level === 'info')) dismiss(n.id)
    const id = nextId++
    list.value = [...list.value, { id, level, message }]
    if (level === 'info') timers.set(id, setTimeout(() => dismiss(id), INFO_SECONDS * 1000))
  }

  onScopeDispose(() => {
    for (const t of timers.values()) clearTimeout(t)
    timers.clear()
  })

  return { list, show, report: (e) => show('error', messageOf(e)), dismiss }
}
