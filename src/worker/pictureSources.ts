/**
 * Folders of pictures as the worker holds them between the preview and the import: a folder on
 * disk (a path main checked) or the files the page read (browser mode: the pictures' bytes, the
 * other files by name and size, so the plan lists them as skipped). Each becomes src/node's
 * PictureSource, the one shape the preview and the import read, in the worker or in a reading thread.
 */
import type { DataSource } from '../core/data/source'
import { looksLikePictureFolder } from '../core/pictures/folderPlan'
import type { FolderEntry } from '../core/pictures/types'
import { filesSource, folderSource, isPictureFolder, type PictureSource } from '../node/pictures/importFolder'
import type { WorkerSource } from '../shared/workerProtocol'

/** A folder of pictures held for an import. */
export type PictureFolder =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'bytes'; readonly name: string; readonly files: DataSource & { kind: 'folder' }; readonly others: readonly FolderEntry[] }

/** The folder of pictures `from` names, or null when it is something else (a dataset file, CIFAR batches). */
export async function pictureFolderOf(from: WorkerSource): Promise<PictureFolder | null> {
  if (from.kind === 'path') return (await isPictureFolder(from.path)) ? { kind: 'path', path: from.path } : null
  if (from.kind !== 'bytes' || from.source.kind !== 'folder') return null
  const others = from.others ?? []
  const folder: PictureFolder = { kind: 'bytes', name: from.source.name, files: from.source, others }
  return looksLikePictureFolder(entriesOf(folder)) ? folder : null
}

function entriesOf(folder: PictureFolder & { kind: 'bytes' }): FolderEntry[] {
  return [...folder.files.files.map((f) => ({ path: f.name, bytes: f.bytes.length })), ...folder.others]
}

/** The folder as the preview and the import read it. */
export async function pictureSourceOf(folder: PictureFolder): Promise<PictureSource> {
  if (folder.kind === 'path') return folderSource(folder.path)
  return filesSource(folder.name, [
    ...folder.files.files.map((f) => ({ path: f.name, bytes: f.bytes })),
    ...folder.others.map((o) => ({ path: o.path, size: o.bytes }))
  ])
}

/** The buffers a folder read by the page holds (moved, not copied, to the reading thread). */
export function pictureFolderArrays(folder: PictureFolder): Uint8Array[] {
  return folder.kind === 'bytes' ? folder.files.files.map((f) => f.bytes) : []
}
