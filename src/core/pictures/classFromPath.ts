/**
 * The true class of a picture the network is asked about, read from its folders: "cats/tom.jpg",
 * "mypics/cats/tom.jpg" and "test/cats/indoors/tom.jpg" are pictures of class "cats" when the
 * network has a class of that name. The first folder of the path, from the top, that names a
 * class wins (folders nested inside a class belong to it, as in an import); names match without
 * regard to case. −1 when no folder names a class, or the picture is not in a folder.
 */

export function classFromPath(path: string, classNames: readonly string[]): number {
  const folders = path.split('/').slice(0, -1)
  const names = classNames.map((n) => n.toLowerCase())
  for (const folder of folders) {
    const c = names.indexOf(folder.toLowerCase())
    if (c >= 0) return c
  }
  return -1
}
