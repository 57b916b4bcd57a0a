/**
 * The rule for class names a user gives (the Data tab's rename): each has some text besides
 * spaces (outer spaces are dropped), at most MAX_CLASS_NAME characters, and no two are the same
 * ignoring case, so every chart, result and saved model can tell the classes apart by name.
 */
export const MAX_CLASS_NAME = 100

/** The names as they will be kept (outer spaces dropped). */
export function tidyClassNames(names: readonly string[]): string[] {
  return names.map((n) => n.trim())
}

/** What is wrong with `names` (already tidied) in plain words, or null when they can be used. */
export function classNamesProblem(names: readonly string[]): string | null {
  const seen = new Map<string, number>()
  for (let i = 0; i < names.length; i++) {
    const n = names[i]
    if (n === '') return `Class ${i} needs a name.`
    if (n.length > MAX_CLASS_NAME) return `The name of class ${i} is longer than ${MAX_CLASS_NAME} characters.`
    const key = n.toLowerCase()
    const before = seen.get(key)
    if (before !== undefined) return `Classes ${before} and ${i} are both called "${n}": give each class a name of its own.`
    seen.set(key, i)
  }
  return null
}
