/**
 * Names taken from a file (dict keys, array names, archive members) as a message shows them:
 * in quotes, control characters replaced by "?", at most MAX_SHOWN characters each and at most
 * MAX_LISTED of them in a list, so that a file's megabyte-long key never becomes a message.
 */

export const MAX_SHOWN = 80
export const MAX_LISTED = 8

/** "name", cleaned and cut to MAX_SHOWN characters ("…" marks a cut). */
export function shownName(name: string): string {
  const cut = name.length > MAX_SHOWN ? name.slice(0, MAX_SHOWN) + '…' : name
  return `"${cut.replace(/[\u0000-\u001f\u007f]/g, '?')}"`
}

/** "a", "b", "c", and 12 more: at most `max` names, each as shownName. */
export function shownNames(names: readonly string[], max = MAX_LISTED): string {
  const listed = names.slice(0, max).map(shownName).join(', ')
  return names.length > max ? `${listed}, and ${names.length - max} more` : listed
}
