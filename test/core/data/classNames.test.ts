/** The rule for class names a user gives: some text, at most 100 characters, no two alike ignoring case. */
import { describe, expect, it } from 'vitest'
import { classNamesProblem, MAX_CLASS_NAME, tidyClassNames } from '../../../src/core/data/classNames'

describe('class names', () => {
  it('drops outer spaces and takes names that differ', () => {
    expect(tidyClassNames([' cat', 'dog  ', 'hot dog'])).toEqual(['cat', 'dog', 'hot dog'])
    expect(classNamesProblem(['cat', 'dog', 'hot dog', 'Ünïcödé 猫'])).toBeNull()
  })

  it('says which class needs a name, which is too long, and which two are the same', () => {
    expect(classNamesProblem(['cat', ''])).toBe('Class 1 needs a name.')
    expect(classNamesProblem(['a'.repeat(MAX_CLASS_NAME + 1), 'b'])).toBe('The name of class 0 is longer than 100 characters.')
    expect(classNamesProblem(['a'.repeat(MAX_CLASS_NAME), 'b'])).toBeNull()
    expect(classNamesProblem(['cat', 'dog', 'DOG'])).toBe('Classes 1 and 2 are both called "DOG": give each class a name of its own.')
  })
})
