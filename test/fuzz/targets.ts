/**
 * What the fuzz test mutates, per format, and the entry point each mutant goes through:
 *   datasets: loadDataset (src/core/data/load.ts) with a file source (the mutant under a file
 *             name a user would have) or a folder source (a seed folder with one member mutated)
 *   models:   decodeModel (src/core/model/modelFile.ts), what opening a .safetensors model runs
 * Containers are mutated at every layer: the raw bytes, the archive after unpacking (then packed
 * again, tar checksums fixed), one member inside (then packed again), a zip's directory rewritten
 * (zipSurgery.ts), and a .tar.gz gzipped once more.
 * Seeds are the small files in test/fixtures/fuzz/seeds (make_seeds.py) and two models built here.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gunzipSync, gzipSync, unzipSync, zipSync } from 'fflate'
import { encodeModel } from '../../src/core/model/modelFile'
import { SEED_DEFAULTS } from '../../src/core/nn/hyperparameters'
import { createNetwork, initialise, type Architecture } from '../../src/core/nn/network'
import { readTar } from '../../src/core/formats/tar'
import { makeTar } from '../helpers/archives'
import { pickleAnatomy } from './anatomyPickle'
import {
  cifarBinaryAnatomy, fixTarChecksums, gzipAnatomy, npyAnatomy, safetensorsAnatomy, tarAnatomy, zipAnatomy
} from './anatomyFormats'
import { mutate, NO_ANATOMY, type Anatomy, type Mutant } from './mutate'
import { zipSurgery } from './zipSurgery'
import type { Prng } from './prng'

export const SEED_DIR = resolve(import.meta.dirname, '../fixtures/fuzz/seeds')

export type FolderBase = 'cifar-py' | 'cifar-bin' | 'npy'

export type Entry =
  | { readonly kind: 'file'; readonly name: string }
  | { readonly kind: 'folder'; readonly base: FolderBase; readonly member: string }
  | { readonly kind: 'model' }

export interface Case {
  readonly format: string
  readonly entry: Entry
  readonly bytes: Uint8Array
  readonly steps: readonly string[]
}

export interface Format {
  readonly name: string
  make(rng: Prng): Case
}

const seed = (path: string): Uint8Array => new Uint8Array(readFileSync(join(SEED_DIR, path)))

const folders = new Map<FolderBase, ReadonlyArray<{ name: string; bytes: Uint8Array }>>()

/** A seed folder's files, in name order, as a folder source holds them (read once). */
export function seedFolder(base: FolderBase): ReadonlyArray<{ name: string; bytes: Uint8Array }> {
  let files = folders.get(base)
  if (!files) {
    files = readdirSync(join(SEED_DIR, base)).sort().map((name) => ({ name, bytes: seed(join(base, name)) }))
    folders.set(base, files)
  }
  return files
}

/** The anatomy of a dataset member by its name and first bytes. */
function memberAnatomy(name: string, b: Uint8Array): Anatomy {
  if (b[0] === 0x80 || (b[0] === 0x28 && b[b.length - 1] === 0x2e)) return pickleAnatomy(b) // protocol 2+, or 0
  if (b[0] === 0x93 && b[1] === 0x4e) return npyAnatomy(b)
  if (/\.bin$/.test(name)) return cifarBinaryAnatomy(b, 3073)
  return NO_ANATOMY
}

function fileFormat(name: string, seedPath: string, userName: string): Format {
  const b = seed(seedPath)
  const anatomy = memberAnatomy(seedPath, b)
  return {
    name,
    make: (rng) => ({ format: name, entry: { kind: 'file', name: userName }, ...mutate(rng, b, anatomy) })
  }
}

/** One member of a seed folder mutated. */
function folderCase(format: string, rng: Prng, base: FolderBase): Case {
  const files = seedFolder(base)
  const f = rng.pick(files)
  return { format, entry: { kind: 'folder', base, member: f.name }, ...mutate(rng, f.bytes, memberAnatomy(f.name, f.bytes)) }
}

function cifarFormat(name: string, base: FolderBase, file: string): Format {
  const single = fileFormat(name, join(base, file), file)
  return { name, make: (rng) => (rng.chance(0.5) ? single.make(rng) : folderCase(name, rng, base)) }
}

function npyFormat(): Format {
  const lone = fileFormat('npy', 'npy/x_train.npy', 'x_train.npy')
  return { name: 'npy', make: (rng) => (rng.chance(0.1) ? lone.make(rng) : folderCase('npy', rng, 'npy')) }
}

/** Raw zip bytes mutated, its directory rewritten (zipSurgery), or one .npy member mutated and the archive written again (fflate). */
function npzFormat(name: string, seedPath: string, level: 0 | 6): Format {
  const b = seed(seedPath)
  const anatomy = zipAnatomy(b)
  const members = unzipSync(b)
  const names = Object.keys(members).sort()
  return {
    name,
    make: (rng) => {
      const entry = { kind: 'file', name: 'data.npz' } as const
      const mode = rng.int(100)
      if (mode < 55) return { format: name, entry, ...mutate(rng, b, anatomy) }
      if (mode < 65) return { format: name, entry, ...zipSurgery(rng, b) }
      const member = rng.pick(names)
      const m = mutate(rng, members[member], npyAnatomy(members[member]))
      const bytes = zipSync({ ...members, [member]: [m.bytes, { level }] }, { level, mtime: new Date(1980, 0, 1, 12) })
      return { format: name, entry, bytes, steps: [`in member ${member}:`, ...m.steps, 'then zipped again'] }
    }
  }
}

