import { describe, expect, it } from 'vitest'
import {
  MAX_PICTURE_FILE_BYTES,
  PICTURE_EXTENSIONS,
  extensionOf,
  fileSkipReason,
  pathParts
} from '../../../src/core/pictures/pictureFiles'

const reason = (path: string, bytes = 1000): string | null => fileSkipReason(pathParts(path), bytes)

describe('pictureFiles', () => {
  it('takes every picture extension in any case', () => {
    for (const ext of PICTURE_EXTENSIONS) {
      expect(reason(`cats/a.${ext}`)).toBeNull()
      expect(reason(`cats/a.${ext.toUpperCase()}`)).toBeNull()
    }
    expect(PICTURE_EXTENSIONS).toEqual(['jpg', 'jpeg', 'jpe', 'jfif', 'png', 'webp', 'gif', 'bmp', 'tif', 'tiff', 'avif', 'heic', 'heif'])
  })

  it('gives a plain reason for each kind of file that is not imported', () => {
    expect(reason('cats/.DS_Store')).toBe('a hidden file')
    expect(reason('cats/._tom.jpg')).toBe('a hidden file')
    expect(reason('.git/objects/ab/cd.png')).toBe('inside a hidden folder (.git)')
    expect(reason('cats/Thumbs.db')).toBe('a system file')
    expect(reason('cats/desktop.ini')).toBe('a system file')
    expect(reason('__MACOSX/cats/tom.jpg')).toBe('a system file')
    expect(reason('cats/notes.txt')).toBe('not a picture (a .txt file)')
    expect(reason('cats/CLIP.MOV')).toBe('not a picture (a .mov file)')
    expect(reason('cats/README')).toBe('not a picture (no file extension)')
    expect(reason('cats/tom.jpg', 0)).toBe('an empty file (0 bytes)')
    expect(reason('cats/huge.tif', MAX_PICTURE_FILE_BYTES + 1)).toBe('larger than 200 MB')
    expect(reason('cats/big.tif', MAX_PICTURE_FILE_BYTES)).toBeNull()
  })

  it('reads paths and extensions', () => {
    expect(pathParts('./cats//tom.jpg')).toEqual(['cats', 'tom.jpg'])
    expect(extensionOf('a.b.JPEG')).toBe('jpeg')
    expect(extensionOf('.bashrc')).toBe('')
    expect(extensionOf('noext')).toBe('')
  })
})
