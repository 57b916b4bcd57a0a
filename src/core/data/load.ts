/**
 * loadDataset: the user's file or folder (read into memory by the edge) to a validated Dataset.
 * A file's format is found from its bytes: gzip 1f 8b, tar "ustar" at 257, zip "PK\3\4" (.npz),
 * "\x93NUMPY" (.npy), a pickle opcode first (0x80 PROTO, or "(", "}", "]", "c" for protocol 0/1),
 * or CIFAR binary (a whole number of 3073-byte records whose first bytes are labels 0..9).
 * A folder's (or archive's) files are recognised by name: CIFAR batches, .npy arrays, or one file.
 */
import { UserError } from '../errors'
import {
  CIFAR10_RECORD, cifarBinaryBatch, cifarParts, cifarRole, defaultNames, looksLikeCifarBinary, recordSize
} from './cifar'
import { gunzip, isGzip, isTar, readTar } from '../formats/tar'
import { shownNames } from '../formats/shown'
import { assembleDataset, type DatasetParts } from './assemble'
import type { Dataset } from './dataset'
import { NAMED_ARRAY_HINT } from './namedArrays'
import { loneNpyError, npyFolderParts, npzParts } from './numpyDataset'
import { pickleParts } from './pickleDataset'
import { selectClasses } from './selectClasses'
import { baseName, isIgnorableFile, type DataSource, type Room, type SourceFile } from './source'

export { describeDataset, type DatasetSummary } from './describe'

export interface LoadOptions {
  /** Two or more class numbers to keep (remapped to 0, 1, … in this order), or 'all' (default). */
  readonly classes?: readonly number[] | 'all'
  /** Share of each class set aside for testing when the source has no test split (default 0.2). */
  readonly testFraction?: number
  /** Seed of that split (default 0). */
  readonly seed?: number
  /** where arrays made while reading (unpacked, joined) are written, to stay: the engine's memory (source.ts Room). */
  readonly room?: Room
  /**
   * The source's bytes were read for this dataset alone, so a test split set aside is made where
   * the pixels lie (only the test rows copied, into `room`) rather than in copies of both splits.
   */
  readonly sourceIsOwn?: boolean
}

export const ACCEPTED_FORMATS =
  'NN Scratch can open: a Python pickle (.p, .pkl) like cifar_2class_py2.p, holding ' + NAMED_ARRAY_HINT + '; ' +
  'CIFAR-10 in its python or binary layout (one batch file, the folder, or cifar-10-python.tar.gz / ' +
  'cifar-10-binary.tar.gz); or a NumPy .npz with x_train, y_train, x_test and y_test.'

function bytesAt(b: Uint8Array, at: number, text: string): boolean {
  if (b.length < at + text.length) return false
  for (let i = 0; i < text.length; i++) if (b[at + i] !== text.charCodeAt(i)) return false
  return true
}

/**
 * A pickle starts with PROTO (0x80, protocol 2+); protocol 0/1 files start with MARK "(",
 * EMPTY_DICT "}", EMPTY_LIST "]" or GLOBAL "c<module>\n" and end with STOP ".". Text files such as
 * CSV ("cat,dog…") fail one of those and are reported as text, not as damaged pickles.
 */
function looksLikePickle(b: Uint8Array): boolean {
  if (b.length === 0) return false
  if (b[0] === 0x80) return true
  if (b[b.length - 1] !== 0x2e) return false
  if (b[0] === 0x28 || b[0] === 0x7d || b[0] === 0x5d) return true
  if (b[0] !== 0x63) return false
  for (let i = 1; i < Math.min(b.length, 256); i++) {
    const c = b[i]
    if (c === 0x0a) return i > 1
    const ok = c === 0x2e || c === 0x5f || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
    if (!ok) return false
  }
  return false
}

function notADataset(fileName: string, what: string): UserError {
  return new UserError('not-a-dataset', `${fileName} ${what}. ${ACCEPTED_FORMATS}`)
}

/** A hint for common files that are not datasets. */
function whatItIs(b: Uint8Array): string {
  if (bytesAt(b, 0, '\x89PNG') || bytesAt(b, 0, '\xff\xd8\xff') || bytesAt(b, 0, 'GIF8')) {
    return 'is a single picture, not a dataset of labelled pictures'
  }
  if (bytesAt(b, 0, '%PDF')) return 'is a PDF document, not a dataset'
  let printable = 0
  const n = Math.min(b.length, 512)
  for (let i = 0; i < n; i++) if (b[i] === 9 || b[i] === 10 || b[i] === 13 || (b[i] >= 32 && b[i] < 127)) printable++
  if (printable === n) return 'is a text file, not a dataset file NN Scratch knows'
  return 'is not a dataset file NN Scratch knows'
}

/** At least one whole record and every 3073rd byte a label 0..9, but the last record cut short. */
function looksLikeCutCifarBinary(b: Uint8Array): boolean {
  if (b.length < CIFAR10_RECORD) return false
  for (let at = 0; at < b.length; at += CIFAR10_RECORD) if (b[at] > 9) return false
  return true
}

/**
 * Archive layers unpacked on the way to a file: a .tar.gz is two (gzip, then tar). A gzip inside
 * anything already unpacked from a gzip is refused (no dataset is packed twice, and each layer
 * could multiply the memory again), and at most MAX_ARCHIVE_LAYERS layers are opened in all.
 */
