/**
 * Keep some classes of a dataset: picked classes [c_0, c_1, …] become 0, 1, … in the order given
 * (two picked classes give a binary problem), with their names; 'all' keeps the dataset as it is.
 *   x: [count, inputs] -> [kept, inputs]; y: [count] -> [kept], y' = position of y in `classes`.
 * A pick is a class number or a class name (any case), resolved against the source's names.
 */
import { UserError } from '../errors'
import type { Dataset, Split } from './dataset'

function keepRows(s: Split, inputs: number, newLabel: Int16Array): Split {
  let count = 0
  for (let i = 0; i < s.count; i++) if (newLabel[s.y[i]] >= 0) count++
  const x = new Uint8Array(count * inputs)
  const y = new Uint8Array(count)
  let o = 0
  for (let i = 0; i < s.count; i++) {
    const to = newLabel[s.y[i]]
    if (to < 0) continue
    x.set(s.x.subarray(i * inputs, (i + 1) * inputs), o * inputs)
    y[o++] = to
  }
  return { x, y, count }
}

function describeChoice(ds: Dataset): string {
  const names = ds.classNames.map((n, i) => `${i} ${n}`).join(', ')
  return `This dataset has ${ds.classNames.length} classes: ${names}.`
}

/** A class picked by its number in the source (0, 1, …) or by its name ("cat", "Ship"). */
export type ClassPick = number | string

/**
 * The source class numbers of `picks`: numbers as they are (selectClasses checks them), names
 * matched to `classNames` without regard to case. An unknown name is a UserError listing the names.
 */
export function resolveClassPicks(classNames: readonly string[], picks: readonly ClassPick[]): number[] {
  const lower = classNames.map((n) => n.toLowerCase())
  return picks.map((p) => {
    if (typeof p === 'number') return p
    const at = lower.indexOf(p.trim().toLowerCase())
    if (at < 0) {
      const names = classNames.map((n) => `"${n}"`).join(', ')
      throw new UserError('bad-classes', `There is no class named "${p}". This dataset's classes are ${names}; pick them by name or by number (0 to ${classNames.length - 1}).`)
    }
    return at
  })
}

export function selectClasses(ds: Dataset, classes: readonly number[] | 'all'): Dataset {
  if (classes === 'all') return ds
  const total = ds.classNames.length
  if (classes.length < 2) {
    throw new UserError(
      'bad-classes',
      `Pick at least two classes for the network to tell apart (you picked ${classes.length}). ${describeChoice(ds)}`
    )
  }
  const newLabel = new Int16Array(256).fill(-1)
  for (let k = 0; k < classes.length; k++) {
    const c = classes[k]
    if (!Number.isInteger(c) || c < 0 || c >= total) {
      throw new UserError('bad-classes', `There is no class ${c}. ${describeChoice(ds)}`)
    }
    if (newLabel[c] >= 0) {
      throw new UserError('bad-classes', `Class ${c} (${ds.classNames[c]}) is picked twice; pick each class once.`)
    }
    newLabel[c] = k
  }
  if (classes.length === total && classes.every((c, k) => c === k)) return ds
  const train = keepRows(ds.train, ds.inputs, newLabel)
  const test = keepRows(ds.test, ds.inputs, newLabel)
  for (const [split, part] of [[train, 'training'], [test, 'test']] as const) {
    if (split.count === 0) {
      throw new UserError(
        'empty-split',
        `The ${part} part of ${ds.name} has no pictures of the classes you picked ` +
          `(${classes.map((c) => ds.classNames[c]).join(', ')}). Pick other classes.`
      )
    }
  }
  return {
    ...ds,
    classNames: classes.map((c) => ds.classNames[c]),
    train,
    test
  }
}
