/**
 * A drop's files with folders walked: each named by its path within what was dropped, the
 * directory readers' batches read to the end, a file dropped alone by its name, at most `limit`.
 */
import { describe, expect, it } from 'vitest'
import { droppedFiles } from '../../../src/renderer/src/try/droppedFiles'

type FakeEntry = { isFile: boolean; isDirectory: boolean; name: string; file?: (ok: (f: File) => void) => void; createReader?: () => unknown }

const fileEntry = (name: string): FakeEntry => ({ isFile: true, isDirectory: false, name, file: (ok) => ok(new File([name], name)) })

/** A folder whose reader answers two entries at a time, then an empty batch, as Chromium's does in batches of 100. */
function folder(name: string, children: FakeEntry[]): FakeEntry {
  return {
    isFile: false, isDirectory: true, name,
    createReader: () => {
      let at = 0
      return { readEntries: (ok: (e: FakeEntry[]) => void) => { ok(children.slice(at, at + 2)); at += 2 } }
    }
  }
}

function drop(entries: (FakeEntry | File)[]): DataTransfer {
  const items = entries.map((e) => {
    const file = e instanceof File ? e : null
    const entry = e instanceof File ? null : e
    return { kind: 'file', getAsFile: (): File | null => file, webkitGetAsEntry: (): FakeEntry | null => entry }
  })
  return { items, files: [] } as unknown as DataTransfer
}

describe('droppedFiles', () => {
  it('walks dropped folders to the end, naming each file by its path, and keeps a loose file\'s name', async () => {
    const tree = folder('mypics', [
      folder('dogs', [fileEntry('rex.png')]),
      folder('cats', [fileEntry('tom.jpg'), fileEntry('kit.jpg'), fileEntry('amy.jpg')])
    ])
    const got = await droppedFiles(drop([tree, new File(['x'], 'loose.webp')]), 100)
    expect(got.map((f) => f.name)).toEqual(['mypics/cats/amy.jpg', 'mypics/cats/kit.jpg', 'mypics/cats/tom.jpg', 'mypics/dogs/rex.png', 'loose.webp'])
    expect(await got[0].file.text()).toBe('amy.jpg')
  })

  it('stops at the limit', async () => {
    const many = folder('big', Array.from({ length: 9 }, (_, i) => fileEntry(`${i}.png`)))
    expect(await droppedFiles(drop([many]), 4)).toHaveLength(4)
  })
})
