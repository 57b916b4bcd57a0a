/**
 * The pickle machine: reads opcodes one at a time (protocols 0-5) against a value stack, a
 * stack of MARKed stack segments and a memo (pickle-stack.ts), without recursion, so long or
 * deeply nested lists cost nothing extra. Globals are checked against the allow-list as they are
 * read, and may only be called: `value` refuses one anywhere else (in a container, an argument,
 * a state). Time is linear in the file: no opcode costs more than O(1) per value it reads from
 * the file, except calls that copy a value, which share a budget per file byte; the objects made
 * are bounded too (pickle-limits.ts).
 */
import { UserError } from '../errors'
import {
  buildState, callGlobal, lookupGlobal, PyGlobal, type CallContext, type Item
} from './pickle-globals'
import { Containers, newSet } from './pickle-containers'
import { MAKES_OBJECT, PickleLimits } from './pickle-limits'
import { ByteReader, corrupt, unsupported } from './pickle-reader'
import { PickleStack } from './pickle-stack'
import {
  decodeLong, decodeQuotedString, decodeRawUnicodeEscape, parseFloatText, parseIntText, utf8
} from './pickle-text'
import { isDict, PyBytes, type PyDict, type PySet, type PyTuple, type PyValue } from './pickle-types'

/** Opcodes that can begin a pickle: PROTO, or a protocol 0/1 opcode that pushes something. */
const FIRST_OPCODES = new Set([0x80, ...Array.from('(cSTUVXIJKLMFGN]})', (c) => c.charCodeAt(0))])

const CLASS_FNS = new Set(['set', 'frozenset', 'bytearray', 'bytes', 'ordereddict'])

export class Unpickler {
  private readonly r: ByteReader
  private readonly stack = new PickleStack(() => this.at)
  /** Tuples that hold a global, directly or inside another such tuple: REDUCE arguments only. */
  private readonly withGlobal = new WeakSet<object>()
  private readonly containers = new Containers()
  private readonly limits: PickleLimits
  private readonly context: CallContext
  /** Where the opcode being run starts, for messages. */
  private at = 0

  constructor(bytes: Uint8Array) {
    this.r = new ByteReader(bytes)
    this.limits = new PickleLimits(bytes.length)
    this.context = { containers: this.containers, spend: (n) => this.limits.spend(n) }
  }

