/**
 * The import rules of STYLE.md ("the path says where code runs and what it may import"), checked
 * over every .ts/.mts/.vue file under src/. Imports are read with the TypeScript parser, so
 * comments and strings never count: static imports, `export ... from`, `import()`, `require()`
 * and `import('x').T` types.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join, posix, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..')

/** Packages src/core may import: pure TypeScript/JavaScript that runs anywhere. */
const CORE_PACKAGES = ['fflate']

/**
 * The layers inside src/core, lowest first: a folder may import only folders at or below its own
 * layer. Plain helpers at the bottom; file formats; datasets; pictures from folders (which build
 * datasets); the network's math; the compute engine and its kernels; training and evaluation;
 * then what records and shows it (model files, runs, charts' data). src/core/errors.ts is 'errors'.
 */
const CORE_LAYERS: readonly (readonly string[])[] = [
  ['errors', 'text', 'wire', 'random'],
  ['formats'],
  ['data'],
  ['pictures'],
  ['nn'],
  ['kernels', 'engine'],
  ['training'],
  ['model', 'runs', 'viz']
]
const CORE_ORDER = CORE_LAYERS.map((layer) => layer.join(', ')).join(' → ')

interface ImportRef {
  /** repository-relative path with forward slashes, e.g. src/core/nn/dense.ts */
  readonly file: string
  readonly line: number
  readonly specifier: string
  readonly typeOnly: boolean
}

interface Source {
  readonly file: string
  readonly text: string
}

/** The folder under src/ a repository-relative path lies in ('core', 'main', ...), or undefined. */
function areaOf(path: string): string | undefined {
  const match = /^src\/([^/]+)\//.exec(path)
  return match?.[1]
}

function packageName(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
}

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(packageName(specifier))
}

function isPackage(specifier: string, names: readonly string[]): boolean {
  const name = packageName(specifier)
  return names.some((n) => name === n || (n.endsWith('/') && name.startsWith(n)))
}

/** The folder of src/core a path lies in ('nn', 'engine', …; 'errors' for src/core/errors.ts), or undefined outside core. */
function coreFolderOf(path: string): string | undefined {
  const match = /^src\/core\/([^/.]+)(\.m?ts)?(\/|$)/.exec(path)
  return match?.[1]
}

/** The layer of a folder of src/core (CORE_LAYERS), or −1 for one that is not in the list. */
function coreLayerOf(folder: string): number {
  return CORE_LAYERS.findIndex((layer) => layer.includes(folder))
}

/** Why an import from one folder of src/core to another breaks core's layers, or undefined. */
function coreLayerViolation(ref: ImportRef): string | undefined {
  const from = coreFolderOf(ref.file)
  const to = coreFolderOf(target(ref))
  if (from === undefined || to === undefined || from === to) return undefined
  for (const folder of [from, to]) {
    if (coreLayerOf(folder) < 0) return `src/core/${folder} has no layer yet: add it to CORE_LAYERS in test/architecture.test.ts, above what it imports`
  }
  if (coreLayerOf(to) <= coreLayerOf(from)) return undefined
  return `src/core/${from} imports src/core/${to}, which sits above it; inside core a folder imports only folders at or below its layer (${CORE_ORDER})`
}

/** The repository-relative path a relative import points at (without extension resolution). */
function target(ref: ImportRef): string {
  return posix.normalize(posix.join(posix.dirname(ref.file), ref.specifier))
}

const isRelative = (specifier: string): boolean => specifier.startsWith('.') || specifier.startsWith('/')

