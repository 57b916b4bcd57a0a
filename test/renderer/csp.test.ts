import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const html = readFileSync(resolve(import.meta.dirname, '../../src/renderer/index.html'), 'utf8')

function policy(): Map<string, string[]> {
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)
  expect(match, 'index.html has no Content-Security-Policy meta tag').not.toBeNull()
  const directives = new Map<string, string[]>()
  for (const part of match![1].split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) directives.set(name, sources)
  }
  return directives
}

describe('renderer Content-Security-Policy', () => {
  it('allows only what ships with the app', () => {
    const directives = policy()
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('style-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    for (const [name, sources] of directives) {
      for (const source of sources) {
        expect(source, `${name} allows ${source}`).toMatch(/^('self'|'none'|data:)$/)
      }
    }
  })

  it('loads nothing from the network', () => {
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//)
  })
})
