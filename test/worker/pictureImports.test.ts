/**
 * An opening cancelled while the worker is still finding out whether it is a folder of pictures
 * (src/worker/pictureImports.ts): nothing is read afterwards, so no dataset comes into use later.
 */
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Opening } from '../../src/worker/datasets'
import { PictureImports } from '../../src/worker/pictureImports'

const FILE = resolve(import.meta.dirname, '../fixtures/sample_2class_py2.p')

describe('an opening cancelled before its reading began', () => {
  it('never starts the reading it would have begun', async () => {
    let opened = 0
    const open = (): Opening => {
      opened++
      return { done: new Promise(() => undefined), cancel: () => undefined }
    }
    const opening = new PictureImports().openOrPreview({ kind: 'path', path: FILE }, open)
    // at once, while the path is still being looked at
    opening.cancel()
    await expect(opening.done).rejects.toMatchObject({ code: 'cancelled' })
    await new Promise((r) => setTimeout(r, 200))
    expect(opened).toBe(0)
  })
})
