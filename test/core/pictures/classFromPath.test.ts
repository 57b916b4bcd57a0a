/** A picture's true class from its folders: the first folder from the top that names a class, any case. */
import { describe, expect, it } from 'vitest'
import { classFromPath } from '../../../src/core/pictures/classFromPath'

describe('classFromPath', () => {
  const classes = ['cats', 'Dogs']
  it('reads the class from the first folder that names one', () => {
    expect(classFromPath('cats/tom.jpg', classes)).toBe(0)
    expect(classFromPath('mypics/dogs/rex.png', classes)).toBe(1)
    expect(classFromPath('test/Cats/indoors/dogs/x.png', classes)).toBe(0)
  })
  it('knows no class for a loose picture, a file named like a class, or folders naming none', () => {
    expect(classFromPath('tom.jpg', classes)).toBe(-1)
    expect(classFromPath('pets/cats', classes)).toBe(-1)
    expect(classFromPath('pets/birds/x.jpg', classes)).toBe(-1)
  })
})