  run(): PyValue {
    const r = this.r
    const s = this.stack
    if (r.bytes.length === 0) {
      throw new UserError('empty', 'The file is empty (0 bytes). Download or copy it again.')
    }
    if (!FIRST_OPCODES.has(r.bytes[0])) {
      throw new UserError(
        'not-a-pickle',
        'This file is not a Python pickle, so NN Scratch cannot read it as one. ' +
          'Choose the pickle file (often .p, .pkl or a CIFAR-10 "data_batch" file) that holds the data.'
      )
    }
    for (;;) {
      this.at = r.pos
      const op = r.u8()
      if (MAKES_OBJECT[op]) this.limits.made()
      switch (op) {
        case 0x2e: return this.value(s.pop()) // STOP
        case 0x80: { // PROTO
          const v = r.u8()
          if (v > 5) throw unsupported(`pickle protocol ${v}, from a newer Python`)
          break
        }
        case 0x95: r.len64(); break // FRAME: only a hint for buffered readers
        // --- marks and stack shuffling
        case 0x28: s.mark(); break // MARK
        case 0x30: s.discard(); break // POP
        case 0x31: s.popMark(); break // POP_MARK
        case 0x32: s.push(s.top()); break // DUP
        // --- scalars
        case 0x4e: s.push(null); break // NONE
        case 0x88: s.push(true); break // NEWTRUE
        case 0x89: s.push(false); break // NEWFALSE
        case 0x49: { // INT: also I01 / I00 for True / False
          const t = r.textLine()
          s.push(t === '01' ? true : t === '00' ? false : this.parsed(parseIntText(t), 'whole number'))
          break
        }
        case 0x4c: s.push(this.parsed(parseIntText(r.textLine()), 'whole number')); break // LONG
        case 0x4a: s.push(r.i32()); break // BININT
        case 0x4b: s.push(r.u8()); break // BININT1
        case 0x4d: s.push(r.u16()); break // BININT2
        case 0x8a: s.push(decodeLong(r.take(r.u8()))); break // LONG1
        case 0x8b: s.push(decodeLong(r.take(r.i32()))); break // LONG4
        case 0x46: s.push(this.parsed(parseFloatText(r.textLine()), 'decimal number')); break // FLOAT
        case 0x47: s.push(r.f64be()); break // BINFLOAT
        // --- Python 2 str and Python 3 bytes (views into the file, never copied)
        case 0x53: s.push(new PyBytes(this.parsed(decodeQuotedString(r.line()), 'text'))); break // STRING
        case 0x54: s.push(new PyBytes(r.take(r.i32()))); break // BINSTRING
        case 0x55: s.push(new PyBytes(r.take(r.u8()))); break // SHORT_BINSTRING
        case 0x42: s.push(new PyBytes(r.take(r.u32()))); break // BINBYTES
        case 0x43: s.push(new PyBytes(r.take(r.u8()))); break // SHORT_BINBYTES
        case 0x8e: s.push(new PyBytes(r.take(r.len64()))); break // BINBYTES8
        case 0x96: s.push(new PyBytes(r.take(r.len64()))); break // BYTEARRAY8
        // --- unicode str
        case 0x56: s.push(this.parsed(decodeRawUnicodeEscape(r.line()), 'text')); break // UNICODE
        case 0x58: s.push(utf8(r.take(r.u32()))); break // BINUNICODE
        case 0x8c: s.push(utf8(r.take(r.u8()))); break // SHORT_BINUNICODE
        case 0x8d: s.push(utf8(r.take(r.len64()))); break // BINUNICODE8
        // --- containers
        case 0x5d: s.push([]); break // EMPTY_LIST
        case 0x6c: s.push(this.values(s.popMark())); break // LIST
        case 0x61: { // APPEND
          const v = this.value(s.pop())
          this.list(s.top()).push(v)
          break
        }
        case 0x65: { // APPENDS
          const items = s.popMark()
          const list = this.list(s.top())
          for (let i = 0; i < items.length; i++) list.push(this.value(items[i]))
          break
        }
        case 0x29: s.push(this.tuple([])); break // EMPTY_TUPLE
        case 0x74: s.push(this.tuple(s.popMark())); break // TUPLE
        case 0x85: s.push(this.tuple(s.popN(1))); break // TUPLE1
        case 0x86: s.push(this.tuple(s.popN(2))); break // TUPLE2
        case 0x87: s.push(this.tuple(s.popN(3))); break // TUPLE3
        case 0x7d: s.push({ kind: 'dict', entries: [] }); break // EMPTY_DICT
        case 0x64: { // DICT
          const d: PyDict = { kind: 'dict', entries: [] }
          this.setItems(d, s.popMark())
          s.push(d)
          break
        }
        case 0x73: { // SETITEM
          const kv = s.popN(2)
          this.setItems(this.dict(s.top()), kv)
          break
        }
        case 0x75: { // SETITEMS
          const items = s.popMark()
          this.setItems(this.dict(s.top()), items)
          break
        }
        case 0x8f: s.push({ kind: 'set', items: [] }); break // EMPTY_SET
        case 0x90: { // ADDITEMS
          const items = s.popMark()
          this.addItems(this.set(s.top()), items)
          break
        }
        case 0x91: s.push(newSet(this.values(s.popMark()))); break // FROZENSET
        // --- memo
        case 0x70: s.memoPut(this.memoIndex(r.textLine())); break // PUT
        case 0x71: s.memoPut(r.u8()); break // BINPUT
        case 0x72: s.memoPut(r.u32()); break // LONG_BINPUT
        case 0x94: s.memoize(); break // MEMOIZE
        case 0x67: s.memoGet(this.memoIndex(r.textLine())); break // GET
        case 0x68: s.memoGet(r.u8()); break // BINGET
        case 0x6a: s.memoGet(r.u32()); break // LONG_BINGET
        // --- globals and calls: only allow-listed names, checked before anything else
        case 0x63: { // GLOBAL
          const module = utf8(r.line())
          s.push(lookupGlobal(module, utf8(r.line())))
          break
        }
        case 0x93: { // STACK_GLOBAL
          const [module, name] = s.popN(2)
          if (typeof module !== 'string' || typeof name !== 'string') {
            throw corrupt(this.at, 'a Python name that is not text')
          }
          s.push(lookupGlobal(module, name))
          break
        }
        case 0x69: { // INST: a GLOBAL and a call on the MARKed arguments
          const module = utf8(r.line())
          const g = lookupGlobal(module, utf8(r.line()))
          s.push(this.call(g, s.popMark(), true))
          break
        }
        case 0x6f: { // OBJ
          const items = s.popMark()
          s.push(this.call(items[0], items.slice(1), true))
          break
        }
        case 0x52: { // REDUCE
          const [f, args] = s.popN(2)
          s.push(this.call(f, this.args(args), false))
          break
        }
        case 0x81: { // NEWOBJ
          const [cls, args] = s.popN(2)
          s.push(this.call(cls, this.args(args), true))
          break
        }
        case 0x92: { // NEWOBJ_EX
          const [cls, args, kwargs] = s.popN(3)
          if (!isDict(kwargs as PyValue) || (kwargs as PyDict).entries.length) {
            throw unsupported('a Python object made with keyword arguments')
          }
          s.push(this.call(cls, this.args(args), true))
          break
        }
        case 0x62: { // BUILD
          const state = this.value(s.pop())
          buildState(s.top(), state, this.at)
          break
        }
        case 0x50: case 0x51: // PERSID, BINPERSID
          throw unsupported('references to objects kept outside the file')
        case 0x82: case 0x83: case 0x84: // EXT1, EXT2, EXT4
          throw unsupported('Python types named by registry numbers')
        case 0x97: case 0x98: // NEXT_BUFFER, READONLY_BUFFER
          throw unsupported('array data kept outside the file (out-of-band buffers)')
        default:
          throw corrupt(this.at, `an unknown instruction (0x${op.toString(16).padStart(2, '0')})`)
      }
    }
  }

