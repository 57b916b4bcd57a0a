/**
 * A reader for the small subset of Python literals that a .npy header uses, parsed by hand and
 * never evaluated:  {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
 *   dict {k: v, ...} -> Map (string keys only), tuple (...) and list [...] -> array,
 *   'text' / "text" -> string, 12 / -3 / 12L -> number, True / False -> boolean, None -> null.
 * Anything else (floats, calls, names) is refused by throwing a plain Error.
 */

export type PyValue = string | number | boolean | null | PyValue[] | Map<string, PyValue>

/** Deep enough for any dtype numpy writes; shallow enough that the parser cannot blow the stack. */
const MAX_DEPTH = 32

export function parsePyLiteral(text: string): PyValue {
  const p = new Parser(text)
  const value = p.value(0)
  p.skipSpace()
  if (p.pos !== text.length) p.fail('text after the value')
  return value
}

class Parser {
  pos = 0
  constructor(private readonly s: string) {}

  fail(what: string): never {
    throw new Error(`Python literal: ${what} at ${this.pos}`)
  }

  skipSpace(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos])) this.pos++
  }

  value(depth: number): PyValue {
    if (depth > MAX_DEPTH) this.fail('nesting too deep')
    this.skipSpace()
    const c = this.s[this.pos]
    if (c === '{') return this.dict(depth)
    if (c === '(') return this.sequence(')', depth)
    if (c === '[') return this.sequence(']', depth)
    if (c === "'" || c === '"') return this.string()
    if (c === '-' || (c >= '0' && c <= '9')) return this.integer()
    return this.name()
  }

  private dict(depth: number): Map<string, PyValue> {
    const out = new Map<string, PyValue>()
    this.pos++ // {
    for (;;) {
      this.skipSpace()
      if (this.s[this.pos] === '}') { this.pos++; return out }
      const key = this.value(depth + 1)
      if (typeof key !== 'string') this.fail('a dictionary key that is not text')
      this.skipSpace()
      if (this.s[this.pos] !== ':') this.fail("a missing ':'")
      this.pos++
      out.set(key, this.value(depth + 1))
      this.skipSpace()
      if (this.s[this.pos] === ',') this.pos++
      else if (this.s[this.pos] !== '}') this.fail("a missing ',' or '}'")
    }
  }

  private sequence(close: string, depth: number): PyValue[] {
    const out: PyValue[] = []
    this.pos++ // ( or [
    for (;;) {
      this.skipSpace()
      if (this.s[this.pos] === close) { this.pos++; return out }
      out.push(this.value(depth + 1))
      this.skipSpace()
      if (this.s[this.pos] === ',') this.pos++
      else if (this.s[this.pos] !== close) this.fail(`a missing ',' or '${close}'`)
    }
  }

  private string(): string {
    const quote = this.s[this.pos++]
    let out = ''
    for (;;) {
      if (this.pos >= this.s.length) this.fail('an unterminated text')
      const c = this.s[this.pos++]
      if (c === quote) return out
      if (c === '\n') this.fail('a line break inside a text')
      if (c !== '\\') { out += c; continue }
      const e = this.s[this.pos++]
      if (e === 'n') out += '\n'
      else if (e === 't') out += '\t'
      else if (e === '\\' || e === "'" || e === '"') out += e
      else this.fail('an escape this reader does not know')
    }
  }

  private integer(): number {
    const m = /^-?\d+/.exec(this.s.slice(this.pos, this.pos + 40))
    if (!m) this.fail('a malformed number')
    this.pos += m[0].length
    if (this.s[this.pos] === 'L') this.pos++ // Python 2 long, as in shapes written by old numpy
    const next = this.s[this.pos]
    if (next === '.' || next === 'e' || next === 'E' || next === 'j') this.fail('a number that is not whole')
    return Number(m[0])
  }

  private name(): boolean | null {
    const m = /^[A-Za-z_]\w*/.exec(this.s.slice(this.pos, this.pos + 40))
    if (!m) this.fail('an unexpected character')
    this.pos += m[0].length
    if (m[0] === 'True') return true
    if (m[0] === 'False') return false
    if (m[0] === 'None') return null
    return this.fail(`the name ${m[0]}`)
  }
}
