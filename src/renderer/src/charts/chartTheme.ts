/**
 * The charts' colours, read from the page's CSS custom properties so they follow light and dark.
 * Series colours are Okabe–Ito (told apart with every common colour-vision deficiency): train
 * blue, test vermillion, the divergence marker reddish purple; every series also differs in
 * dash or point shape, so colour is never the only cue.
 */

export interface ChartTheme {
  readonly text: string
  readonly muted: string
  readonly grid: string
  readonly surface: string
  readonly train: string
  readonly test: string
  readonly marker: string
}

/** The theme from the custom properties on `element` (--text, --muted, --grid, --surface, --series-*). */
export function themeFrom(element: Element): ChartTheme {
  const style = getComputedStyle(element)
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback
  return {
    text: read('--text', '#1d232b'),
    muted: read('--muted', '#5b6572'),
    grid: read('--grid', 'rgba(127, 127, 127, 0.2)'),
    surface: read('--surface', '#ffffff'),
    train: read('--series-train', '#0072b2'),
    test: read('--series-test', '#d55e00'),
    marker: read('--series-marker', '#cc79a7')
  }
}

/** `colour` (#rgb or #rrggbb) at `alpha` opacity, as rgba(); other notations are returned as they are. */
export function withAlpha(colour: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim())
  if (!hex) return colour
  const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1]
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16))
  return `rgba(${r}, ${g}, ${b}, ${alpha})`
}
