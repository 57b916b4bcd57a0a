/**
 * Picking classes of a many-class source (e.g. CIFAR-10's ten) by name: the picked source
 * classes as DatasetOptions.classes (source order; every class is 'all'), and why a choice
 * cannot be used.
 */
import type { DatasetOptions } from '../../../shared/ipc'

/** The source classes the options keep, in source order. */
export function pickedClasses(options: DatasetOptions, sourceCount: number): number[] {
  if (options.classes === 'all') return Array.from({ length: sourceCount }, (_, i) => i)
  return [...options.classes].sort((a, b) => a - b)
}

/** `picked` as DatasetOptions.classes: 'all' when every class is picked, else the sorted numbers. */
export function classesOption(picked: readonly number[], sourceCount: number): DatasetOptions['classes'] {
  const unique = [...new Set(picked)].sort((a, b) => a - b)
  return unique.length === sourceCount ? 'all' : unique
}

/** `picked` with class `c` added or removed. */
export function toggleClass(picked: readonly number[], c: number): number[] {
  return picked.includes(c) ? picked.filter((p) => p !== c) : [...picked, c].sort((a, b) => a - b)
}

/** Why `picked` cannot be used, or null. */
export function pickProblem(picked: readonly number[]): string | null {
  if (picked.length === 0) return 'Pick two or more classes for the network to tell apart.'
  if (picked.length === 1) return 'Pick at least one more class: the network learns to tell classes apart.'
  return null
}

/** Whether `picked` is what the dataset already uses. */
export function samePick(picked: readonly number[], options: DatasetOptions, sourceCount: number): boolean {
  const now = pickedClasses(options, sourceCount)
  const next = classesOption(picked, sourceCount)
  const nextList = next === 'all' ? pickedClasses({ classes: 'all', testFraction: 0 }, sourceCount) : next
  return now.length === nextList.length && now.every((c, i) => c === nextList[i])
}

/** "airplane and ship", "cat, dog and horse", "all 10 classes". */
export function describePick(names: readonly string[], picked: readonly number[]): string {
  if (picked.length === names.length && names.length > 2) return `all ${names.length} classes`
  const chosen = picked.map((c) => names[c] ?? `class ${c}`)
  if (chosen.length <= 1) return chosen.join('')
  return `${chosen.slice(0, -1).join(', ')} and ${chosen[chosen.length - 1]}`
}