/** A CIFAR .tar.gz: the gzip bytes, the tar inside (then packed again), or one member (then packed again). */
function tarGzFormat(): Format {
  const seeds = ['cifar-10-python.tar.gz', 'cifar-10-binary.tar.gz'].map((path) => {
    const gz = seed(path)
    const tar = gunzipSync(gz)
    return {
      path, gz, tar, gzAnatomy: gzipAnatomy(gz), tarAnatomy: tarAnatomy(tar),
      members: readTar(tar).map((f) => ({ name: f.name, bytes: f.bytes.slice() }))
    }
  })
  return {
    name: 'tar-gz',
    make: (rng) => {
      const s = rng.pick(seeds)
      const entry = { kind: 'file', name: s.path } as const
      const mode = rng.int(100)
      if (mode < 25) return { format: 'tar-gz', entry, ...mutate(rng, s.gz, s.gzAnatomy) }
      if (mode < 30) { // gzip inside gzip, the inner one mutated
        const m = mutate(rng, s.gz, s.gzAnatomy)
        return { format: 'tar-gz', entry, bytes: gzipSync(m.bytes, { level: 1, mtime: 0 }), steps: [...m.steps, 'then gzipped again'] }
      }
      let inner: Mutant
      if (mode < 65) {
        const m = mutate(rng, s.tar, s.tarAnatomy)
        const bytes = m.bytes === s.tar ? s.tar.slice() : m.bytes
        const fix = rng.chance(0.75)
        if (fix) fixTarChecksums(bytes)
        inner = { bytes, steps: ['in the tar:', ...m.steps, fix ? 'checksums fixed' : 'checksums left'] }
      } else {
        const i = rng.int(s.members.length)
        const f = s.members[i]
        const m = mutate(rng, f.bytes, memberAnatomy(f.name, f.bytes))
        const files = s.members.map((g, k) => ({ name: g.name, bytes: k === i ? m.bytes : g.bytes }))
        inner = { bytes: makeTar(files), steps: [`in member ${f.name}:`, ...m.steps, 'then tarred again'] }
      }
      return { format: 'tar-gz', entry, bytes: gzipSync(inner.bytes, { level: 1, mtime: 0 }), steps: [...inner.steps, 'then gzipped'] }
    }
  }
}

/** A small model file as NN Scratch saves it. */
export function modelSeed(arch: Architecture, classNames: string[]): Uint8Array {
  const network = createNetwork(arch)
  initialise(network, 'he', 3)
  const mean = new Float32Array(arch.inputs).fill(0.5)
  const std = new Float32Array(arch.inputs).fill(0.25)
  return encodeModel({
    network,
    scaling: { mode: 'standardise', mean, std },
    classNames,
    hyperparameters: { ...SEED_DEFAULTS, hidden: arch.hidden, scaling: 'standardise' },
    history: [{ epoch: 1, trainLoss: 0.69, trainAccuracy: 0.5, testLoss: 0.7, testAccuracy: 0.5, seconds: 1 }],
    appVersion: '0.1.0'
  })
}

function safetensorsFormat(): Format {
  const seeds = [
    modelSeed({ inputs: 12, hidden: [5, 3], activation: 'tanh', classes: 4 }, ['a', 'b', 'c', 'd']),
    modelSeed({ inputs: 3072, hidden: [2], activation: 'relu', classes: 2 }, ['cat', 'dog'])
  ].map((b) => ({ b, anatomy: safetensorsAnatomy(b) }))
  return {
    name: 'safetensors',
    make: (rng) => {
      const s = rng.pick(seeds)
      return { format: 'safetensors', entry: { kind: 'model' }, ...mutate(rng, s.b, s.anatomy) }
    }
  }
}

/** Every fuzzed format, by name. */
export function formats(): Format[] {
  return [
    fileFormat('pickle-py2', 'py2_2class.p', 'cifar_2class_py2.p'),
    fileFormat('pickle-py2-p0', 'py2_p0_2class.p', 'cifar_2class_py2_p0.p'),
    fileFormat('pickle-p2', 'p2_2class.p', 'data_p2.p'),
    fileFormat('pickle-p3', 'p3_xy.p', 'data_p3.pkl'),
    fileFormat('pickle-p4', 'p4_list_labels.p', 'data_p4.pkl'),
    fileFormat('pickle-p5', 'p5_pairs.p', 'data_p5.pkl'),
    cifarFormat('cifar-python', 'cifar-py', 'data_batch_1'),
    cifarFormat('cifar-binary', 'cifar-bin', 'data_batch_1.bin'),
    npyFormat(),
    npzFormat('npz-stored', 'xy_stored.npz', 0),
    npzFormat('npz-deflated', 'hwc_deflated.npz', 6),
    tarGzFormat(),
    safetensorsFormat()
  ]
}
