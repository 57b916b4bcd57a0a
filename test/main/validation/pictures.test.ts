/** The checks of the requests about folders of pictures: files the page sent, the import's choice, class names. */
import { describe, expect, it } from 'vitest'
import { MAX_FOLDER_FILES } from '../../../src/core/pictures/folderPlan'
import { VALIDATORS } from '../../../src/main/validation/requests'

const png = new Uint8Array([137, 80, 78, 71])

function refused(run: () => unknown): { code: string; message: string } {
  try {
    run()
  } catch (e) {
    return e as { code: string; message: string }
  }
  throw new Error('expected a refusal')
}

describe('checks of folders of pictures', () => {
  it('take a folder the page sent with the names and sizes of its other files', () => {
    const args = { source: { kind: 'folder', name: 'pets', files: [{ name: 'cats/a.png', bytes: png }] }, others: [{ path: 'notes.txt', bytes: 12 }] }
    expect(VALIDATORS['dataset:open-bytes'](args)).toEqual({ ...args, options: undefined })
    expect(refused(() => VALIDATORS['dataset:open-bytes']({ ...args, others: [{ path: 'a.txt', bytes: -1 }] })).message)
      .toMatch(/the folder's other files\[0\]'s size must be a whole number from 0/)
    expect(refused(() => VALIDATORS['dataset:open-bytes']({ ...args, others: [{ path: 'a.txt', bytes: 1, extra: 1 }] })).code).toBe('bad-argument')
    // a folder of pictures may hold more files than a folder of dataset files (10,000), up to the plan's limit in all
    const many = Array.from({ length: 12_000 }, (_, i) => ({ name: `cats/${i}.png`, bytes: png }))
    expect(VALIDATORS['dataset:open-bytes']({ source: { kind: 'folder', name: 'pets', files: many }, others: [] }).source).toMatchObject({ name: 'pets' })
    const others = Array.from({ length: MAX_FOLDER_FILES }, (_, i) => ({ path: `x/${i}.txt`, bytes: 1 }))
    expect(refused(() => VALIDATORS['dataset:open-bytes']({ source: { kind: 'folder', name: 'pets', files: [{ name: 'cats/a.png', bytes: png }] }, others })).message)
      .toMatch(/the folder's pictures must be a list of at most 0 items/)
  })

  it('take an import in one of the three modes with a test share between 0 and 1', () => {
    expect(VALIDATORS['dataset:import-pictures']({ choice: { resize: 'pad', testFraction: 0.25 } })).toEqual({ choice: { resize: 'pad', testFraction: 0.25 } })
    expect(refused(() => VALIDATORS['dataset:import-pictures']({ choice: { resize: 'stretch', testFraction: 0.2 } })).message)
      .toMatch(/the resize mode must be one of crop, squash, pad/)
    expect(refused(() => VALIDATORS['dataset:import-pictures']({ choice: { resize: 'crop', testFraction: 1 } })).code).toBe('bad-argument')
  })

  it('take class names without their outer spaces, refusing empty and repeated ones in plain words', () => {
    expect(VALIDATORS['dataset:rename-classes']({ names: [' cat ', 'dog'] })).toEqual({ names: ['cat', 'dog'] })
    expect(refused(() => VALIDATORS['dataset:rename-classes']({ names: ['cat', '   '] }))).toMatchObject({ code: 'bad-class-names', message: 'Class 1 needs a name.' })
    expect(refused(() => VALIDATORS['dataset:rename-classes']({ names: ['Dog', 'dog'] })).message).toBe('Classes 0 and 1 are both called "dog": give each class a name of its own.')
    expect(refused(() => VALIDATORS['dataset:rename-classes']({ names: ['x'.repeat(101), 'dog'] })).message).toBe('The name of class 0 is longer than 100 characters.')
    expect(refused(() => VALIDATORS['dataset:rename-classes']({ names: ['only'] })).code).toBe('bad-argument')
  })
})
