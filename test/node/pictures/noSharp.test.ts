/**
 * A computer where sharp's native library cannot load: the picture code still loads (sharp is
 * loaded on first use), a picture gets a plain message that says what to do, and the rest of the
 * app (here: the demo dataset) is untouched.
 */
import { describe, expect, it, vi } from 'vitest'
import { demoDataset } from '../../../src/core/data/demo'
import { decodePicture } from '../../../src/node/pictures/decode'

vi.mock('sharp', () => {
  throw new Error('Could not load the "sharp" module using the linux-x64 runtime')
})

/** The first bytes of a PNG: enough to be taken for a picture and handed to sharp. */
const PNG_START = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])

describe('pictures without sharp', () => {
  it('says plainly that pictures cannot be read here, every time it is asked', async () => {
    for (let i = 0; i < 2; i++) {
      const e = await decodePicture(PNG_START).then(() => null, (err: unknown) => err)
      expect(e).toMatchObject({ code: 'no-picture-library' })
      expect((e as Error).message).toMatch(/^Pictures cannot be read on this computer: .*Install NN Scratch again/)
    }
  })

  it('leaves dataset files alone', () => {
    expect(demoDataset().train.count).toBeGreaterThan(0)
  })
})
