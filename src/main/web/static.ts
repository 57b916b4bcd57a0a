/**
 * Serving the built renderer (out/renderer) read-only: only regular files whose real path (links
 * followed) is inside the real path of that folder, by GET or HEAD, with the page's
 * Content-Security-Policy also sent as a header (plus the socket it may connect to), no caching
 * and no sniffing. Anything else is 404.
 */
import { constants } from 'node:fs'
import { open, realpath, type FileHandle } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8'
}

export function contentSecurityPolicy(origin: string): string {
  const socket = origin.replace(/^http/, 'ws')
  return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
    `connect-src 'self' ${socket}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`
}

/** The file under `root` a URL path names, or null when it names none (or tries to leave root). */
export function resolveStatic(root: string, urlPath: string): string | null {
  let path: string
  try {
    path = decodeURIComponent(urlPath.split('?')[0])
  } catch {
    return null
  }
  if (path.includes('\0')) return null
  if (path === '/' || path === '') path = '/index.html'
  const full = normalize(join(root, path))
  const base = normalize(root.endsWith(sep) ? root : root + sep)
  return full.startsWith(base) ? full : null
}

const inside = (folder: string, path: string): boolean => path.startsWith(folder.endsWith(sep) ? folder : folder + sep)

/** The real path of the file under `root` a URL path names, when that too is inside root's real path; else null. */
export async function resolveReal(root: string, urlPath: string): Promise<string | null> {
  const file = resolveStatic(root, urlPath)
  if (!file) return null
  try {
    const [realRoot, real] = await Promise.all([realpath(root), realpath(file)])
    return inside(realRoot, real) ? real : null
  } catch {
    return null
  }
}

// not following a link swapped in since realpath; not waiting on a named pipe (regular files ignore O_NONBLOCK)
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

/** `path` is a URL's path, as the request check parsed it. */
export async function serveStatic(root: string, origin: string, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Content-Security-Policy': contentSecurityPolicy(origin)
  }
  const notFound = (): void => {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
    res.end('Not found')
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, Allow: 'GET, HEAD' })
    res.end()
    return
  }
  const file = await resolveReal(root, path)
  if (!file) return notFound()
  let handle: FileHandle | null = null
  try {
    handle = await open(file, OPEN_FLAGS)
    if (!(await handle.stat()).isFile()) return notFound()
    const body = await handle.readFile()
    res.writeHead(200, {
      ...headers,
      'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': body.length
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  } catch {
    notFound()
  } finally {
    await handle?.close().catch(() => undefined)
  }
}
