/**
 * Small file helpers of the run store: a file read only when it is no larger than a stated
 * limit (checked from its size before anything is read), the bytes a run folder takes, and a map
 * over many items with at most a few at once.
 */
import { open, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

export type CappedRead =
  | { readonly kind: 'ok'; readonly bytes: Uint8Array; readonly mtimeMs: number }
  | { readonly kind: 'missing' }
  | { readonly kind: 'not-file' }
  | { readonly kind: 'too-large'; readonly size: number }

/** The bytes of a file of at most `max` bytes; 'missing' when there is nothing at `path`. Other errors throw. */
export async function readCapped(path: string, max: number): Promise<CappedRead> {
  let file
  try {
    file = await open(path, 'r')
  } catch (e) {
    const code = (e as { code?: unknown }).code
    if (code === 'ENOENT') return { kind: 'missing' }
    if (code === 'EISDIR') return { kind: 'not-file' }
    throw e
  }
  try {
    const info = await file.stat()
    if (!info.isFile()) return { kind: 'not-file' }
    if (info.size > max) return { kind: 'too-large', size: info.size }
    // read at most max + 1 bytes, whatever the size said (a file may grow between stat and read)
    const buffer = new Uint8Array(Math.min(info.size, max) + 1)
    let filled = 0
    while (filled < buffer.length) {
      const { bytesRead } = await file.read(buffer, filled, buffer.length - filled, filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    if (filled > max) return { kind: 'too-large', size: filled }
    return { kind: 'ok', bytes: buffer.subarray(0, filled), mtimeMs: info.mtimeMs }
  } finally {
    await file.close().catch(() => undefined)
  }
}

/** Bytes of the files in a folder and in its subfolders down to `depth` levels; what vanishes meanwhile counts 0. */
export async function folderBytes(path: string, depth = 1): Promise<number> {
  let entries
  try {
    entries = await readdir(path, { withFileTypes: true })
  } catch {
    return 0
  }
  const sizes = await mapLimit(entries, 8, (entry) => {
    const full = join(path, entry.name)
    if (entry.isFile()) return stat(full).then((s) => s.size, () => 0)
    return entry.isDirectory() && depth > 0 ? folderBytes(full, depth - 1) : Promise.resolve(0)
  })
  return sizes.reduce((sum, n) => sum + n, 0)
}

/** The files of one folder (not its subfolders) and their sizes; null when it is not a folder. */
export async function filesOf(path: string): Promise<Map<string, number> | null> {
  let entries
  try {
    entries = await readdir(path, { withFileTypes: true })
  } catch {
    return null
  }
  const files = entries.filter((e) => e.isFile())
  const sizes = await Promise.all(files.map((e) => stat(join(path, e.name)).then((s) => s.size, () => -1)))
  return new Map(files.map((e, i) => [e.name, sizes[i]] as const).filter(([, size]) => size >= 0))
}

/** `f` over `items`, at most `limit` at once, results in the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      results[i] = await f(items[i])
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  return results
}
