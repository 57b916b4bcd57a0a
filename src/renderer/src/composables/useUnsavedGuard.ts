/**
 * Browser mode: leaving or reloading the page with trained work that was not saved asks first
 * (the browser's own "Leave site?" prompt). The desktop app asks in main when the window closes,
 * so this stays out of its way there (a beforeunload handler would silently block the close).
 */
import { onScopeDispose } from 'vue'

export function useUnsavedGuard(shouldAsk: () => boolean, target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): void {
  const listener = (e: BeforeUnloadEvent): void => {
    if (!shouldAsk()) return
    e.preventDefault()
    // older browsers show the prompt only when returnValue is set
    e.returnValue = ''
  }
  target.addEventListener('beforeunload', listener as EventListener)
  onScopeDispose(() => target.removeEventListener('beforeunload', listener as EventListener))
}
