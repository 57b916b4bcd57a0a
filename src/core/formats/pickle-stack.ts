/**
 * Where the pickle machine's values wait between opcodes (pickle-machine.ts): the value stack, the
 * stack segments set aside by MARK (a MARKed group is taken whole, in O(1), when its segment is
 * restored) and the memo of stored values by index. Every misuse a damaged file can ask for (a
 * pop of an empty stack, a group with no start, a back-reference never stored) is refused as a
 * corrupt file at the offset of the opcode being run (`at`).
 */
import type { Item } from './pickle-globals'
import { corrupt } from './pickle-reader'

export class PickleStack {
  private stack: Item[] = []
  private readonly marks: Item[][] = []
  private readonly memo = new Map<number, Item>()

  /** `at`: where the opcode being run starts, for messages. */
  constructor(private readonly at: () => number) {}

  push(v: Item): void {
    this.stack.push(v)
  }

  pop(): Item {
    if (!this.stack.length) throw corrupt(this.at(), 'a step that needs a value where there is none')
    return this.stack.pop() as Item
  }

  /** The top `n` values, bottom first. */
  popN(n: number): Item[] {
    if (this.stack.length < n) throw corrupt(this.at(), 'a step that needs more values than there are')
    return this.stack.splice(this.stack.length - n, n)
  }

  top(): Item {
    if (!this.stack.length) throw corrupt(this.at(), 'a step that needs a value where there is none')
    return this.stack[this.stack.length - 1]
  }

  /** MARK: the stack so far is set aside; a new segment begins. */
  mark(): void {
    this.marks.push(this.stack)
    this.stack = []
  }

  /** The items pushed since the last MARK; the stack goes back to what it was before it. */
  popMark(): Item[] {
    const items = this.stack
    const prev = this.marks.pop()
    if (!prev) throw corrupt(this.at(), 'a group of values with no start')
    this.stack = prev
    return items
  }

  /** POP: the top value, or the MARK on top of an empty segment. */
  discard(): void {
    if (this.stack.length) this.stack.pop()
    else this.popMark()
  }

  /** Stores the top value under `i` (PUT, BINPUT, LONG_BINPUT). */
  memoPut(i: number): void {
    this.memo.set(i, this.top())
  }

  /** Stores the top value under the next index (MEMOIZE). */
  memoize(): void {
    this.memo.set(this.memo.size, this.top())
  }

  /** Pushes the value stored under `i` (GET, BINGET, LONG_BINGET). */
  memoGet(i: number): void {
    const v = this.memo.get(i)
    if (v === undefined) throw corrupt(this.at(), `a back-reference to value ${i}, which was never stored`)
    this.push(v)
  }
}