/** Why `ref` breaks the rules of its folder, or undefined when it does not. */
function violation(ref: ImportRef): string | undefined {
  const from = areaOf(ref.file)
  const spec = ref.specifier
  const to = isRelative(spec) ? areaOf(target(ref) + '/') ?? 'outside src' : undefined
  switch (from) {
    case 'core':
      if (to !== undefined) return to === 'core' ? coreLayerViolation(ref) : `src/core imports ${to === 'outside src' ? to : `src/${to}`}; core imports nothing of ours`
      if (isNodeBuiltin(spec)) return 'src/core imports a Node built-in; core is pure TypeScript'
      if (!isPackage(spec, CORE_PACKAGES)) return `src/core may import only ${CORE_PACKAGES.join(', ')} among packages`
      return undefined
    case 'shared':
      if (to === undefined) return 'src/shared imports a package; shared holds types and constants only'
      if (to === 'shared') return undefined
      if (to === 'core') return ref.typeOnly ? undefined : 'src/shared may import only types from src/core (use `import type`)'
      return `src/shared imports src/${to}; shared may import only shared and core types`
    case 'worker':
    case 'cli':
    case 'node':
      if (isPackage(spec, ['electron', 'vue', '@vue/', 'chart.js'])) return `src/${from} imports ${packageName(spec)}; it runs under plain Node`
      if (to === 'main' || to === 'renderer' || to === 'preload') return `src/${from} imports src/${to}`
      // src/node serves the worker and the command line alike: it depends on neither
      if (from === 'node' && (to === 'worker' || to === 'cli')) return `src/node imports src/${to}; what both use lives in src/node, src/shared or src/core`
      return undefined
    case 'main': {
      const electronAllowed = /^src\/main\/(index|window)\.ts$/.test(ref.file) || ref.file.startsWith('src/main/electron/')
      if (!electronAllowed && isPackage(spec, ['electron', 'electron-store'])) {
        return `${ref.file} imports ${packageName(spec)}; only src/main/index.ts, window.ts and src/main/electron/ may (the rest also serves browser mode)`
      }
      if (isPackage(spec, ['vue', '@vue/', 'chart.js'])) return `src/main imports ${packageName(spec)}`
      if (to === 'renderer' || to === 'preload') return `src/main imports src/${to}`
      if (to === 'worker') return 'src/main imports src/worker; it talks to the worker by messages only'
      if (to === 'main' && !electronAllowed && target(ref).startsWith('src/main/electron')) {
        return 'src/main imports src/main/electron outside the Electron adapters'
      }
      return undefined
    }
    case 'renderer':
      if (isPackage(spec, ['electron'])) return 'src/renderer imports electron; go through window.api'
      if (isNodeBuiltin(spec)) return 'src/renderer imports a Node built-in; go through window.api'
      if (to === 'main') return 'src/renderer imports src/main; go through window.api'
      return undefined
    default:
      return undefined
  }
}

/** The TypeScript parts of a file: the whole of a .ts, the <script> blocks of a .vue. */
function scriptBlocks(source: Source): { text: string; lineOffset: number }[] {
  if (!source.file.endsWith('.vue')) return [{ text: source.text, lineOffset: 0 }]
  const blocks: { text: string; lineOffset: number }[] = []
  for (const match of source.text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    const start = match.index + match[0].indexOf('>') + 1
    blocks.push({ text: match[1], lineOffset: source.text.slice(0, start).split('\n').length - 1 })
  }
  return blocks
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause
  if (!clause) return false
  if (clause.isTypeOnly) return true
  const bindings = clause.namedBindings
  return !clause.name && bindings !== undefined && ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly)
}

/** Every import of a file, with the identifiers named `ipcRenderer` as a second list of lines. */
function scan(source: Source): { imports: ImportRef[]; ipcRendererLines: number[] } {
  const imports: ImportRef[] = []
  const ipcRendererLines: number[] = []
  for (const block of scriptBlocks(source)) {
    const sf = ts.createSourceFile(source.file, block.text, ts.ScriptTarget.Latest, true)
    const lineOf = (node: ts.Node): number => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 + block.lineOffset
    const add = (node: ts.Node, literal: ts.Expression | undefined, typeOnly: boolean): void => {
      if (literal && ts.isStringLiteralLike(literal)) imports.push({ file: source.file, line: lineOf(node), specifier: literal.text, typeOnly })
    }
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier, isTypeOnlyImport(node))
      else if (ts.isExportDeclaration(node)) add(node, node.moduleSpecifier, node.isTypeOnly)
      else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal, true)
      else if (ts.isCallExpression(node) &&
        (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
        add(node, node.arguments[0], false)
      } else if (ts.isIdentifier(node) && node.text === 'ipcRenderer') ipcRendererLines.push(lineOf(node))
      ts.forEachChild(node, visit)
    }
    visit(sf)
  }
  return { imports, ipcRendererLines }
}

