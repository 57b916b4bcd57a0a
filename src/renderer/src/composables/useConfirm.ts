/**
 * A question the page asks before doing something that cannot be undone (discarding a trained
 * network that was not saved): one at a time, answered by the ConfirmDialog's buttons.
 */
import { onScopeDispose, shallowRef, type ShallowRef } from 'vue'

export interface ConfirmRequest {
  readonly title: string
  readonly message: string
  /** the button that goes ahead, e.g. "Discard and train". */
  readonly confirmLabel: string
}

export interface Confirmation {
  readonly pending: Readonly<ShallowRef<ConfirmRequest | null>>
  /** Resolves true when the user goes ahead, false when they cancel (or another question replaces this one). */
  ask(request: ConfirmRequest): Promise<boolean>
  answer(goAhead: boolean): void
}

export function useConfirm(): Confirmation {
  const pending = shallowRef<ConfirmRequest | null>(null)
  let resolve: ((goAhead: boolean) => void) | null = null

  function answer(goAhead: boolean): void {
    const r = resolve
    resolve = null
    pending.value = null
    r?.(goAhead)
  }

  onScopeDispose(() => answer(false))

  return {
    pending,
    ask(request) {
      answer(false)
      pending.value = request
      return new Promise((r) => { resolve = r })
    },
    answer
  }
}
