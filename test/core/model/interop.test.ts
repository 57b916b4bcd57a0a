/**
 * Python interop: NumPy loads the exported .npz and the .safetensors model file (header parsed by
 * hand with json + numpy.frombuffer), runs the forward pass itself, and must predict what
 * predictProbabilities predicts. The README's NumPy lines, run as they are written on an .npz
 * alone, give the model's probabilities and answers too. Needs a python3 that can `import numpy`;
 * skipped without one, except on CI, where its absence is a failure.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Scaling } from '../../../src/core/data/scaling'
import { toFloat64 } from '../../../src/core/formats/ndarray'
import { readNpy, writeNpy } from '../../../src/core/formats/npy'
import { encodeModel } from '../../../src/core/model/modelFile'
import { exportNpz } from '../../../src/core/model/npzWeights'
import { SEED_DEFAULTS } from '../../../src/core/nn/hyperparameters'
import { createNetwork, initialise, type Architecture } from '../../../src/core/nn/network'
import { predictProbabilities } from '../../../src/core/training/evaluate'
import { Rng } from '../../../src/core/random/rng'

function findPython(): string | null {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(candidate, ['-c', 'import numpy'], { encoding: 'utf8' })
    if (r.status === 0) return candidate
  }
  return null
}

const python = findPython()
const onCI = Boolean(process.env.CI)

/** Reads dir/model.safetensors, dir/weights.npz and dir/x.npy; writes both predictions as .npy. */
const FORWARD_PY = String.raw`
import json, struct, sys
import numpy as np

d = sys.argv[1]
raw = open(d + '/model.safetensors', 'rb').read()
n = struct.unpack('<Q', raw[:8])[0]
header = json.loads(raw[8:8 + n])
meta = header.pop('__metadata__')
assert meta['format'] == 'nn-scratch-model', meta
arch = json.loads(meta['architecture'])
assert arch['activation'] == 'relu', arch
base = 8 + n

def tensor(name):
    h = header[name]
    assert h['dtype'] == 'F32', h
    begin, end = h['data_offsets']
    return np.frombuffer(raw[base + begin:base + end], dtype='<f4').reshape(h['shape'])

L = len(arch['hidden']) + 1
mean, std = tensor('scaling.mean'), tensor('scaling.std')
x = np.load(d + '/x.npy')
assert x.dtype == np.uint8 and x.shape[1] == arch['inputs'], (x.dtype, x.shape)

def forward(Ws, bs):  # W: [inputs, units] (NumPy orientation), b: [1, units] or [units]
    a = (x.astype(np.float64) / 255 - mean) / std
    for l in range(L):
        z = a @ Ws[l] + bs[l]
        if l < L - 1:
            a = np.maximum(z, 0)
        elif z.shape[1] == 1:
            a = 1 / (1 + np.exp(-z))
        else:
            e = np.exp(z - z.max(axis=1, keepdims=True))
            a = e / e.sum(axis=1, keepdims=True)
    return a

from_model = forward([tensor('layers.%d.weight' % l).T for l in range(L)],
                     [tensor('layers.%d.bias' % l) for l in range(L)])
w = np.load(d + '/weights.npz')
assert sorted(w.files) == sorted([k + str(l + 1) for l in range(L) for k in 'Wb'] + ['scaling_mean', 'scaling_std', 'activation', 'class_names']), w.files
assert w['scaling_mean'].dtype == np.float32 and np.array_equal(w['scaling_mean'], mean)
assert w['scaling_std'].dtype == np.float32 and np.array_equal(w['scaling_std'], std)
assert str(w['activation'][0]) == 'relu' and w['class_names'][0] == 'class 0'
for l in range(L):
    assert w['W%d' % (l + 1)].dtype == np.float32
    assert np.array_equal(w['W%d' % (l + 1)], tensor('layers.%d.weight' % l).T)
    assert w['b%d' % (l + 1)].shape == (1, tensor('layers.%d.bias' % l).shape[0])
from_npz = forward([w['W%d' % (l + 1)] for l in range(L)], [w['b%d' % (l + 1)] for l in range(L)])
np.save(d + '/p_model.npy', from_model)
np.save(d + '/p_npz.npy', from_npz)
`

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

function compareWithNumpy(arch: Architecture, rows: number, seed: number): void {
  if (!python) {
    throw new Error('CI must install python3-numpy: no python3 on this machine can `import numpy`, so the NumPy interop test cannot run.')
  }
  const rng = new Rng(seed)
  const net = createNetwork(arch)
  initialise(net, 'he', seed)
  for (const layer of net.layers) for (let i = 0; i < layer.b.length; i++) layer.b[i] = rng.uniform() - 0.5
  const scaling: Scaling = {
    mode: 'standardise',
    mean: new Float32Array(arch.inputs).map(() => 0.3 + 0.4 * rng.uniform()),
    std: new Float32Array(arch.inputs).map(() => 0.1 + 0.3 * rng.uniform())
  }
  const x = new Uint8Array(rows * arch.inputs).map(() => Math.floor(rng.uniform() * 256))
  const model = {
    network: net, scaling, classNames: Array.from({ length: arch.classes }, (_, i) => `class ${i}`),
    hyperparameters: { ...SEED_DEFAULTS, hidden: arch.hidden, scaling: 'standardise' as const, seed },
    history: [], appVersion: '0.1.0'
  }

  const dir = mkdtempSync(join(tmpdir(), 'nn-scratch-interop-'))
  dirs.push(dir)
  writeFileSync(join(dir, 'model.safetensors'), encodeModel(model))
  writeFileSync(join(dir, 'weights.npz'), exportNpz(model))
  writeFileSync(join(dir, 'x.npy'), writeNpy({ dtype: '|u1', shape: [rows, arch.inputs], data: x }))
  const r = spawnSync(python, ['-c', FORWARD_PY, dir], { encoding: 'utf8' })
  expect(r.status, `NumPy failed:\n${r.stderr}`).toBe(0)

  const expected = predictProbabilities(net, scaling, x, rows)
  const units = arch.classes === 2 ? 1 : arch.classes
  for (const file of ['p_model.npy', 'p_npz.npy']) {
    const p = readNpy(new Uint8Array(readFileSync(join(dir, file))))
    expect(p.shape).toEqual([rows, units])
    const got = toFloat64(p)
    let worst = 0
    for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - expected[i]))
    expect(worst).toBeLessThan(1e-5)
  }
}