  private parsed<T>(v: T | undefined, what: string): T {
    if (v === undefined) throw corrupt(this.at, `unreadable ${what}`)
    return v
  }

  private memoIndex(text: string): number {
    if (!/^\d{1,15}$/.test(text)) throw corrupt(this.at, 'an unreadable back-reference')
    return Number(text)
  }

  /**
   * The rule for globals, in one place: an item that goes anywhere but the callable position of
   * a call (into a list, dict or set, a call's arguments, a BUILD state, the result) must be a
   * value, neither a bare global nor a tuple holding one. Only tuples can hold globals (every
   * other container is filled through here) and they are marked when made, so this is O(1).
   */
  private value(v: Item): PyValue {
    if (v instanceof PyGlobal) throw unsupported(`a Python type ("${v.name}") stored as a value`)
    if (typeof v === 'object' && v !== null && this.withGlobal.has(v)) {
      throw unsupported('a Python type stored as a value')
    }
    return v
  }

  private values(items: Item[]): PyValue[] {
    for (let i = 0; i < items.length; i++) this.value(items[i])
    return items as PyValue[]
  }

  private tuple(items: Item[]): PyTuple {
    const t: PyTuple = { kind: 'tuple', items: items as PyValue[] }
    for (let i = 0; i < items.length; i++) {
      const v = items[i]
      if (v instanceof PyGlobal || (typeof v === 'object' && v !== null && this.withGlobal.has(v))) {
        this.withGlobal.add(t)
        break
      }
    }
    return t
  }

  private args(v: Item): Item[] {
    if (typeof v !== 'object' || v === null || !('kind' in v) || v.kind !== 'tuple') {
      throw corrupt(this.at, 'a call whose arguments are not a tuple')
    }
    return v.items as Item[]
  }

  /**
   * Call an allowed global. Its arguments must be values (see `value`), except the class that
   * numpy's _reconstruct takes first (numpy.ndarray), which it consumes: so no call can carry a
   * global out inside a set, an OrderedDict or anything else it builds.
   */
  private call(f: Item, args: Item[], asClass: boolean): PyValue {
    if (!(f instanceof PyGlobal)) throw corrupt(this.at, 'a call of something that is not a function')
    if (asClass && !CLASS_FNS.has(f.fn)) throw unsupported(`"${f.name}" used as a class`)
    for (let i = f.fn === 'reconstruct' ? 1 : 0; i < args.length; i++) this.value(args[i])
    return callGlobal(f, args, this.at, this.context)
  }

  private list(v: Item): PyValue[] {
    if (!Array.isArray(v)) throw corrupt(this.at, 'items added to something that is not a list')
    return v
  }

  private dict(v: Item): PyDict {
    if (!isDict(v as PyValue)) throw corrupt(this.at, 'entries added to something that is not a dict')
    return v as PyDict
  }

  private set(v: Item): PySet {
    if (typeof v !== 'object' || v === null || !('kind' in v) || v.kind !== 'set') {
      throw corrupt(this.at, 'items added to something that is not a set')
    }
    return v
  }

  /** d[k] = v for each (k, v) pair in items. */
  private setItems(d: PyDict, items: Item[]): void {
    if (items.length % 2) throw corrupt(this.at, 'a dict key without a value')
    for (let i = 0; i < items.length; i += 2) {
      this.containers.dictSet(d, this.value(items[i]), this.value(items[i + 1]))
    }
  }

  private addItems(s: PySet, items: Item[]): void {
    for (let i = 0; i < items.length; i++) this.containers.setAdd(s, this.value(items[i]))
  }
}
