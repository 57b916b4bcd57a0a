// @vitest-environment happy-dom
/**
 * A folder of pictures read by the page (browser mode): told apart from a folder of dataset files,
 * only the pictures read and sent (the rest named with their sizes), refused with what to do when
 * it is bigger than one request, and a dropped folder walked through its entries in batches.
 */
import { describe, expect, it } from 'vitest'
import { chosenFolder, droppedFolder, isPictureFolder, readPictureFolder } from '../../src/renderer/src/files/pictureFolder'

/** A File as <input webkitdirectory> gives it: its path inside the chosen folder's parent. */
function chosen(path: string, content: string): File {
  const file = new File([content], path.slice(path.lastIndexOf('/') + 1))
  Object.defineProperty(file, 'webkitRelativePath', { value: path })
  return file
}

const FILES = [chosen('pets/cats/a.JPG', 'jpeg-bytes'), chosen('pets/dogs/b.png', 'png'), chosen('pets/notes.txt', 'my notes'), chosen('pets/cats/.DS_Store', 'x')]

describe('a folder of pictures in the page', () => {
  it('is told apart from a folder of CIFAR-10 batches', () => {
    expect(isPictureFolder(chosenFolder(FILES))).toBe(true)
    const cifar = [chosen('cifar-10-batches-bin/data_batch_1.bin', 'x'), chosen('cifar-10-batches-bin/batches.meta.txt', 'y')]
    expect(isPictureFolder(chosenFolder(cifar))).toBe(false)
  })

  it('sends only the pictures, by extension, and names the other files with their sizes', async () => {
    const { source, others } = await readPictureFolder(chosenFolder(FILES))
    expect(source.name).toBe('pets')
    expect(source.files.map((f) => [f.name, new TextDecoder().decode(f.bytes)])).toEqual([['cats/a.JPG', 'jpeg-bytes'], ['dogs/b.png', 'png']])
    expect(others).toEqual([{ path: 'notes.txt', bytes: 8 }, { path: 'cats/.DS_Store', bytes: 1 }])
  })

  it('refuses pictures that add up to more than one request takes, saying what to do instead', async () => {
    const error = await readPictureFolder(chosenFolder(FILES), 10).catch((e: Error & { code?: string }) => e)
    expect(error).toMatchObject({ code: 'too-big' })
    expect((error as Error).message).toBe('The pictures in "pets" add up to 1 MB, more than the 1 MB the browser can send at once. ' +
      'Open the folder in the desktop app, which reads it from the disk, or make a dataset file of it with ' +
      '"nn-scratch import pets --out pets.npz" and open that.')
    // dropped on the desktop app, whose Open folder… reads any folder from the disk
    const dropped = await readPictureFolder(chosenFolder(FILES), 10, true).catch((e: Error) => e)
    expect((dropped as Error).message).toBe('The pictures in "pets" add up to 1 MB, more than the 1 MB a dropped folder can send at once. ' +
      'Open it with Open folder… instead, which reads it from the disk, or make a dataset file of it with "nn-scratch import pets --out pets.npz" and open that.')
  })

  it('walks a dropped folder, every batch of every sub-folder; anything but one folder is not taken', async () => {
    const file = (name: string) => ({ isFile: true, isDirectory: false, name, file: (ok: (f: File) => void) => ok(new File(['x'], name)) })
    /** A folder whose reader answers in batches of two, as browsers answer in batches of about 100. */
    const dir = (name: string, children: object[]) => ({
      isFile: false, isDirectory: true, name,
      createReader: () => {
        let at = 0
        return { readEntries: (ok: (e: object[]) => void) => { ok(children.slice(at, at + 2)); at += 2 } }
      }
    })
    const root = dir('pets', [dir('cats', [file('a.jpg'), file('b.jpg'), file('c.jpg')]), dir('dogs', [file('d.png')]), file('notes.txt')])
    const item = (entry: object) => ({ kind: 'file', webkitGetAsEntry: () => entry }) as unknown as DataTransferItem
    const folder = await droppedFolder([item(root)])
    expect(folder?.name).toBe('pets')
    expect(folder?.files.map((f) => f.path)).toEqual(['cats/a.jpg', 'cats/b.jpg', 'cats/c.jpg', 'dogs/d.png', 'notes.txt'])
    expect(await droppedFolder([item(file('a.jpg'))])).toBeNull()
    expect(await droppedFolder([item(root), item(root)])).toBeNull()
  })
})