/** `file:line  specifier: reason` for each broken rule across the given files. */
function findViolations(sources: readonly Source[]): string[] {
  const problems: string[] = []
  for (const source of sources) {
    const { imports, ipcRendererLines } = scan(source)
    for (const ref of imports) {
      const reason = violation(ref)
      if (reason) problems.push(`${ref.file}:${ref.line}  '${ref.specifier}': ${reason}`)
    }
    if (areaOf(source.file) !== 'preload') {
      for (const line of ipcRendererLines) problems.push(`${source.file}:${line}  ipcRenderer: only src/preload may use it`)
    }
  }
  return problems
}

function sourceFiles(dir: string): Source[] {
  const found: Source[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...sourceFiles(path))
    else if (/\.(m?ts|vue)$/.test(entry.name)) {
      found.push({ file: relative(ROOT, path).split('\\').join('/'), text: readFileSync(path, 'utf8') })
    }
  }
  return found
}

describe('import rules', () => {
  it('hold across src/', () => {
    const sources = sourceFiles(join(ROOT, 'src'))
    expect(sources.length).toBeGreaterThan(5)
    const problems = findViolations(sources)
    expect(problems, `Imports that break the rules in STYLE.md ("Layout"):\n${problems.join('\n')}\n`).toEqual([])
  })

  it('catch what core must not import', () => {
    const problems = findViolations([{
      file: 'src/core/nn/bad.ts',
      text: [
        "import { readFileSync } from 'node:fs'",
        "import path from 'path'",
        "import { ref } from 'vue'",
        "import { Chart } from 'chart.js/auto'",
        "import type { Api } from '../../shared/api'",
        "export { x } from '../../../test/helpers'",
        "const later = () => import('electron')",
        "import { unzipSync } from 'fflate'",
        "import { Rng } from './rng'",
        "// import { app } from 'electron'",
        "const text = \"import 'electron'\""
      ].join('\n')
    }])
    expect(problems.map((p) => p.split('  ')[0])).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `src/core/nn/bad.ts:${n}`))
    expect(problems[4]).toContain('src/shared')
    expect(problems[5]).toContain('outside src')
  })

  it('keep the layers inside core: a folder imports only folders at or below its own', () => {
    const problems = findViolations([
      {
        file: 'src/core/data/split.ts',
        text: [
          "import { Rng } from '../random/rng'",
          "import { UserError } from '../errors'",
          "import { readNpy } from '../formats/npy'",
          "import { Rng as Old } from '../nn/rng'",
          "import type { ResizeMode } from '../pictures/types'",
          "import { compact } from './assemble'"
        ].join('\n')
      },
      { file: 'src/core/formats/tar.ts', text: "import type { SourceFile } from '../data/source'" },
      { file: 'src/core/nn/network.ts', text: "import type { Engine } from '../engine/engine'\nimport { affineOf } from '../data/scaling'" },
      { file: 'src/core/engine/runtime.ts', text: "import { Trainer } from '../training/trainer'\nimport { backward } from '../nn/passes'" },
      { file: 'src/core/errors.ts', text: "import { formatPercent } from './text/percent'\nimport { Rng } from './nn/rng'" },
      { file: 'src/core/model/model.ts', text: "import { x } from '../newfolder/x'" }
    ])
    expect(problems.map((p) => p.split('  ')[0])).toEqual([
      'src/core/data/split.ts:4', 'src/core/data/split.ts:5', 'src/core/formats/tar.ts:1', 'src/core/nn/network.ts:1',
      'src/core/engine/runtime.ts:1', 'src/core/errors.ts:2', 'src/core/model/model.ts:1'
    ])
    expect(problems[0]).toContain('src/core/data imports src/core/nn, which sits above it')
    expect(problems[6]).toContain('src/core/newfolder has no layer yet')
  })

  it('let shared import only shared and core types', () => {
    const problems = findViolations([{
      file: 'src/shared/ipc.ts',
      text: [
        "import type { Network } from '../core/nn/network'",
        "import { type Scaling } from '../core/data/scaling'",
        "import { APP_VERSION } from '../core/model/model'",
        "import type { RendererApi } from './api'",
        "import { z } from 'zod'",
        "type Window = import('../main/window').Window"
      ].join('\n')
    }])
    expect(problems.map((p) => p.split('  ')[0])).toEqual(['src/shared/ipc.ts:3', 'src/shared/ipc.ts:5', 'src/shared/ipc.ts:6'])
  })

  it('keep electron, vue and the app processes out of the worker, and Node out of the renderer', () => {
    const problems = findViolations([
      {
        file: 'src/worker/index.ts',
        text: "import { app } from 'electron'\nimport { h } from 'vue'\nimport { x } from '../main/window'\nimport { train } from '../core/nn/trainer'\nimport { parentPort } from 'node:worker_threads'"
      },
      {
        file: 'src/renderer/src/components/LossChart.vue',
        text: "<template><div /></template>\n<script setup lang=\"ts\">\nimport { ipcRenderer } from 'electron'\nimport fs from 'node:fs'\nimport { createMainWindow } from '../../../main/window'\nimport { Chart } from 'chart.js'\n</script>"
      },
      { file: 'src/preload/index.ts', text: "import { ipcRenderer } from 'electron'\nipcRenderer.invoke('x')" },
      { file: 'src/main/electron/ipc.ts', text: "import { ipcMain } from 'electron'\n// ipcRenderer lives in the preload\nconst ipcRenderer = 1" }
    ])
    expect(problems.map((p) => p.split('  ')[0])).toEqual([
      'src/worker/index.ts:1', 'src/worker/index.ts:2', 'src/worker/index.ts:3',
      'src/renderer/src/components/LossChart.vue:3', 'src/renderer/src/components/LossChart.vue:4',
      'src/renderer/src/components/LossChart.vue:5', 'src/renderer/src/components/LossChart.vue:3',
      'src/main/electron/ipc.ts:3'
    ])
  })

  it('keep the training worker and the command line out of src/node, which both use', () => {
    const problems = findViolations([{
      file: 'src/node/runs/host.ts',
      text: [
        "import type { RunModel } from '../../worker/run'",
        "import { trainRuns } from '../../cli/hostRuns'",
        "import type { RunStatus } from '../../shared/runEvents'",
        "import { Trainer } from '../../core/nn/trainer'",
        "import { Worker } from 'node:worker_threads'"
      ].join('\n')
    }])
    expect(problems.map((p) => p.split('  ')[0])).toEqual(['src/node/runs/host.ts:1', 'src/node/runs/host.ts:2'])
  })

  it('keep Electron in the desktop adapters, and the worker out of main', () => {
    const problems = findViolations([
      { file: 'src/main/handlers.ts', text: "import { dialog } from 'electron'\nimport Store from 'electron-store'\nimport { Session } from '../worker/session'\nimport { startDesktopApp } from './electron/app'\nimport type { Requests } from '../shared/ipc'" },
      { file: 'src/main/web/server.ts', text: "import { WebSocketServer } from 'ws'\nimport { app } from 'electron'\nimport { x } from '../../renderer/src/transport'" },
      { file: 'src/main/electron/app.ts', text: "import { app } from 'electron'\nimport Store from 'electron-store'\nimport { createServices } from '../services'" },
      { file: 'src/main/window.ts', text: "import { BrowserWindow } from 'electron'" }
    ])
    expect(problems.map((p) => p.split('  ')[0])).toEqual([
      'src/main/handlers.ts:1', 'src/main/handlers.ts:2', 'src/main/handlers.ts:3', 'src/main/handlers.ts:4',
      'src/main/web/server.ts:2', 'src/main/web/server.ts:3'
    ])
  })
})
