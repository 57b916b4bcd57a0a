/**
 * What browser mode checks on every request before anything else reads it, plain HTTP and
 * WebSocket upgrades alike: exactly one Host header (counted in the raw headers, since Node keeps
 * only the first), a target that is a path (origin-form, RFC 9112 §3.2.1) parsing as a URL, and
 * a host name of 127.0.0.1 or localhost at this port (DNS rebinding). Parsing never throws.
 */
import type { IncomingMessage } from 'node:http'

export const HOST = '127.0.0.1'

export type CheckedRequest =
  | { readonly ok: true; readonly url: URL }
  | { readonly ok: false; readonly status: 400 | 403; readonly message: string }

/** A %-escape that is not % and two hex digits. */
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/

/**
 * The URL a request target names on this server, or null unless it is a path: it starts with one
 * "/" (two would read as a host name, RFC 3986 §3.3: `//[`, `//a:b:c/api`), every % starts an
 * escape, and it parses. An absolute URL (`http://[x/api`) or `*` is not a path.
 */
export function parseTarget(target: string | undefined, authority: string): URL | null {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//') || BAD_ESCAPE.test(target)) return null
  try {
    const url = new URL(`http://${authority}${target}`)
    return url.host === authority ? url : null
  } catch {
    return null
  }
}

/** The values of every Host header, duplicates included. */
export function hostHeaders(rawHeaders: readonly string[]): string[] {
  const hosts: string[] = []
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toLowerCase() === 'host') hosts.push(rawHeaders[i + 1])
  }
  return hosts
}

export function checkRequest(req: IncomingMessage, port: number): CheckedRequest {
  const hosts = hostHeaders(req.rawHeaders)
  if (hosts.length !== 1) return { ok: false, status: 400, message: 'A request needs exactly one Host header.' }
  const url = parseTarget(req.url, `${HOST}:${port}`)
  if (!url) return { ok: false, status: 400, message: 'That address is not one NN Scratch can read.' }
  if (hosts[0] !== `${HOST}:${port}` && hosts[0] !== `localhost:${port}`) {
    return { ok: false, status: 403, message: 'NN Scratch answers only at 127.0.0.1 or localhost.' }
  }
  return { ok: true, url }
}
