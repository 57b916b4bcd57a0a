/**
 * The files a user dropped or pasted, folders walked: each with its path within what was dropped
 * ("mypics/cats/tom.jpg"), so a folder's class sub-folders reach the training process. Folders
 * are read through the entries API (webkitGetAsEntry), whose directory readers answer in batches
 * until an empty one; a file dropped alone is named by its file name. At most `limit` files are
 * collected, so a huge folder cannot fill the page's memory with File handles.
 */

export interface NamedFile {
  readonly file: File
  readonly name: string
}

interface Entry {
  readonly isFile: boolean
  readonly isDirectory: boolean
  readonly name: string
  file?(success: (f: File) => void, failure: (e: unknown) => void): void
  createReader?(): { readEntries(success: (entries: Entry[]) => void, failure: (e: unknown) => void): void }
}

const fileOf = (entry: Entry): Promise<File> => new Promise((resolve, reject) => entry.file!(resolve, reject))

async function childrenOf(entry: Entry): Promise<Entry[]> {
  const reader = entry.createReader!()
  const all: Entry[] = []
  for (;;) {
    const batch = await new Promise<Entry[]>((resolve, reject) => reader.readEntries(resolve, reject))
    if (batch.length === 0) return all
    all.push(...batch)
  }
}

async function walk(entry: Entry, path: string, out: NamedFile[], limit: number): Promise<void> {
  if (out.length >= limit) return
  if (entry.isFile) {
    out.push({ file: await fileOf(entry), name: path })
    return
  }
  if (!entry.isDirectory) return
  const children = (await childrenOf(entry)).sort((a, b) => a.name.localeCompare(b.name))
  for (const child of children) await walk(child, `${path}/${child.name}`, out, limit)
}

/** The files of a drop or a paste, folders walked, at most `limit` of them. */
export async function droppedFiles(data: DataTransfer, limit: number): Promise<NamedFile[]> {
  const out: NamedFile[] = []
  const items = Array.from(data.items ?? []).filter((item) => item.kind === 'file')
  // entries must be taken before the first await: the drop's items are gone after it
  const entries = items.map((item) => (item as DataTransferItem & { webkitGetAsEntry?: () => Entry | null }).webkitGetAsEntry?.() ?? null)
  const plain = items.map((item) => item.getAsFile())
  for (let i = 0; i < items.length && out.length < limit; i++) {
    const entry = entries[i]
    if (entry) await walk(entry, entry.name, out, limit)
    else if (plain[i]) out.push({ file: plain[i]!, name: plain[i]!.name })
  }
  if (items.length === 0) for (const file of Array.from(data.files ?? []).slice(0, limit)) out.push({ file, name: file.name })
  return out
}
