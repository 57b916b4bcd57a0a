/**
 * A folder of pictures in browser mode, where the page reads the files and sends them: from the
 * browser's folder chooser (<input webkitdirectory>: each File knows its path in the folder) or
 * from a folder dropped on the page (walked through DataTransferItem.webkitGetAsEntry). Only the
 * pictures (by extension, core's PICTURE_EXTENSIONS) are read and sent; the other files go by
 * name and size, so the training process lists them as skipped. A folder whose pictures add up to
 * more than one request can carry (LIMITS.maxUploadBytes) is refused in plain words that say
 * what to do instead.
 */
import type { DataSource, FolderEntry } from '../../../shared/ipc'
import { LIMITS } from '../../../shared/ipc'
import { extensionOf, PICTURE_EXTENSIONS } from '../../../core/pictures/pictureFiles'
import { looksLikePictureFolder, MAX_FOLDER_FILES } from '../../../core/pictures/folderPlan'

/** A file of a folder with its path inside the folder, '/'-separated, without the folder's own name. */
export interface FolderFile {
  readonly path: string
  readonly file: File
}

export interface ChosenFolder {
  readonly name: string
  readonly files: readonly FolderFile[]
}

/** What the page sends for a folder of pictures: the pictures' bytes, the other files' names and sizes. */
export interface PictureUpload {
  readonly source: DataSource & { kind: 'folder' }
  readonly others: FolderEntry[]
}

const PICTURES = new Set(PICTURE_EXTENSIONS)
const isPicture = (path: string): boolean => PICTURES.has(extensionOf(path.slice(path.lastIndexOf('/') + 1)))

function size(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GB` : `${Math.max(1, Math.round(bytes / 1024 ** 2))} MB`
}

const failure = (message: string, code: string): Error => Object.assign(new Error(message), { code })

/** The files an <input webkitdirectory> gave, by their path in the chosen folder. */
export function chosenFolder(files: readonly File[]): ChosenFolder {
  const relative = (f: File): string => (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name
  const name = files.length > 0 ? relative(files[0]).split('/')[0] : 'folder'
  return { name, files: files.map((file) => ({ path: relative(file).split('/').slice(1).join('/') || file.name, file })) }
}

/** Whether the folder holds pictures in class folders (rather than dataset files such as CIFAR-10's batches). */
export function isPictureFolder(folder: ChosenFolder): boolean {
  return looksLikePictureFolder(folder.files.map(({ path, file }) => ({ path, bytes: file.size })))
}

/**
 * Reads the folder's pictures (only they are sent), naming the other files. `desktop`: the page is
 * the desktop app's (a dropped folder), whose Open folder… reads a folder of any size from the disk.
 */
export async function readPictureFolder(folder: ChosenFolder, limit: number = LIMITS.maxUploadBytes, desktop = false): Promise<PictureUpload> {
  if (folder.files.length > MAX_FOLDER_FILES) {
    throw failure(`The folder "${folder.name}" holds ${folder.files.length.toLocaleString('en')} files, more than the ` +
      `${MAX_FOLDER_FILES.toLocaleString('en')} NN Scratch reads from one folder. Choose a smaller folder.`, 'too-many-files')
  }
  const pictures = folder.files.filter((f) => isPicture(f.path))
  const total = pictures.reduce((n, f) => n + f.file.size, 0)
  if (total > limit) {
    const instead = desktop ? 'Open it with Open folder… instead, which reads it from the disk' : 'Open the folder in the desktop app, which reads it from the disk'
    throw failure(`The pictures in "${folder.name}" add up to ${size(total)}, more than the ${size(limit)} ${desktop ? 'a dropped folder' : 'the browser'} can send ` +
      `at once. ${instead}, or make a dataset file of it with "nn-scratch import ${folder.name} --out ${folder.name}.npz" and open that.`, 'too-big')
  }
  const others = folder.files.filter((f) => !isPicture(f.path)).map(({ path, file }) => ({ path, bytes: file.size }))
  const files = await Promise.all(pictures.map(async ({ path, file }) => ({ name: path, bytes: new Uint8Array(await file.arrayBuffer()) })))
  return { source: { kind: 'folder', name: folder.name, files }, others }
}

/** The minimal shape of the File and Directory Entries API that a dropped folder is walked with. */
interface Entry {
  readonly isFile: boolean
  readonly isDirectory: boolean
  readonly name: string
  file?(ok: (f: File) => void, fail: (e: unknown) => void): void
  createReader?(): { readEntries(ok: (entries: Entry[]) => void, fail: (e: unknown) => void): void }
}

/** The entries a folder reader gives, every batch of them (readEntries answers in batches of about 100). */
async function entriesOf(dir: Entry): Promise<Entry[]> {
  const reader = dir.createReader?.()
  if (!reader) return []
  const all: Entry[] = []
  for (;;) {
    const batch = await new Promise<Entry[]>((ok, fail) => reader.readEntries(ok, fail))
    if (batch.length === 0) return all
    all.push(...batch)
  }
}

async function walk(entry: Entry, prefix: string, out: FolderFile[]): Promise<void> {
  if (out.length > MAX_FOLDER_FILES) return
  if (entry.isFile && entry.file) {
    const read = entry.file.bind(entry)
    out.push({ path: prefix + entry.name, file: await new Promise<File>((ok, fail) => read(ok, fail)) })
  } else if (entry.isDirectory) {
    for (const child of await entriesOf(entry)) await walk(child, `${prefix}${entry.name}/`, out)
  }
}

/**
 * The folder dropped on the page, walked file by file, or null when what was dropped is not one
 * folder (files, or several things: the caller says what it takes).
 */
export async function droppedFolder(items: DataTransferItemList | readonly DataTransferItem[]): Promise<ChosenFolder | null> {
  const entries = Array.from(items as ArrayLike<DataTransferItem>)
    .map((item) => (item.kind === 'file' ? (item.webkitGetAsEntry?.() as Entry | null) : null))
    .filter((e): e is Entry => e !== null && e !== undefined)
  if (entries.length !== 1 || !entries[0].isDirectory) return null
  const root = entries[0]
  const files: FolderFile[] = []
  for (const child of await entriesOf(root)) await walk(child, '', files)
  return { name: root.name, files }
}
