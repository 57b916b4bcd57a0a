/**
 * Saving a file so that a crash or a full disk never leaves half a file behind: write to a
 * uniquely named temporary file in the same folder, flush it to disk (fsync), then rename it
 * over the target, which replaces the old file in one step. A failure removes the temporary
 * file and becomes a UserError in plain words.
 */
import { randomBytes } from 'node:crypto'
import {
  chmodSync, closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeFileSync
} from 'node:fs'
import { chmod, open, rename, rm, stat, type FileHandle } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { UserError } from '../core/errors'

/** A temporary name next to `path`, unique across processes and calls. */
function tempPath(path: string): string {
  const name = basename(path).slice(0, 100)
  return join(dirname(path), `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
}

/** A failed write as a plain-language UserError; errors without a system code are bugs and pass through. */
export function writeError(e: unknown, path: string): Error {
  const code = (e as { code?: unknown } | null)?.code
  if (e instanceof UserError || typeof code !== 'string') return e instanceof Error ? e : new Error(String(e))
  const folder = dirname(path)
  switch (code) {
    case 'ENOENT':
      return new UserError('folder-missing', `The folder "${folder}" does not exist, so "${basename(path)}" could not be saved there. Create the folder, or choose another one.`)
    case 'ENOTDIR':
      return new UserError('folder-missing', `Part of the path "${path}" is a file, not a folder, so nothing could be saved there. Check the path.`)
    case 'EACCES':
    case 'EPERM':
      return new UserError('no-permission', `NN Scratch is not allowed to save "${path}". Choose a folder you own, or close any program that has the file open, and save again.`)
    case 'EROFS':
      return new UserError('read-only', `The disk that holds "${folder}" can only be read, not written. Choose another folder.`)
    case 'ENOSPC':
    case 'EDQUOT':
      return new UserError('disk-full', `There is not enough space on the disk to save "${path}". Free some space or choose another disk, and save again.`)
    case 'EISDIR':
      return new UserError('is-folder', `"${path}" is a folder, so a file cannot be saved under that name. Choose another name.`)
    case 'ENAMETOOLONG':
      return new UserError('name-too-long', `The name "${path}" is too long for the disk. Choose a shorter name or a folder nearer the top.`)
    case 'EBUSY':
      return new UserError('file-busy', `"${path}" is in use by another program. Close it and save again.`)
    default:
      return new UserError('write-failed', `NN Scratch could not save "${path}". Choose another folder and save again.`)
  }
}

/** The permission bits of an existing target, to give the replacement the same ones. */
async function existingMode(path: string): Promise<number | null> {
  try {
    return (await stat(path)).mode & 0o7777
  } catch {
    return null
  }
}

/** Flush the folder entry of the rename to disk where the system allows it (not on Windows). */
async function syncFolder(folder: string): Promise<void> {
  let dir: FileHandle | undefined
  try {
    dir = await open(folder, 'r')
    await dir.sync()
  } catch {
    // best effort: the data itself is already flushed
  } finally {
    await dir?.close().catch(() => undefined)
  }
}

/**
 * Replace `path` with `data` in one step; on failure the old file (if any) is untouched. `data`
 * may be pieces written one after another (a large file never joined into one array).
 */
export async function writeFileAtomic(path: string, data: Uint8Array | readonly Uint8Array[]): Promise<void> {
  const tmp = tempPath(path)
  let file: FileHandle | undefined
  try {
    file = await open(tmp, 'wx')
    // writeFile on an open handle writes from where the last one stopped
    for (const piece of data instanceof Uint8Array ? [data] : data) await file.writeFile(piece)
    await file.sync()
    await file.close()
    file = undefined
    const mode = await existingMode(path)
    if (mode !== null) await chmod(tmp, mode).catch(() => undefined)
    await rename(tmp, path)
  } catch (e) {
    await file?.close().catch(() => undefined)
    await rm(tmp, { force: true }).catch(() => undefined)
    throw writeError(e, path)
  }
  await syncFolder(dirname(path))
}

/**
 * Checks, before long work whose result goes to `path`, that it could be saved there: the folder
 * exists and takes a new file, and `path` is not a folder. Creates and removes one temporary file
 * beside `path` (the same kind writeFileAtomic writes); `path` itself is not touched. Throws the
 * UserError a failed save would give.
 */
export async function checkWritable(path: string): Promise<void> {
  const tmp = tempPath(path)
  try {
    if ((await stat(path).catch(() => null))?.isDirectory()) {
      throw Object.assign(new Error(`${path} is a folder`), { code: 'EISDIR' })
    }
    await (await open(tmp, 'wx')).close()
    await rm(tmp)
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined)
    throw writeError(e, path)
  }
}

/** writeFileAtomic for callers that cannot wait (e.g. saving on quit). */
export function writeFileAtomicSync(path: string, data: Uint8Array): void {
  const tmp = tempPath(path)
  let fd: number | undefined
  try {
    fd = openSync(tmp, 'wx')
    writeFileSync(fd, data)
    fsyncSync(fd)
    closeSync(fd)
    fd = undefined
    try {
      chmodSync(tmp, statSync(path).mode & 0o7777)
    } catch {
      // a new file keeps the default permissions
    }
    renameSync(tmp, path)
  } catch (e) {
    if (fd !== undefined) {
      try { closeSync(fd) } catch { /* already failing */ }
    }
    try { rmSync(tmp, { force: true }) } catch { /* nothing to remove */ }
    throw writeError(e, path)
  }
  try {
    const dir = openSync(dirname(path), 'r')
    try { fsyncSync(dir) } finally { closeSync(dir) }
  } catch {
    // best effort, as in syncFolder
  }
}
