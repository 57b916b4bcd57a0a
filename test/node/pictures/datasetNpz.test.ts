import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../../src/core/data/dataset'
import { loadDataset } from '../../../src/core/data/load'
import { UserError } from '../../../src/core/errors'
import { textNpyInput } from '../../../src/core/formats/npy'
import { writeNpz } from '../../../src/core/formats/npz'
import { readZipDirectory } from '../../../src/core/formats/zip'
import { datasetNpzBytes, writeDatasetNpz } from '../../../src/node/pictures/datasetNpz'
import { folderSource, importPictures } from '../../../src/node/pictures/importFolder'
import { readSource } from '../../../src/node/readSource'
import * as F from '../../support/pictureFixtures'

async function imported(): Promise<Dataset> {
  const files: Record<string, Uint8Array> = {}
  for (let i = 0; i < 6; i++) {
    files[`Katzen/k${i}.png`] = await F.pngRgb(F.knownPicture(40 + i, 30))
    files[`dogs/d${i}.jpg`] = await F.jpegPhoto(F.knownPicture(30, 40 + i))
    files[`älg/a${i}.png`] = await F.pngRgb(F.greyPicture(32 + i, 32))
  }
  return (await importPictures(await folderSource(await F.makePictureFolder(files)), { resize: 'pad' })).dataset
}

const hasNumpy = spawnSync('python3', ['-c', 'import numpy']).status === 0

describe('writeDatasetNpz', () => {
  it('NN Scratch reads it back: the same pixels, labels, class names and resize mode', async () => {
    const dataset = await imported()
    const path = join(await mkdtemp(join(tmpdir(), 'nn-npz-')), 'mine.npz')
    await writeDatasetNpz(path, dataset)
    const back = loadDataset(await readSource(path))
    expect(back.classNames).toEqual(['dogs', 'Katzen', 'älg'])
    expect(back.classNames).toEqual(dataset.classNames)
    expect(back.resize).toBe('pad')
    expect(back.testWasSplitOff).toBe(false)
    expect(back.train.x).toEqual(dataset.train.x)
    expect(back.train.y).toEqual(dataset.train.y)
    expect(back.test.x).toEqual(dataset.test.x)
    expect(back.test.y).toEqual(dataset.test.y)
  })

  it('is stored, not compressed, so it reopens at once; a dataset file without a resize mode has none', async () => {
    const dataset = await imported()
    const bytes = datasetNpzBytes(dataset)
    const members = readZipDirectory(bytes)
    expect(members.map((m) => m.name).sort()).toEqual(['class_names.npy', 'resize.npy', 'x_test.npy', 'x_train.npy', 'y_test.npy', 'y_train.npy'])
    expect(members.every((m) => m.method === 0)).toBe(true)
    const { resize: _, ...plain } = dataset
    const again = loadDataset({ kind: 'file', name: 'plain.npz', bytes: datasetNpzBytes(plain) })
    expect(again.resize).toBeUndefined()
    expect(again.classNames).toEqual(dataset.classNames)
  })

  it('is laid out byte for byte as core writeNpz (fflate) lays it out, without copying the pictures', async () => {
    const dataset = await imported()
    const viaFflate = writeNpz({
      x_train: { dtype: '|u1', shape: [dataset.train.count, 3072], data: dataset.train.x },
      y_train: { dtype: '|u1', shape: [dataset.train.count], data: dataset.train.y },
      x_test: { dtype: '|u1', shape: [dataset.test.count, 3072], data: dataset.test.x },
      y_test: { dtype: '|u1', shape: [dataset.test.count], data: dataset.test.y },
      class_names: textNpyInput(dataset.classNames),
      resize: textNpyInput(['pad'])
    })
    expect(datasetNpzBytes(dataset)).toEqual(viaFflate)
  })

  it('a folder that does not exist is a plain UserError, and nothing is left behind', async () => {
    const dataset = await imported()
    const e = await writeDatasetNpz('/no/such/folder/mine.npz', dataset).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(UserError)
    expect((e as UserError).code).toBe('folder-missing')
  })

  it.skipIf(!hasNumpy)('NumPy opens it without pickles and sees the same arrays', async () => {
    const dataset = await imported()
    const path = join(await mkdtemp(join(tmpdir(), 'nn-npz-')), 'mine.npz')
    await writeDatasetNpz(path, dataset)
    const script = [
      'import json, sys, numpy as np',
      'd = np.load(sys.argv[1], allow_pickle=False)',
      'out = {k: {"dtype": str(d[k].dtype), "shape": list(d[k].shape)} for k in d.files}',
      'out["class_names"]["values"] = [str(s) for s in d["class_names"]]',
      'out["resize"]["values"] = [str(s) for s in d["resize"]]',
      'out["x_train"]["sum"] = int(d["x_train"].astype(np.int64).sum())',
      'out["x_test"]["first"] = d["x_test"][0, :5].tolist()',
      'out["y_train"]["values"] = d["y_train"].tolist()',
      'print(json.dumps(out))'
    ].join('\n')
    const seen = JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' })) as Record<string, { dtype: string; shape: number[]; values?: unknown[]; sum?: number; first?: number[] }>
    expect(seen.x_train).toMatchObject({ dtype: 'uint8', shape: [dataset.train.count, 3072] })
    expect(seen.x_test.shape).toEqual([dataset.test.count, 3072])
    expect(seen.y_train).toMatchObject({ dtype: 'uint8', shape: [dataset.train.count], values: Array.from(dataset.train.y) })
    expect(seen.class_names.values).toEqual(['dogs', 'Katzen', 'älg'])
    expect(seen.class_names.dtype).toBe('<U6')
    expect(seen.resize.values).toEqual(['pad'])
    expect(seen.x_train.sum).toBe(dataset.train.x.reduce((a, b) => a + b, 0))
    expect(seen.x_test.first).toEqual(Array.from(dataset.test.x.subarray(0, 5)))
    expect((await readFile(path)).length).toBeGreaterThan(dataset.train.x.length)
  })
})
