/**
 * Which files of a folder may be pictures, judged by path and size alone (nothing is read):
 *   skipped: hidden files and folders (a name starting with "."), system files (Thumbs.db,
 *   desktop.ini, __MACOSX/, …), names without a picture extension, empty files, and files over
 *   MAX_PICTURE_FILE_BYTES; each with a plain reason. Files that pass may still fail to decode.
 */

/** The picture extensions imported (compared case-insensitively); AVIF and HEIC where the decoder has them. */
export const PICTURE_EXTENSIONS: readonly string[] = [
  'jpg', 'jpeg', 'jpe', 'jfif', 'png', 'webp', 'gif', 'bmp', 'tif', 'tiff', 'avif', 'heic', 'heif'
]
/** The largest picture file imported: 200 MB. */
export const MAX_PICTURE_FILE_BYTES = 200 * 1024 * 1024

const PICTURE_SET = new Set(PICTURE_EXTENSIONS)
/** Files an operating system leaves in folders (lower case). */
const SYSTEM_FILES = new Set(['thumbs.db', 'ehthumbs.db', 'ehthumbs_vista.db', 'desktop.ini', 'icon\r'])
/** Folders an operating system or an unzipper leaves (lower case). */
const SYSTEM_FOLDERS = new Set(['__macosx', '$recycle.bin', 'system volume information'])

/** The path's parts: "cats/tom.jpg" → ["cats", "tom.jpg"]; empty parts ("a//b", "./a") are dropped. */
export function pathParts(path: string): string[] {
  return path.split('/').filter((p) => p !== '' && p !== '.')
}

/** A file's extension in lower case without the dot; '' when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase()
}

/** True when a folder of this name is made by the system or is hidden (never a class). */
export function isHiddenOrSystemFolder(name: string): boolean {
  return name.startsWith('.') || SYSTEM_FOLDERS.has(name.toLowerCase())
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`
}

/** Why the file at `parts` (see pathParts) of `bytes` bytes is not imported, or null when it may be a picture. */
export function fileSkipReason(parts: readonly string[], bytes: number): string | null {
  const name = parts[parts.length - 1] ?? ''
  for (let i = 0; i < parts.length - 1; i++) {
    if (SYSTEM_FOLDERS.has(parts[i].toLowerCase())) return 'a system file'
    if (parts[i].startsWith('.')) return `inside a hidden folder (${parts[i]})`
  }
  if (name.startsWith('.')) return 'a hidden file'
  if (SYSTEM_FILES.has(name.toLowerCase())) return 'a system file'
  const ext = extensionOf(name)
  if (!PICTURE_SET.has(ext)) return ext === '' ? 'not a picture (no file extension)' : `not a picture (a .${ext} file)`
  if (bytes === 0) return 'an empty file (0 bytes)'
  if (bytes > MAX_PICTURE_FILE_BYTES) return `larger than ${megabytes(MAX_PICTURE_FILE_BYTES)}`
  return null
}
