// The files a built ES module loads: itself and, depth first, every file it imports statically ("./…").
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

const IMPORT = /^(?:import|export)\s[^;]*?from\s*"(\.{1,2}\/[^"]+)"|^import\s*"(\.{1,2}\/[^"]+)"/gm

export function importedFiles(file: string, seen: string[] = []): string[] {
  if (seen.includes(file)) return seen
  seen.push(file)
  for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) importedFiles(resolve(dirname(file), m[1] ?? m[2]), seen)
  return seen
}
