/**
 * Whether a table shows all its columns or its compact form, by measuring rather than guessing:
 * the table is laid out in full; when it is wider than its box it turns compact and remembers the
 * width it needed, and it turns full again only once the box is that wide, so it never flickers
 * between the two. A change of columns (the caller's `reset`) lays it out in full again.
 */
import { nextTick, onBeforeUnmount, onMounted, ref, watch, type Ref, type WatchSource } from 'vue'

export interface TableFit {
  readonly compact: boolean
  /** the width the full table needed when it last did not fit; 0 while full. */
  readonly needs: number
}

export const FULL_TABLE: TableFit = { compact: false, needs: 0 }

/** The fit after measuring a box `box` pixels wide holding a table `table` pixels wide (as laid out now). */
export function nextFit(fit: TableFit, box: number, table: number): TableFit {
  if (box <= 0) return fit // hidden (another tab): nothing to measure
  if (!fit.compact) return table > box + 1 ? { compact: true, needs: table } : fit
  return box >= fit.needs ? FULL_TABLE : fit
}

/**
 * Follows the sizes of `box` and of the table in it (the first <table> inside): true while the
 * table should be compact. `reset` changes when the table's columns do. Without ResizeObserver
 * (tests without layout) it stays full.
 */
export function useTableFit(box: Ref<HTMLElement | null>, reset: WatchSource): Ref<boolean> {
  const compact = ref(false)
  let fit = FULL_TABLE
  const measure = (): void => {
    const b = box.value
    const table = b?.querySelector('table')
    if (!b || !table) return
    fit = nextFit(fit, b.clientWidth, table.scrollWidth)
    if (compact.value !== fit.compact) {
      compact.value = fit.compact
      // laid out the other way now: look again (a full table that still does not fit)
      void nextTick(measure)
    }
  }
  let observer: ResizeObserver | null = null
  const observe = (): void => {
    observer?.disconnect()
    const b = box.value
    const table = b?.querySelector('table')
    if (!observer || !b) return
    observer.observe(b)
    if (table) observer.observe(table)
  }
  onMounted(() => {
    if (typeof ResizeObserver !== 'function') return
    observer = new ResizeObserver(measure)
    observe()
  })
  // the box appears with the first runs; other columns lay the table out anew
  watch([box, reset], () => {
    fit = FULL_TABLE
    compact.value = false
    void nextTick(() => {
      observe()
      measure()
    })
  })
  onBeforeUnmount(() => observer?.disconnect())
  return compact
}
