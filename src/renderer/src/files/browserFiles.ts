/**
 * Files in browser mode, where the page cannot name paths on disk: a chosen File read into
 * bytes (with a plain refusal when it is too big to send), and bytes handed to the browser as a
 * download.
 */
import { LIMITS, type DataSource, type UploadFile } from '../../../shared/ipc'
import { chosenFolder, type ChosenFolder } from './pictureFolder'

function size(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.max(1, Math.round(bytes / 1024 ** 2))} MB`
}

/** The file's name and bytes, or an Error with a plain message. */
export async function readUpload(file: File, limit: number = LIMITS.maxUploadBytes): Promise<UploadFile> {
  if (file.size > limit) {
    throw Object.assign(new Error(`"${file.name}" is ${size(file.size)}, more than the ${size(limit)} NN Scratch can take in one file. Choose a smaller file.`), { code: 'too-big' })
  }
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
}

/**
 * A folder the user chose (<input webkitdirectory>) as a DataSource: each file named relative to
 * the folder ("cifar-10-batches-bin/data_batch_1.bin" → "data_batch_1.bin"), all of them
 * together within the upload limit.
 */
export async function readFolder(files: readonly File[], limit: number = LIMITS.maxUploadBytes): Promise<DataSource> {
  return readFolderFiles(chosenFolder(files), limit)
}

/** A folder chosen or dropped (its files by their path in it) as a DataSource, within the upload limit. */
export async function readFolderFiles(folder: ChosenFolder, limit: number = LIMITS.maxUploadBytes): Promise<DataSource> {
  if (folder.files.length === 0) throw Object.assign(new Error('That folder is empty. Choose the folder that holds the dataset files.'), { code: 'empty-folder' })
  const total = folder.files.reduce((n, f) => n + f.file.size, 0)
  if (total > limit) {
    throw Object.assign(new Error(`The folder "${folder.name}" holds ${size(total)}, more than the ${size(limit)} NN Scratch can take at once. Choose a smaller folder.`), { code: 'too-big' })
  }
  const read = await Promise.all(folder.files.map(async ({ path, file }) => ({ name: path, bytes: new Uint8Array(await file.arrayBuffer()) })))
  return { kind: 'folder', name: folder.name, files: read }
}

/** Offers `bytes` to the user as a download called `name`. */
export function downloadBytes(name: string, bytes: Uint8Array, doc: Document = document): void {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' })
  const url = URL.createObjectURL(blob)
  const link = doc.createElement('a')
  link.href = url
  link.download = name
  link.hidden = true
  doc.body.append(link)
  link.click()
  link.remove()
  // the browser has taken the data once the click is handled
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
