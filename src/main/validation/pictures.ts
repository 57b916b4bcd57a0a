/**
 * Checks of the requests about folders of pictures: the files of a folder the page read (browser
 * mode: the pictures' bytes, the other files by name and size), the import's choice (resize mode,
 * test share) and new class names (core's rule, src/core/data/classNames.ts).
 */
import { MAX_CLASS_NAME, classNamesProblem, tidyClassNames } from '../../core/data/classNames'
import { UserError } from '../../core/errors'
import { MAX_FOLDER_FILES } from '../../core/pictures/folderPlan'
import { RESIZE_MODES } from '../../core/pictures/types'
import { LIMITS } from '../../shared/ipc'
import type { DataSource } from '../../shared/payloads'
import type { FolderEntry, PictureImportChoice } from '../../shared/pictures'
import { bad, bytes, fields, list, number, oneOf, string } from './check'

/** The files of a folder not sent (not pictures by their extension): names and sizes. */
export function folderOthers(value: unknown): FolderEntry[] {
  return list(value, 'the folder\'s other files', MAX_FOLDER_FILES, (v, w) => {
    const o = fields(v, w, ['path', 'bytes'])
    return { path: string(o.path, `${w}'s name`, LIMITS.maxNameLength), bytes: number(o.bytes, `${w}'s size`, { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true }) }
  })
}

/** A folder of pictures the page read: at most MAX_FOLDER_FILES files with the others, within the upload limit. */
export function pictureSource(value: unknown, others: number): DataSource {
  const o = fields(value, 'the folder of pictures', ['kind', 'name', 'files'])
  oneOf(o.kind, 'the dataset kind', ['folder'] as const)
  let total = 0
  const files = list(o.files, 'the folder\'s pictures', MAX_FOLDER_FILES - others, (v, w) => {
    const f = fields(v, w, ['name', 'bytes'])
    const b = bytes(f.bytes, w, LIMITS.maxUploadBytes)
    total += b.length
    if (total > LIMITS.maxUploadBytes) throw bad('the folder\'s pictures', `at most ${LIMITS.maxUploadBytes} bytes in all`, total)
    return { name: string(f.name, `${w}'s name`, LIMITS.maxNameLength), bytes: b }
  })
  return { kind: 'folder', name: string(o.name, 'the folder\'s name', LIMITS.maxNameLength), files }
}

export function pictureImportChoice(value: unknown): PictureImportChoice {
  const o = fields(value, 'the import', ['resize', 'testFraction'])
  return {
    resize: oneOf(o.resize, 'the resize mode', RESIZE_MODES),
    testFraction: number(o.testFraction, 'the test share', { min: 0, max: 1, aboveMin: true, belowMax: true })
  }
}

/** New class names: 2 to 256, by core's rule (classNames.ts); the problem is said as it is. */
export function classNames(value: unknown): string[] {
  const names = tidyClassNames(list(value, 'the class names', 256, (v, w) => string(v, w, MAX_CLASS_NAME + 100)))
  if (names.length < 2) throw bad('the class names', 'a list of at least 2 names', value)
  const problem = classNamesProblem(names)
  if (problem) throw new UserError('bad-class-names', problem)
  return names
}
