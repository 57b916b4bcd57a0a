/** Listens for the run controls' keyboard shortcuts (keys/shortcuts.ts) on the whole window. */
import { onScopeDispose } from 'vue'
import { shortcutFor, type ShortcutAction } from '../keys/shortcuts'

/** `run` returns whether it did something; only then is the key kept from the page (no scrolling on Space). */
export function useShortcuts(run: (action: ShortcutAction) => boolean, target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): void {
  const listener = (e: KeyboardEvent): void => {
    if (e.defaultPrevented) return
    const action = shortcutFor(e)
    if (action && run(action)) e.preventDefault()
  }
  target.addEventListener('keydown', listener as EventListener)
  onScopeDispose(() => target.removeEventListener('keydown', listener as EventListener))
}
