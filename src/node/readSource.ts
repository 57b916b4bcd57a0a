/**
 * Reads what the user named on disk into a DataSource for core: one file's bytes, or a folder's
 * files (two levels deep, hidden files skipped). Sizes are checked before anything is read: at
 * most MAX_SOURCE_BYTES in all, one file or a whole folder. Failures become UserErrors in plain words.
 * Given room (the engine's memory), a file whose pixels stay views of its bytes (core's
 * readsInPlace, told from its first bytes) is read once, straight into that room: the pixels are
 * on disk and in the engine, nowhere else. openFile is core's RandomAccessFile on a descriptor.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join, relative } from 'node:path'
import { HEAD_BYTES, readsInPlace, type DataSource, type RandomAccessFile, type Room, type SourceFile } from '../core/data/source'
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

export async function readSource(path: string, room?: Room): Promise<DataSource> {
  const info = await stat(path).catch((e: unknown) => { throw fileError(e, path) })
  if (!info.isDirectory() && !info.isFile()) {
    // a pipe or a device would be read until it ends, perhaps never (and a synchronous open waits for a writer)
    throw new UserError('not-a-file', `"${path}" is not an ordinary file or folder (it is a pipe, socket or device). Choose a dataset file, or a folder of CIFAR-10 batches.`)
  }
  if (!info.isDirectory() && info.size > MAX_SOURCE_BYTES) throw tooLarge(path, 'The file')
  if (info.isDirectory()) {
    const files: SourceFile[] = []
    await collect(path, path, 0, files, { bytes: 0 })
    if (files.length === 0) throw new UserError('empty-folder', `The folder "${path}" has no files in it. Choose a dataset file, or a folder of CIFAR-10 batches.`)
    return { kind: 'folder', name: basename(path), files }
  }
  if (!room) return { kind: 'file', name: basename(path), bytes: await readBytes(path) }
  const file = openFile(path)
  try {
    return { kind: 'file', name: basename(path), bytes: readWhole(file, room) }
  } finally {
    file.close()
  }
}

/**
 * The whole of `file`, read once: into `room` when its pixels will stay views of its bytes
 * (readsInPlace), else into an array of its own. Only its first HEAD_BYTES are read before.
 */
export function readWhole(file: RandomAccessFile, room: Room): Uint8Array {
  if (file.size > MAX_SOURCE_BYTES) throw tooLarge('the dataset', 'The file')
  const head = file.read(0, Math.min(file.size, HEAD_BYTES))
  const bytes = readsInPlace(head) ? room(file.size).subarray(0, file.size) : new Uint8Array(file.size)
  file.readInto(0, bytes)
  return bytes
}

/** `path` open for reading at random (fs.readSync on its descriptor) until close(). */
export function openFile(path: string): RandomAccessFile & { close(): void } {
  let fd: number
  let size: number
  try {
    fd = openSync(path, 'r')
    size = fstatSync(fd).size
  } catch (e) {
    throw fileError(e, path)
  }
  const readInto = (offset: number, target: Uint8Array): void => {
    let done = 0
    while (done < target.length) {
      let n: number
      try {
        n = readSync(fd, target, done, target.length - done, offset + done)
      } catch (e) {
        throw fileError(e, path)
      }
      if (n === 0) {
        throw new UserError('file-changed', `"${path}" became shorter while it was read. Wait until it is completely saved or copied, then open it again.`)
      }
      done += n
    }
  }
  return {
    size,
    read: (offset, length) => {
      const out = new Uint8Array(length)
      readInto(offset, out)
      return out
    },
    readInto,
    close: () => closeSync(fd)
  }
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
