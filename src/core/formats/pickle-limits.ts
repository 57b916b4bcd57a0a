/**
 * The resource limits of reading one pickle (pickle-machine.ts), so that its time and memory stay
 * linear in the file: at most MAX_OBJECTS objects made (counted by the opcodes that make one,
 * MAKES_OBJECT), and calls that copy values (set(list), text to bytes) share a budget of
 * COPY_BUDGET_PER_BYTE values per file byte, plus COPY_BUDGET_EXTRA. Past either, the file is
 * refused in plain words.
 */
import { UserError } from '../errors'

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
export const MAKES_OBJECT = new Uint8Array(256)
for (const c of '(STUBC]l)t}dicoR') MAKES_OBJECT[c.charCodeAt(0)] = 1
for (const op of [0x8e, 0x96, 0x85, 0x86, 0x87, 0x8f, 0x91, 0x93, 0x81, 0x92]) MAKES_OBJECT[op] = 1

export class PickleLimits {
  private readonly copyBudget: number
  private copied = 0
  private objects = 0

  /** `fileBytes`: the length of the pickle being read. */
  constructor(private readonly fileBytes: number) {
    this.copyBudget = COPY_BUDGET_PER_BYTE * fileBytes + COPY_BUDGET_EXTRA
  }

  /** Accounts for one more object made (an opcode marked in MAKES_OBJECT). */
  made(): void {
    if (++this.objects > MAX_OBJECTS) {
      throw new UserError(
        'unsupported-pickle',
        `This file holds more than ${MAX_OBJECTS} separate Python values (lists, tuples, dicts, texts as bytes), far ` +
          'more than a dataset has, so NN Scratch stops reading it. Save the pictures and the labels as numpy ' +
          'arrays, for example with numpy.savez.'
      )
    }
  }

  /** Accounts for a call copying `n` values or characters (CallContext.spend). */
  spend(n: number): void {
    this.copied += n
    if (this.copied <= this.copyBudget) return
    throw new UserError(
      'unsupported-pickle',
      `This file builds the same values again and again (it asks for more than ${this.copyBudget} values ` +
        `to be copied, from a file of ${this.fileBytes} bytes), which no dataset does, so NN Scratch ` +
        'stops reading it. Save the data again as plain numbers, lists, dicts and numpy arrays.'
    )
  }
}
