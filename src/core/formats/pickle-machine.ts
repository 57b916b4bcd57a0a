/**
 * The pickle machine: reads opcodes one at a time (protocols 0-5) against a value stack, a
 * stack of MARKed stack segments and a memo, without recursion, so long or deeply nested
 * lists cost nothing extra. Globals are checked against the allow-list as they are read, and
 * may only be called: `value` refuses one anywhere else (in a container, an argument, a state).
 * Time is linear in the file: no opcode costs more than O(1) per value it reads from the file,
 * except calls that copy a value, which share a budget of COPY_BUDGET_PER_BYTE per file byte.
 */
import { UserError } from '../errors'
import {
  buildState, callGlobal, lookupGlobal, PyGlobal, type CallContext, type Item
} from './pickle-globals'
import { Containers, newSet } from './pickle-containers'
import { ByteReader, corrupt, unsupported } from './pickle-reader'
import {
  decodeLong, decodeQuotedString, decodeRawUnicodeEscape, parseFloatText, parseIntText, utf8
} from './pickle-text'
import { isDict, PyBytes, type PyDict, type PySet, type PyTuple, type PyValue } from './pickle-types'

/** Opcodes that can begin a pickle: PROTO, or a protocol 0/1 opcode that pushes something. */
const FIRST_OPCODES = new Set([0x80, ...Array.from('(cSTUVXIJKLMFGN]})', (c) => c.charCodeAt(0))])

const CLASS_FNS = new Set(['set', 'frozenset', 'bytearray', 'bytes', 'ordereddict'])
/**
 * Values (items, characters) calls may copy in all: twice the file's length, and a million more.
 * A file that copies each of its values once (set(list), text to bytes) stays far below it; one
 * that copies the same memoised value again and again is stopped.
 */
const COPY_BUDGET_PER_BYTE = 2
const COPY_BUDGET_EXTRA = 1_000_000
/**
 * The most objects (lists, tuples, dicts, sets, bytes, MARK groups, call results) one pickle may
 * make. A CIFAR-100 batch makes about 50 000 (one bytes object per file name); 10 MB of "}" made
 * 10 million dicts, 1.4 GB and 3 s, from 10 MB.
 */
export const MAX_OBJECTS = 1_000_000
/** Opcodes that make a new object (marked 1): MARK, the str/bytes, container, global and call opcodes. */
const MAKES_OBJECT = new Uint8Array(256)
for (const c of '(STUBC]l)t}dicoR') MAKES_OBJECT[c.charCodeAt(0)] = 1
for (const op of [0x8e, 0x96, 0x85, 0x86, 0x87, 0x8f, 0x91, 0x93, 0x81, 0x92]) MAKES_OBJECT[op] = 1

export class Unpickler {
  private readonly r: ByteReader
  private stack: Item[] = []
  private readonly marks: Item[][] = []
  private readonly memo = new Map<number, Item>()
  /** Tuples that hold a global, directly or inside another such tuple: REDUCE arguments only. */
  private readonly withGlobal = new WeakSet<object>()
  private readonly containers = new Containers()
  private readonly copyBudget: number
  private copied = 0
  private objects = 0
  private readonly context: CallContext
  /** Where the opcode being run starts, for messages. */
  private at = 0

  constructor(bytes: Uint8Array) {
    this.r = new ByteReader(bytes)
    this.copyBudget = COPY_BUDGET_PER_BYTE * bytes.length + COPY_BUDGET_EXTRA
    this.context = { containers: this.containers, spend: (n) => this.spend(n) }
  }

