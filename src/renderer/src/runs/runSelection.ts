/**
 * What ticking runs shows: their lines beside the current run on the charts (each in its colour,
 * runColours.ts), and for two runs the sentence of what changed and what it did (core
 * compareRuns), the older run first: two ticked runs, or the current run's record and one ticked
 * run. The current run is drawn by the chart itself, so its record is never drawn again.
 */
import { compareRuns } from '../../../core/runs/compare'
import type { RunList, RunManifest, RunRecord } from '../../../core/runs/types'
import type { OverlayRun } from '../charts/runOverlay'
import { RUN_COLOURS } from './runColours'

type Readable = Extract<RunRecord, { ok: true }>

function readable(list: RunList | null, ids: readonly string[]): Readable[] {
  if (!list) return []
  const byId = new Map(list.runs.map((r) => [r.id, r]))
  return ids.map((id) => byId.get(id)).filter((r): r is Readable => r !== undefined && r.ok)
}

/** The ticked runs' lines, in ticking order, without the current run's record. */
export function overlayOf(list: RunList | null, ticked: readonly string[], slots: ReadonlyMap<string, number>, currentId: string | null): OverlayRun[] {
  return readable(list, ticked.filter((id) => id !== currentId)).map((r) => {
    const slot = slots.get(r.id) ?? 0
    return { id: r.id, label: r.name, colour: RUN_COLOURS[slot % RUN_COLOURS.length], slot, history: r.manifest.history }
  })
}

/** “name”, or “name” (id) when another of the two has the same name. */
function labels(a: Readable, b: Readable): [string, string] {
  const twin = a.name === b.name
  const label = (r: Readable): string => `“${r.name}”${twin ? ` (${r.id})` : ''}`
  return [label(a), label(b)]
}

const older = (a: RunManifest, b: RunManifest): boolean => a.startedAt < b.startedAt || (a.startedAt === b.startedAt && a.id < b.id)

/** The sentence about two runs: two ticked, or the current run's record and one ticked; else null. */
export function comparisonOf(list: RunList | null, ticked: readonly string[], currentId: string | null): string | null {
  const chosen = readable(list, ticked)
  const current = currentId === null ? [] : readable(list, [currentId])
  const pair = chosen.length === 2 ? chosen : chosen.length === 1 && current.length === 1 && chosen[0].id !== currentId ? [current[0], chosen[0]] : null
  if (!pair) return null
  const [a, b] = older(pair[0].manifest, pair[1].manifest) ? pair : [pair[1], pair[0]]
  return compareRuns(a.manifest, b.manifest, labels(a, b))
}
