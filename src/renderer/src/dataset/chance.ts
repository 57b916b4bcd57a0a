/**
 * The chance level of the dataset in use (src/core/data/chanceLevel.ts on its test split's
 * counts per class), which the accuracy charts draw as a line.
 */
import { chanceLevel, type ChanceLevel } from '../../../core/data/chanceLevel'
import type { DatasetInfo } from '../../../shared/payloads'

export function datasetChance(info: DatasetInfo | null): ChanceLevel | null {
  if (!info) return null
  return chanceLevel(info.classes.map((c) => c.name), info.classes.map((c) => c.test))
}
