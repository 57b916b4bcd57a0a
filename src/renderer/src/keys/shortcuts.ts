/**
 * Keyboard shortcuts of the run controls: Space pauses or resumes, Enter trains, S steps one
 * epoch, Esc stops. None fires while the user types (in a text box, a list or an editable
 * area), with Ctrl, Alt or Cmd held (those belong to the browser and the menu), inside a dialog,
 * or, for Space and Enter, on a control those keys already press (a button, a link, a tab).
 */

export type ShortcutAction = 'pause-resume' | 'train' | 'step' | 'stop'

/** The key as shown in tooltips and aria-keyshortcuts. */
export const SHORTCUT_KEYS: Record<ShortcutAction, string> = {
  'pause-resume': 'Space',
  train: 'Enter',
  step: 'S',
  stop: 'Escape'
}

export type ShortcutEvent = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'repeat' | 'isComposing' | 'target'>

const TYPING = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])'
const PRESSABLE = 'button, a[href], summary, [role="button"], [role="tab"], [role="link"], [role="checkbox"], [role="switch"], [role="menuitem"]'

const isElement = (t: EventTarget | null): t is Element => typeof Element !== 'undefined' && t instanceof Element

/** The run-control action a key press asks for, or null when it is not a shortcut here. */
export function shortcutFor(e: ShortcutEvent): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return null
  const target = isElement(e.target) ? e.target : null
  if (target?.closest(TYPING) || target?.closest('dialog, [role="dialog"], [role="alertdialog"]')) return null
  const onControl = target?.closest(PRESSABLE) != null
  switch (e.key) {
    case ' ':
    case 'Spacebar':
      return onControl || e.repeat ? null : 'pause-resume'
    case 'Enter':
      return onControl || e.repeat ? null : 'train'
    case 's':
    case 'S':
      return e.repeat ? null : 'step'
    case 'Escape':
    case 'Esc':
      return 'stop'
    default:
      return null
  }
}

/** " (Space)" for a tooltip. */
export function keyHint(action: ShortcutAction): string {
  const key = SHORTCUT_KEYS[action]
  return ` (shortcut: ${key === 'Escape' ? 'Esc' : key})`
}
