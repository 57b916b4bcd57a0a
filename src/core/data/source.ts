/**
 * DataSource: what the user handed us, already read into memory by the edge (CLI, main process).
 *   file:   one file's name and bytes.
 *   folder: a folder's files as names relative to the folder ("data_batch_1", "sub/x.bin") and bytes.
 * Core never touches the file system; loadDataset (load.ts) turns a DataSource into a Dataset.
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