describe.skipIf(!python && !onCI)('NumPy reproduces NN Scratch predictions', () => {
  it('two classes: 3072 inputs, 15 ReLU hidden units, one sigmoid output', () => {
    compareWithNumpy({ inputs: 3072, hidden: [15], activation: 'relu', classes: 2 }, 64, 11)
  })

  it('four classes: two ReLU hidden layers and a softmax output', () => {
    compareWithNumpy({ inputs: 300, hidden: [20, 8], activation: 'relu', classes: 4 }, 50, 12)
  })
})

/** The README's NumPy lines, as written there (the fenced python block after the readme-numpy marker). */
function readmeNumpyLines(): string {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
  const at = readme.indexOf('<!-- readme-numpy:')
  expect(at, 'README.md has the readme-numpy marker before its NumPy lines').toBeGreaterThan(0)
  const block = /```python\n([\s\S]*?)\n *```/.exec(readme.slice(at))
  if (!block) throw new Error('README.md has no python block after the readme-numpy marker')
  return block[1].split('\n').map((line) => line.replace(/^ {2}/, '')).join('\n')
}

/** Exports a model as cats.npz, runs the README's lines on `rows` random pictures, and compares with the app. */
function readmeAgrees(arch: Architecture, rows: number, seed: number): void {
  if (!python) throw new Error('CI must install python3-numpy: the README\'s NumPy lines cannot be checked without it.')
  const rng = new Rng(seed)
  const net = createNetwork(arch)
  initialise(net, 'he', seed)
  for (const layer of net.layers) for (let i = 0; i < layer.b.length; i++) layer.b[i] = rng.uniform() - 0.5
  const scaling: Scaling = {
    mode: 'standardise',
    mean: new Float32Array(arch.inputs).map(() => 0.3 + 0.4 * rng.uniform()),
    std: new Float32Array(arch.inputs).map(() => 0.1 + 0.3 * rng.uniform())
  }
  const classNames = Array.from({ length: arch.classes }, (_, i) => `kind ${i}`)
  const x = new Uint8Array(rows * arch.inputs).map(() => Math.floor(rng.uniform() * 256))
  const dir = mkdtempSync(join(tmpdir(), 'nn-scratch-readme-'))
  dirs.push(dir)
  writeFileSync(join(dir, 'cats.npz'), exportNpz({ network: net, scaling, classNames }))
  writeFileSync(join(dir, 'x.npy'), writeNpy({ dtype: '|u1', shape: [rows, arch.inputs], data: x }))
  const script = 'import numpy as np\npixels = np.load("x.npy")\n' + readmeNumpyLines() +
    '\nnp.save("p.npy", np.asarray(p, dtype=np.float64))\nnp.save("answer.npy", np.asarray(answer, dtype=np.int64))' +
    '\nprint("\\n".join(str(n) for n in names))\n'
  const r = spawnSync(python, ['-c', script], { cwd: dir, encoding: 'utf8' })
  expect(r.status, `the README's NumPy lines failed:\n${r.stderr}`).toBe(0)

  const expected = predictProbabilities(net, scaling, x, rows)
  const units = arch.classes === 2 ? 1 : arch.classes
  const p = readNpy(new Uint8Array(readFileSync(join(dir, 'p.npy'))))
  expect(p.shape).toEqual([rows, units])
  const got = toFloat64(p)
  let worst = 0
  for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - expected[i]))
  expect(worst).toBeLessThan(1e-5)
  const answers = Array.from(toFloat64(readNpy(new Uint8Array(readFileSync(join(dir, 'answer.npy'))))))
  const appAnswers = Array.from({ length: rows }, (_, r) => {
    if (units === 1) return expected[r] > 0.5 ? 1 : 0
    let best = 0
    for (let c = 1; c < units; c++) if (expected[r * units + c] > expected[r * units + best]) best = c
    return best
  })
  expect(answers).toEqual(appAnswers)
  expect(new Set(appAnswers).size, 'the pictures get more than one answer, so the comparison means something').toBeGreaterThan(1)
  expect(r.stdout.trim().split('\n')).toEqual(appAnswers.map((c) => classNames[c]))
}

describe.skipIf(!python && !onCI)('the README\'s NumPy lines give the model\'s answers from the .npz alone', () => {
  it('two classes, ReLU, 3072 inputs, the pixels scaled by the exported scaling_mean and scaling_std', () => {
    readmeAgrees({ inputs: 3072, hidden: [15], activation: 'relu', classes: 2 }, 64, 21)
  })

  it('three classes with tanh, and four with leaky ReLU and sigmoid layers', () => {
    readmeAgrees({ inputs: 300, hidden: [12], activation: 'tanh', classes: 3 }, 60, 22)
    readmeAgrees({ inputs: 200, hidden: [10, 6], activation: 'leaky-relu', classes: 4 }, 60, 23)
    readmeAgrees({ inputs: 200, hidden: [8], activation: 'sigmoid', classes: 4 }, 60, 24)
  })
})
