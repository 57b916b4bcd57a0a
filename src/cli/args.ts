/**
 * A small command-line parser: `<command> [positionals] [--flag value | --flag=value | --switch]`.
 * Each command declares its options; anything unknown or malformed is a UsageError whose
 * message says what is wrong and how to see the help.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export type OptionKind = 'string' | 'number' | 'integer' | 'boolean'

export interface OptionSpec {
  readonly kind: OptionKind
  /** placeholder shown in help, e.g. "<rate>" */
  readonly value?: string
  readonly help: string
  /** how help shows the option, when not --name, e.g. --no-shuffle for a switch that is on by default */
  readonly shown?: string
}

export interface Parsed {
  readonly positionals: string[]
  readonly options: Map<string, string | number | boolean>
}

export function parseArgs(command: string, argv: readonly string[], spec: Readonly<Record<string, OptionSpec>>): Parsed {
  const positionals: string[] = []
  const options = new Map<string, string | number | boolean>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    let name = arg.slice(2, eq < 0 ? undefined : eq)
    let inline: string | undefined = eq < 0 ? undefined : arg.slice(eq + 1)
    let negated = false
    if (!(name in spec) && name.startsWith('no-') && spec[name.slice(3)]?.kind === 'boolean') {
      name = name.slice(3)
      negated = true
    }
    const opt = spec[name]
    if (!opt) throw new UsageError(`"${command}" has no option --${name}. See: nn-scratch ${command} --help`)
    if (opt.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} is a switch and takes no value.`)
      options.set(name, !negated)
      continue
    }
    if (inline === undefined) {
      inline = argv[i + 1]
      if (inline === undefined || inline.startsWith('--')) {
        throw new UsageError(`--${name} needs a value ${opt.value ?? ''}`.trimEnd() + `. See: nn-scratch ${command} --help`)
      }
      i++
    }
    options.set(name, convert(name, opt, inline))
  }
  return { positionals, options }
}

function convert(name: string, opt: OptionSpec, text: string): string | number {
  if (opt.kind === 'string') return text
  const n = Number(text)
  if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} needs a number, not "${text}".`)
  if (opt.kind === 'integer' && !Number.isInteger(n)) throw new UsageError(`--${name} needs a whole number, not "${text}".`)
  return n
}

/** A comma-separated list of whole numbers, e.g. "100,50". */
export function parseIntList(name: string, text: string): number[] {
  const parts = text.split(',').map((p) => p.trim())
  const out: number[] = []
  for (const p of parts) {
    const n = Number(p)
    if (p === '' || !Number.isInteger(n)) throw new UsageError(`--${name} needs whole numbers separated by commas (like 100,50), not "${text}".`)
    out.push(n)
  }
  return out
}

/** Help text for a command's options, aligned in two columns. */
export function formatOptions(spec: Readonly<Record<string, OptionSpec>>): string {
  const rows = Object.entries(spec).map(([name, o]) => [o.shown ?? `--${name}${o.value ? ' ' + o.value : ''}`, o.help])
  const width = Math.max(...rows.map((r) => r[0].length)) + 2
  return rows.map(([a, b]) => `  ${a.padEnd(width)}${b}`).join('\n')
}
