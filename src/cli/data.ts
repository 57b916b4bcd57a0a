/** Loading the dataset a command names (or the built-in demo when it names none). */
import type { Dataset } from '../core/data/dataset'
import { demoDataset } from '../core/data/demo'
import { loadDataset } from '../core/data/load'
import { readSource } from '../node/readSource'
import { parseIntList, UsageError, type OptionSpec } from './args'

export const DATA_OPTIONS: Record<string, OptionSpec> = {
  classes: { kind: 'string', value: '<a,b|all>', help: 'for ten-class data: the two class numbers to tell apart (e.g. 0,8), or "all"' },
  'test-split': { kind: 'number', value: '<fraction>', help: 'share of pictures kept for testing when the file has no test split (default 0.2)' }
}

export function classesOption(value: string | number | boolean | undefined): number[] | 'all' | undefined {
  if (value === undefined) return undefined
  const text = String(value)
  if (text.trim().toLowerCase() === 'all') return 'all'
  return parseIntList('classes', text)
}

export async function loadData(
  path: string | undefined, options: ReadonlyMap<string, string | number | boolean>, seed: number
): Promise<Dataset> {
  const classes = classesOption(options.get('classes'))
  const testFraction = options.get('test-split') as number | undefined
  if (testFraction !== undefined && !(testFraction > 0 && testFraction < 1)) {
    throw new UsageError('--test-split needs a fraction between 0 and 1, such as 0.2.')
  }
  if (path === undefined) {
    if (classes !== undefined) throw new UsageError('--classes needs a ten-class dataset; the demo has two classes.')
    return demoDataset()
  }
  const source = await readSource(path)
  return loadDataset(source, { classes, testFraction, seed })
}
