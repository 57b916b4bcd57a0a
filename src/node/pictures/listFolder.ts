/**
 * The files of a folder on disk, for the folder plan (core's folderPlan.ts reads only paths and
 * sizes): every file's path relative to the folder ('/'-separated) and size, sorted by path; no
 * picture is read. Bounded: at most MAX_FOLDER_FILES files (more is a plain UserError) and
 * MAX_FOLDER_DEPTH levels of folders (deeper ones are skipped with a reason). Symbolic links to
 * files inside the folder are followed; links to folders are not (they can make loops), nor links
 * that lead outside the folder. Hidden folders (".git") are not entered, and sub-folders that
 * cannot be read are skipped with a reason; only the top folder itself failing is an error.
 */
import type { Dirent } from 'node:fs'
import { readdir, realpath, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { UserError } from '../../core/errors'
import { MAX_FOLDER_DEPTH, MAX_FOLDER_FILES } from '../../core/pictures/folderPlan'
import type { FolderEntry, SkippedFile } from '../../core/pictures/types'
import { fileError } from '../readSource'
import { formatCount } from '../../core/text/count'

export interface FolderListing {
  /** The files, sorted by path. */
  readonly entries: FolderEntry[]
  /** Folders and links not looked into, with the reason. */
  readonly skipped: SkippedFile[]
}

export interface ListLimits {
  readonly maxFiles: number
  readonly maxDepth: number
}

const LIMITS: ListLimits = { maxFiles: MAX_FOLDER_FILES, maxDepth: MAX_FOLDER_DEPTH }

const byName = (a: Dirent, b: Dirent): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

function tooManyFiles(root: string, max: number): UserError {
  return new UserError(
    'too-many-files',
    `The folder "${root}" holds more than ${formatCount(max)} files, more than NN Scratch imports at once. ` +
      'Choose a folder with fewer pictures, or split it into smaller folders.'
  )
}

/** What one directory item is, once looked at (links resolved). */
type Item =
  | { readonly kind: 'file'; readonly path: string; readonly bytes: number }
  | { readonly kind: 'folder'; readonly full: string }
  | { readonly kind: 'skip'; readonly skipped: SkippedFile }
  | { readonly kind: 'other' }

/** Items looked at (stat) this many at a time, not one by one: 20,000 files list in about 0.4 s instead of 0.6 s. */
const AT_ONCE = 64

/** List `root` (see the header). Throws a UserError when `root` is missing, not a folder, or unreadable. */
export async function listFolder(root: string, limits: ListLimits = LIMITS): Promise<FolderListing> {
  const info = await stat(root).catch((e: unknown) => { throw fileError(e, root) })
  if (!info.isDirectory()) {
    throw new UserError('not-a-folder', `"${root}" is a file, not a folder. Choose a folder that holds one folder of pictures per class.`)
  }
  const top = await realpath(root)
  const entries: FolderEntry[] = []
  const skipped: SkippedFile[] = []
  const rel = (full: string): string => relative(root, full).split(sep).join('/')

  const look = async (item: Dirent, full: string, depth: number): Promise<Item> => {
    if (item.isSymbolicLink()) {
      const target = await realpath(full).catch(() => null)
      const targetInfo = target === null ? null : await stat(target).catch(() => null)
      if (target === null || targetInfo === null) return { kind: 'skip', skipped: { path: rel(full), reason: 'a link to a file that is not there' } }
      if (targetInfo.isDirectory()) return { kind: 'skip', skipped: { path: rel(full) + '/', reason: 'a link to another folder (not followed)' } }
      if (!(target + sep).startsWith(top + sep)) return { kind: 'skip', skipped: { path: rel(full), reason: 'a link to a file outside the folder' } }
      return targetInfo.isFile() ? { kind: 'file', path: rel(full), bytes: targetInfo.size } : { kind: 'other' }
    }
    if (item.isDirectory()) {
      if (item.name.startsWith('.')) return { kind: 'skip', skipped: { path: rel(full) + '/', reason: 'a hidden folder' } }
      if (depth + 1 > limits.maxDepth) return { kind: 'skip', skipped: { path: rel(full) + '/', reason: `more than ${limits.maxDepth} folders deep` } }
      return { kind: 'folder', full }
    }
    if (!item.isFile()) return { kind: 'other' } // sockets, devices, pipes
    const s = await stat(full).catch(() => null)
    if (s === null) return { kind: 'skip', skipped: { path: rel(full), reason: 'a file NN Scratch is not allowed to read' } }
    return { kind: 'file', path: rel(full), bytes: s.size }
  }

  const walk = async (dir: string, depth: number): Promise<void> => {
    let items: Dirent[]
    try {
      items = await readdir(dir, { withFileTypes: true })
    } catch (e) {
      if (depth === 0) throw fileError(e, root)
      skipped.push({ path: rel(dir) + '/', reason: 'a folder NN Scratch is not allowed to read' })
      return
    }
    items.sort(byName)
    const folders: string[] = []
    for (let at = 0; at < items.length; at += AT_ONCE) {
      const looked = await Promise.all(items.slice(at, at + AT_ONCE).map((item) => look(item, join(dir, item.name), depth)))
      for (const item of looked) {
        if (item.kind === 'file') {
          if (entries.length === limits.maxFiles) throw tooManyFiles(root, limits.maxFiles)
          entries.push({ path: item.path, bytes: item.bytes })
        } else if (item.kind === 'folder') {
          folders.push(item.full)
        } else if (item.kind === 'skip') {
          skipped.push(item.skipped)
        }
      }
    }
    for (const folder of folders) await walk(folder, depth + 1)
  }
  await walk(root, 0)
  const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
  entries.sort(byPath)
  skipped.sort(byPath)
  return { entries, skipped }
}
