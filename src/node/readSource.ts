/**
 * Reads what the user named on disk into a DataSource for core: one file's bytes, or a folder's
 * files (two levels deep, hidden files skipped). Sizes are checked before anything is read: at
 * most MAX_SOURCE_BYTES in all, one file or a whole folder. Failures become UserErrors in plain words.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join, relative } from 'node:path'
import type { DataSource, SourceFile } from '../core/data/source'
import { UserError } from '../core/errors'
import { MAX_ARCHIVE_FILES } from '../core/formats/tar'

/** The most a dataset file or folder may hold: CIFAR-10 is 180 MB, as float32 pictures 740 MB. */
export const MAX_SOURCE_BYTES = 2 * 1024 ** 3

function tooLarge(path: string, what: string): UserError {
  return new UserError(
    'too-large',
    `${what} "${path}" holds more than ${MAX_SOURCE_BYTES / 1024 ** 3} GB, more than NN Scratch reads. ` +
      "Point NN Scratch at the dataset's own file or folder, or save the pictures as uint8 (0–255) to make it smaller."
  )
}

export async function readSource(path: string): Promise<DataSource> {
  const info = await stat(path).catch((e: unknown) => { throw fileError(e, path) })
  if (!info.isDirectory() && info.size > MAX_SOURCE_BYTES) throw tooLarge(path, 'The file')
  if (info.isDirectory()) {
    const files: SourceFile[] = []
    await collect(path, path, 0, files, { bytes: 0 })
    if (files.length === 0) throw new UserError('empty-folder', `The folder "${path}" has no files in it. Choose a dataset file, or a folder of CIFAR-10 batches.`)
    return { kind: 'folder', name: basename(path), files }
  }
  return { kind: 'file', name: basename(path), bytes: await readBytes(path) }
}

export async function readBytes(path: string): Promise<Uint8Array> {
  try {
    const b = await readFile(path)
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
  } catch (e) {
    throw fileError(e, path)
  }
}

async function collect(root: string, dir: string, depth: number, out: SourceFile[], total: { bytes: number }): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((e: unknown) => { throw fileError(e, dir) })
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    const full = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (depth < 2) await collect(root, full, depth + 1, out, total)
    } else if (entry.isFile()) {
      if (out.length === MAX_ARCHIVE_FILES) {
        throw new UserError(
          'too-many-files',
          `The folder "${root}" holds more than ${MAX_ARCHIVE_FILES} files, far more than a dataset NN Scratch reads. ` +
            "Point NN Scratch at the dataset's own file or folder."
        )
      }
      const size = (await stat(full).catch((e: unknown) => { throw fileError(e, full) })).size
      if (total.bytes + size > MAX_SOURCE_BYTES) throw tooLarge(root, 'The folder')
      const bytes = await readBytes(full)
      total.bytes += bytes.byteLength
      if (total.bytes > MAX_SOURCE_BYTES) throw tooLarge(root, 'The folder')
      out.push({ name: relative(root, full).split('\\').join('/'), bytes })
    }
  }
}

/** A Node file-system error as a plain-language UserError. */
export function fileError(e: unknown, path: string): Error {
  const code = (e as { code?: string } | null)?.code
  switch (code) {
    case 'ENOENT':
      return new UserError('no-such-file', `There is no file or folder at "${path}". Check the name and where it is, then try again.`)
    case 'EACCES':
    case 'EPERM':
      return new UserError('no-permission', `NN Scratch is not allowed to read "${path}". Check the file's permissions, or copy it somewhere you own.`)
    case 'EISDIR':
      return new UserError('is-folder', `"${path}" is a folder, not a file.`)
    case 'ENOTDIR':
      return new UserError('no-such-file', `Part of the path "${path}" is a file, not a folder. Check the path.`)
    case 'ERR_FS_FILE_TOO_LARGE':
      return tooLarge(path, 'The file')
    default:
      return e instanceof Error ? e : new Error(String(e))
  }
}