  run(): PyValue {
    const r = this.r
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
      if (MAKES_OBJECT[op] && ++this.objects > MAX_OBJECTS) throw this.tooManyObjects()
      switch (op) {
        case 0x2e: return this.value(this.pop()) // STOP
        case 0x80: { // PROTO
          const v = r.u8()
          if (v > 5) throw unsupported(`pickle protocol ${v}, from a newer Python`)
          break
        }
        case 0x95: r.len64(); break // FRAME: only a hint for buffered readers
        // --- marks and stack shuffling
        case 0x28: this.marks.push(this.stack); this.stack = []; break // MARK
        case 0x30: if (this.stack.length) this.stack.pop(); else this.popMark(); break // POP
        case 0x31: this.popMark(); break // POP_MARK
        case 0x32: this.push(this.top()); break // DUP
        // --- scalars
        case 0x4e: this.push(null); break // NONE
        case 0x88: this.push(true); break // NEWTRUE
        case 0x89: this.push(false); break // NEWFALSE
        case 0x49: { // INT: also I01 / I00 for True / False
          const t = r.textLine()
          this.push(t === '01' ? true : t === '00' ? false : this.parsed(parseIntText(t), 'whole number'))
          break
        }
        case 0x4c: this.push(this.parsed(parseIntText(r.textLine()), 'whole number')); break // LONG
        case 0x4a: this.push(r.i32()); break // BININT
        case 0x4b: this.push(r.u8()); break // BININT1
        case 0x4d: this.push(r.u16()); break // BININT2
        case 0x8a: this.push(decodeLong(r.take(r.u8()))); break // LONG1
        case 0x8b: this.push(decodeLong(r.take(r.i32()))); break // LONG4
        case 0x46: this.push(this.parsed(parseFloatText(r.textLine()), 'decimal number')); break // FLOAT
        case 0x47: this.push(r.f64be()); break // BINFLOAT
        // --- Python 2 str and Python 3 bytes (views into the file, never copied)
        case 0x53: this.push(new PyBytes(this.parsed(decodeQuotedString(r.line()), 'text'))); break // STRING
        case 0x54: this.push(new PyBytes(r.take(r.i32()))); break // BINSTRING
        case 0x55: this.push(new PyBytes(r.take(r.u8()))); break // SHORT_BINSTRING
        case 0x42: this.push(new PyBytes(r.take(r.u32()))); break // BINBYTES
        case 0x43: this.push(new PyBytes(r.take(r.u8()))); break // SHORT_BINBYTES
        case 0x8e: this.push(new PyBytes(r.take(r.len64()))); break // BINBYTES8
        case 0x96: this.push(new PyBytes(r.take(r.len64()))); break // BYTEARRAY8
        // --- unicode str
        case 0x56: this.push(this.parsed(decodeRawUnicodeEscape(r.line()), 'text')); break // UNICODE
        case 0x58: this.push(utf8(r.take(r.u32()))); break // BINUNICODE
        case 0x8c: this.push(utf8(r.take(r.u8()))); break // SHORT_BINUNICODE
        case 0x8d: this.push(utf8(r.take(r.len64()))); break // BINUNICODE8
        // --- containers
        case 0x5d: this.push([]); break // EMPTY_LIST
        case 0x6c: this.push(this.values(this.popMark())); break // LIST
        case 0x61: { // APPEND
          const v = this.value(this.pop())
          this.list(this.top()).push(v)
          break
        }
        case 0x65: { // APPENDS
          const items = this.popMark()
          const list = this.list(this.top())
          for (let i = 0; i < items.length; i++) list.push(this.value(items[i]))
          break
        }
        case 0x29: this.push(this.tuple([])); break // EMPTY_TUPLE
        case 0x74: this.push(this.tuple(this.popMark())); break // TUPLE
        case 0x85: this.push(this.tuple(this.popN(1))); break // TUPLE1
        case 0x86: this.push(this.tuple(this.popN(2))); break // TUPLE2
        case 0x87: this.push(this.tuple(this.popN(3))); break // TUPLE3
        case 0x7d: this.push({ kind: 'dict', entries: [] }); break // EMPTY_DICT
        case 0x64: { // DICT
          const d: PyDict = { kind: 'dict', entries: [] }
          this.setItems(d, this.popMark())
          this.push(d)
          break
        }
        case 0x73: { // SETITEM
          const kv = this.popN(2)
          this.setItems(this.dict(this.top()), kv)
          break
        }
        case 0x75: { // SETITEMS
          const items = this.popMark()
          this.setItems(this.dict(this.top()), items)
          break
        }
        case 0x8f: this.push({ kind: 'set', items: [] }); break // EMPTY_SET
        case 0x90: { // ADDITEMS
          const items = this.popMark()
          this.addItems(this.set(this.top()), items)
          break
        }
        case 0x91: this.push(newSet(this.values(this.popMark()))); break // FROZENSET
        // --- memo
        case 0x70: this.memo.set(this.memoIndex(r.textLine()), this.top()); break // PUT
        case 0x71: this.memo.set(r.u8(), this.top()); break // BINPUT
        case 0x72: this.memo.set(r.u32(), this.top()); break // LONG_BINPUT
        case 0x94: this.memo.set(this.memo.size, this.top()); break // MEMOIZE
        case 0x67: this.push(this.memoGet(this.memoIndex(r.textLine()))); break // GET
        case 0x68: this.push(this.memoGet(r.u8())); break // BINGET
        case 0x6a: this.push(this.memoGet(r.u32())); break // LONG_BINGET
        // --- globals and calls: only allow-listed names, checked before anything else
        case 0x63: { // GLOBAL
          const module = utf8(r.line())
          this.push(lookupGlobal(module, utf8(r.line())))
          break
        }
        case 0x93: { // STACK_GLOBAL
          const [module, name] = this.popN(2)
          if (typeof module !== 'string' || typeof name !== 'string') {
            throw corrupt(this.at, 'a Python name that is not text')
          }
          this.push(lookupGlobal(module, name))
          break
        }
        case 0x69: { // INST: a GLOBAL and a call on the MARKed arguments
          const module = utf8(r.line())
          const g = lookupGlobal(module, utf8(r.line()))
          this.push(this.call(g, this.popMark(), true))
          break
        }
        case 0x6f: { // OBJ
          const items = this.popMark()
          this.push(this.call(items[0], items.slice(1), true))
          break
        }
        case 0x52: { // REDUCE
          const [f, args] = this.popN(2)
          this.push(this.call(f, this.args(args), false))
          break
        }
        case 0x81: { // NEWOBJ
          const [cls, args] = this.popN(2)
          this.push(this.call(cls, this.args(args), true))
          break
        }
        case 0x92: { // NEWOBJ_EX
          const [cls, args, kwargs] = this.popN(3)
          if (!isDict(kwargs as PyValue) || (kwargs as PyDict).entries.length) {
            throw unsupported('a Python object made with keyword arguments')
          }
          this.push(this.call(cls, this.args(args), true))
          break
        }
        case 0x62: { // BUILD
          const state = this.value(this.pop())
          buildState(this.top(), state, this.at)
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

  private push(v: Item): void {
    this.stack.push(v)
  }

  private pop(): Item {
    if (!this.stack.length) throw corrupt(this.at, 'a step that needs a value where there is none')
    return this.stack.pop() as Item
  }

  private popN(n: number): Item[] {
    if (this.stack.length < n) throw corrupt(this.at, 'a step that needs more values than there are')
    return this.stack.splice(this.stack.length - n, n)
  }

  private top(): Item {
    if (!this.stack.length) throw corrupt(this.at, 'a step that needs a value where there is none')
    return this.stack[this.stack.length - 1]
  }

  /** The items pushed since the last MARK; the stack goes back to what it was before it. */
  private popMark(): Item[] {
    const items = this.stack
    const prev = this.marks.pop()
    if (!prev) throw corrupt(this.at, 'a group of values with no start')
    this.stack = prev
    return items
  }

  private parsed<T>(v: T | undefined, what: string): T {
    if (v === undefined) throw corrupt(this.at, `unreadable ${what}`)
    return v
  }

  private memoIndex(text: string): number {
    if (!/^\d{1,15}$/.test(text)) throw corrupt(this.at, 'an unreadable back-reference')
    return Number(text)
  }

  private memoGet(i: number): Item {
    const v = this.memo.get(i)
    if (v === undefined) throw corrupt(this.at, `a back-reference to value ${i}, which was never stored`)
    return v
  }

  /**
   * The rule for globals, in one place: an item that goes anywhere but the callable position of
   * a call (into a list, dict or set, a call's arguments, a BUILD state, the result) must be a
   * value, neither a bare global nor a tuple holding one. Only tuples can hold globals (every
   * other container is filled through here) and they are marked when made, so this is O(1).
   */
  private value(v: Item): PyValue {
    if (v instanceof PyGlobal) throw unsupported(`a Python type (${v.name}) stored as a value`)
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

  private tooManyObjects(): UserError {
    return new UserError(
      'unsupported-pickle',
      `This file holds more than ${MAX_OBJECTS} separate Python values (lists, tuples, dicts, texts as bytes), far ` +
        'more than a dataset has, so NN Scratch stops reading it. Save the pictures and the labels as numpy ' +
        'arrays, for example with numpy.savez.'
    )
  }

  /** Account for a call copying `n` values or characters (CallContext.spend). */
  private spend(n: number): void {
    this.copied += n
    if (this.copied <= this.copyBudget) return
    throw new UserError(
      'unsupported-pickle',
      `This file builds the same values again and again (it asks for more than ${this.copyBudget} values ` +
        `to be copied, from a file of ${this.r.bytes.length} bytes), which no dataset does, so NN Scratch ` +
        'stops reading it. Save the data again as plain numbers, lists, dicts and numpy arrays.'
    )
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
