/**
 * Where an import's pictures come from: a folder on disk (the desktop app, the command line) or
 * the files the page sent (browser mode) are the same PictureSource: a name, the files' paths and
 * sizes (for the plan, which reads nothing), what listing already skipped, and a way to read one
 * file's bytes when it is decoded. isPictureFolder tells a folder of photos from a dataset's folder.
 */
import { stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { UserError } from '../../core/errors'
import { looksLikePictureFolder } from '../../core/pictures/folderPlan'
import type { FolderEntry, SkippedFile } from '../../core/pictures/types'
import { readBytes } from '../readSource'
import { listFolder } from './listFolder'

export interface PictureSource {
  /** The folder's name, e.g. "mypics". */
  readonly name: string
  /** Every file, '/'-separated paths relative to the folder, with sizes. */
  readonly entries: readonly FolderEntry[]
  /** Folders and links the listing did not look into, with the reason. */
  readonly skipped: readonly SkippedFile[]
  /** One file's bytes, by its path in entries; a UserError when it cannot be read. */
  read(path: string): Promise<Uint8Array>
}

/** A folder on disk, listed now (listFolder's bounds); files are read when asked for. */
export async function folderSource(root: string): Promise<PictureSource> {
  const { entries, skipped } = await listFolder(root)
  return {
    name: basename(root),
    entries,
    skipped,
    read: (path) => readBytes(join(root, ...path.split('/')))
  }
}

/** A file the page sent: its path in the folder and its bytes, or only its size when it was not sent (not a picture). */
export interface SentFile {
  readonly path: string
  readonly bytes?: Uint8Array
  readonly size?: number
}

/**
 * The files of a folder the page sent (browser mode). Paths as the browser gives them
 * ("mypics/cats/a.jpg", webkitRelativePath) lose the folder's own name when every path starts with it.
 */
export function filesSource(name: string, files: readonly SentFile[]): PictureSource {
  const prefix = `${name}/`
  const strip = files.length > 0 && files.every((f) => f.path.startsWith(prefix))
  const byPath = new Map<string, SentFile>()
  for (const f of files) byPath.set(strip ? f.path.slice(prefix.length) : f.path, f)
  const entries = [...byPath].map(([path, f]) => ({ path, bytes: f.bytes?.byteLength ?? f.size ?? 0 }))
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return {
    name,
    entries,
    skipped: [],
    read: async (path) => {
      const bytes = byPath.get(path)?.bytes
      if (bytes === undefined) {
        throw new UserError('not-sent', `The file "${path}" was not sent with the folder. Choose the folder again.`)
      }
      return bytes
    }
  }
}

/**
 * True when `path` is a folder that looks like pictures sorted into class folders (core's
 * looksLikePictureFolder) or holds more files than listFolder takes (the import then says so); false
 * for a file, a dataset's folder (CIFAR-10 batches) or a path that cannot be read (whoever opens it says why).
 */
export async function isPictureFolder(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => null)
  if (info === null || !info.isDirectory()) return false
  try {
    return looksLikePictureFolder((await listFolder(path)).entries)
  } catch (e) {
    // more files than any import takes: a dataset's folder has a handful, so let the import say so
    return e instanceof UserError && e.code === 'too-many-files'
  }
}
