/**
 * Where to reopen the window: the saved bounds when enough of them (MIN_VISIBLE pixels each way)
 * still lies on a display's work area, so that a window saved on a screen that is gone does not
 * open out of sight; otherwise none (the default size, centred).
 */
import type { WindowBounds } from '../shared/settings'

export interface Area {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

export const MIN_VISIBLE = 100

export function visibleBounds(saved: WindowBounds | null, displays: readonly Area[]): WindowBounds | null {
  if (!saved) return null
  const onScreen = displays.some((d) => {
    const w = Math.min(saved.x + saved.width, d.x + d.width) - Math.max(saved.x, d.x)
    const h = Math.min(saved.y + saved.height, d.y + d.height) - Math.max(saved.y, d.y)
    return w >= MIN_VISIBLE && h >= MIN_VISIBLE
  })
  return onScreen ? saved : null
}