interface Layers {
  readonly count: number
  readonly gunzipped: boolean
}

const NO_LAYERS: Layers = { count: 0, gunzipped: false }
/** gzip + tar, and one more tar (a .tar packed into a .tar.gz). */
export const MAX_ARCHIVE_LAYERS = 3

function nextLayer(fileName: string, layers: Layers, gzip: boolean): Layers {
  if (gzip && layers.gunzipped) {
    throw new UserError(
      'nested-archive',
      `${fileName} is a gzip archive inside another gzip archive. No dataset is packed twice, so NN Scratch ` +
        'does not unpack it: unpack the outer archive yourself and open the dataset file inside it.'
    )
  }
  if (layers.count >= MAX_ARCHIVE_LAYERS) {
    throw new UserError(
      'nested-archive',
      `${fileName} is an archive inside archives ${MAX_ARCHIVE_LAYERS} deep, more than any dataset needs. ` +
        'Unpack it yourself and open the dataset file or folder inside it.'
    )
  }
  return { count: layers.count + 1, gunzipped: layers.gunzipped || gzip }
}

/** A single file's bytes to parts; `layers` are the archives it was unpacked from. */
function fileParts(fileName: string, bytes: Uint8Array, room: Room | undefined, layers: Layers = NO_LAYERS): DatasetParts {
  if (bytes.length === 0) {
    throw new UserError(
      'empty',
      `The file is empty (0 bytes): ${fileName}. It was probably not saved or downloaded completely; ` +
        'save or download it again.'
    )
  }
  if (isGzip(bytes)) {
    const inside = nextLayer(fileName, layers, true)
    // a packed file (cifar_2class_py2.p.gz) unpacks into room, where its pixels stay; an archive
    // (.tar.gz) into memory of its own, its batches joined in room afterwards
    const inner = gunzip(bytes, /\.(tar\.gz|tgz)$/i.test(fileName) ? undefined : room)
    if (isTar(inner)) return folderParts(fileName, readTar(inner), room, nextLayer(fileName, inside, false))
    return fileParts(fileName.replace(/\.gz$/i, ''), inner, room, inside)
  }
  if (isTar(bytes)) return folderParts(fileName, readTar(bytes), room, nextLayer(fileName, layers, false))
  if (bytesAt(bytes, 0, 'PK\x03\x04') || bytesAt(bytes, 0, 'PK\x05\x06')) return npzParts(bytes, fileName, room)
  if (bytesAt(bytes, 0, '\x93NUMPY')) throw loneNpyError(bytes, fileName)
  if (looksLikePickle(bytes)) return pickleParts(bytes, fileName)
  const role = cifarRole(fileName)
  if (role === 'meta') {
    throw new UserError(
      'not-a-dataset',
      `${fileName} is CIFAR's list of class names, not pictures. Open the whole CIFAR folder, the .tar.gz ` +
        'archive, or one of the data_batch files instead.'
    )
  }
  if (looksLikeCifarBinary(bytes) || role !== null || (/\.bin$/i.test(fileName) && looksLikeCutCifarBinary(bytes))) {
    const batch = cifarBinaryBatch(bytes, fileName, role ? recordSize(fileName) : undefined)
    const isTest = role === 'test'
    return {
      name: fileName,
      train: isTest ? null : batch,
      test: isTest ? batch : null,
      classNames: recordSize(fileName) === 3073 ? defaultNames(batch) : null
    }
  }
  throw notADataset(fileName, whatItIs(bytes))
}

/** A short list of file names for a message. */
function describeFiles(files: readonly SourceFile[]): string {
  return shownNames(files.map((f) => f.name), 5)
}

/** A folder's or archive's files to parts: CIFAR batches, .npy arrays, or its one dataset file. */
function folderParts(name: string, all: readonly SourceFile[], room: Room | undefined, layers: Layers = NO_LAYERS): DatasetParts {
  const files = all.filter((f) => !isIgnorableFile(f.name))
  const cifar = cifarParts(files, name, room)
  if (cifar) return cifar
  const npy = npyFolderParts(files, name)
  if (npy) return npy
  if (files.length === 1) return fileParts(baseName(files[0].name), files[0].bytes, room, layers)
  if (files.length === 0) {
    throw new UserError('not-a-dataset', `${name} has no files NN Scratch can read. ${ACCEPTED_FORMATS}`)
  }
  throw new UserError(
    'not-a-dataset',
    `${name} holds several files (${describeFiles(files)}) and NN Scratch cannot tell which is the dataset. ` +
      `Open the dataset file itself. ${ACCEPTED_FORMATS}`
  )
}

/**
 * Read, validate and assemble a dataset. A source without a test split gets a seeded stratified
 * one; `classes` keeps some classes (default: all). Throws UserError with a plain message.
 */
export function loadDataset(source: DataSource, options: LoadOptions = {}): Dataset {
  const { room } = options
  const parts = source.kind === 'file' ? fileParts(source.name, source.bytes, room) : folderParts(source.name, source.files, room)
  const ds = assembleDataset(parts, {
    testFraction: options.testFraction, seed: options.seed, ...(room && options.sourceIsOwn ? { splitInPlace: room } : {})
  })
  return selectClasses(ds, options.classes ?? 'all')
}
