/**
 * DataSource: what the user handed us, already read into memory by the edge (CLI, main process).
 *   file:   one file's name and bytes.
 *   folder: a folder's files as names relative to the folder ("data_batch_1", "sub/x.bin") and bytes.
 * Core never touches the file system; loadDataset (load.ts) turns a DataSource into a Dataset.
 * A file the edge reads at random (RandomAccessFile, src/node/readSource.ts) whose arrays are
 * parsed where they lie is read once, straight into room where its pixels stay (the engine's
 * memory): readsInPlace says which files those are.
 */
export interface SourceFile {
  readonly name: string
  readonly bytes: Uint8Array
}

export type DataSource =
  | { readonly kind: 'file'; readonly name: string; readonly bytes: Uint8Array }
  | { readonly kind: 'folder'; readonly name: string; readonly files: readonly SourceFile[] }

/** The last path component: "a/b/data_batch_1.bin" -> "data_batch_1.bin" (either slash). */
export function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  return i < 0 ? path : path.slice(i + 1)
}

/**
 * Files that are never data: folders' bookkeeping (.DS_Store, macOS "._" copies, Thumbs.db),
 * and CIFAR's readme.html.
 */
export function isIgnorableFile(path: string): boolean {
  const b = baseName(path)
  if (b === '' || b.startsWith('.') || b.startsWith('._')) return true
  if (path.includes('__MACOSX/')) return true
  const lower = b.toLowerCase()
  return lower === 'thumbs.db' || lower === 'desktop.ini' || lower.endsWith('.html') || lower.endsWith('.md')
}

/**
 * A file read at random by the edge (fs.readSync on a file descriptor): its size, small reads
 * (new arrays), and reads straight into a view it is given.
 */
export interface RandomAccessFile {
  readonly size: number
  read(offset: number, length: number): Uint8Array
  readInto(offset: number, target: Uint8Array): void
}

/**
 * Room of `bytes` where a dataset's large arrays are written once and stay: the engine's memory
 * (the run host's dataBytes), so that nothing copies them there afterwards. This is the one way
 * large arrays are placed: a file read in place (readsInPlace), an array inflated from a packed
 * .npz, CIFAR batches joined into one split. Room that no array of the dataset ended in is given
 * back by whoever handed it out.
 */
export type Room = (bytes: number) => Uint8Array

/** Room as plain memory: where nothing better is given. */
export const OWN_MEMORY: Room = (bytes) => new Uint8Array(bytes)

/** Bytes read first to tell a file's kind, before it is read whole. */
export const HEAD_BYTES = 64

/**
 * Whether a file starting with `head` keeps its pixels as views of its own bytes once parsed: a
 * pickle (protocol 2 and later start with PROTO 0x80; 0 and 1 with "(", "}", "]" or "c"), a
 * .npy, or a .npz whose first array is stored unpacked (numpy.savez, and the .npz files NN
 * Scratch writes). Such a file is read straight into the room its pixels stay in. A gzip
 * archive, a packed .npz or a CIFAR binary batch (labels between the pictures) yields pixels
 * made anew, so its bytes are read into memory of their own, let go once parsed.
 */
export function readsInPlace(head: Uint8Array): boolean {
  if (head.length === 0) return false
  const b = head[0]
  if (b === 0x80 || b === 0x28 || b === 0x7d || b === 0x5d || b === 0x63) return true
  if (head.length >= 6 && b === 0x93 && head[1] === 0x4e && head[2] === 0x55 && head[3] === 0x4d && head[4] === 0x50 && head[5] === 0x59) return true
  // zip local file header "PK\3\4", its compression method (0: stored) at byte 8
  return head.length >= 10 && b === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4 && head[8] === 0 && head[9] === 0
}
