/**
 * `predict <model> <picture|folder>`: the network's answer for each picture, every picture made
 * 32×32 by pictureTo32 with the MODEL's resize mode (the one path of docs/pictures.md). Pictures
 * inside folders named after the model's classes (cats/tom.jpg) are also scored: mistakes first,
 * then the accuracy and the confusion matrix. A file that is not a picture gets a plain line on
 * stderr and the rest go on; exit code 0 when any picture was answered, 2 when none was.
 */
import { stat } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { PICTURE_INPUTS } from '../../core/data/picture'
import { UserError, isUserError } from '../../core/errors'
import type { SavedModel } from '../../core/model/model'
import { confusionMatrix } from '../../core/nn/confusion'
import { Evaluator } from '../../core/training/evaluate'
import { classFromPath } from '../../core/pictures/classFromPath'
import { fileSkipReason, pathParts } from '../../core/pictures/pictureFiles'
import { DEFAULT_RESIZE } from '../../core/pictures/types'
import { defaultConcurrency, PictureError } from '../../node/pictures/decode'
import { listFolder } from '../../node/pictures/listFolder'
import { pictureTo32 } from '../../node/pictures/picture32'
import { parseArgs, UsageError, type OptionSpec } from '../args'
import type { CommandHelp } from '../help'
import type { CliIo } from '../io'
import { readModel } from '../models'
import { ProgressBar } from '../progress'
import { accuracyLines, answerJson, answerLine, summaryJson, type Answer } from '../predictReport'

const OPTIONS: Record<string, OptionSpec> = {
  top: { kind: 'integer', value: '<count>', help: 'show this many of the most likely classes of each picture (default: 1; with --json: all)' },
  json: { kind: 'boolean', help: 'one JSON line per picture: {"file", "class", "probabilities": {"<class name>": p, ...}}' }
}

export const predictHelp: CommandHelp = {
  usage: 'predict <model.safetensors> <picture|folder> [options]',
  summary: 'Ask a trained network about new pictures: its answer for each, and how sure it is.',
  details:
    'Each picture (JPEG, PNG, WebP, GIF, BMP, TIFF, AVIF, any size) is made 32×32 the way the model\'s\n' +
    'training pictures were (its resize mode; crop for a model trained on a dataset file), then answered:\n' +
    '  cat.jpg: cat (92 %)\n' +
    'A folder\'s pictures are all answered. Pictures in sub-folders named after the model\'s classes\n' +
    '(cats/, dogs/) are checked against them: mistakes come first ("…, but it is dog"), then the\n' +
    'accuracy and the confusion matrix; with --json, each picture\'s line adds "expected" and "correct",\n' +
    'and a last line {"summary": {"pictures", "right", "accuracy", "classes", "confusion"}} follows.\n' +
    'Files that are not pictures are named on stderr with the reason and skipped.',
  options: OPTIONS
}

/** A file to answer: how it is shown, where it is on disk, and its class from its folders (−1: none). */
interface Asked {
  readonly file: string
  readonly path: string
  readonly label: number
}

export async function predictCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { positionals, options } = parseArgs('predict', argv, OPTIONS)
  if (positionals.length !== 2) throw new UsageError('predict needs a model file and a picture or folder: nn-scratch predict model.safetensors cat.jpg')
  const json = options.get('json') === true
  const model = await readModel(positionals[0])
  const classes = model.classNames.length
  const top = topOption(options.get('top') as number | undefined, json ? classes : 1, classes)
  if (model.network.arch.inputs !== PICTURE_INPUTS) {
    throw new UserError('not-pictures', `This model takes ${model.network.arch.inputs} numbers per example, not 32×32 colour pictures, so it cannot be asked about pictures.`)
  }
  const target = positionals[1]
  const info = await stat(target).catch(() => null)
  if (info === null) throw new UserError('missing', `There is no picture or folder at "${target}".`)

  if (!info.isDirectory()) {
    // one picture: a picture that cannot be read is the command's error
    const rows = await pictureTo32(target, model.resize ?? DEFAULT_RESIZE)
    const [one] = answersOf(new Evaluator(model.network, model.scaling), classes, rows, [{ file: target, path: target, label: -1 }])
    io.out(json ? answerJson(one, model.classNames, top) : answerLine(one, model.classNames, top))
    return 0
  }

  // the folder's own name counts too: predict model.safetensors mypics/cats checks that they are cats
  const folder = basename(resolve(target))
  const asked: Asked[] = []
  let skipped = 0
  const listing = await listFolder(target)
  for (const s of listing.skipped) io.err(`${s.path}: skipped, ${s.reason}\n`)
  for (const entry of listing.entries) {
    const reason = fileSkipReason(pathParts(entry.path), entry.bytes)
    if (reason !== null) {
      io.err(`${entry.path}: skipped, ${reason}\n`)
      skipped++
    } else asked.push({ file: entry.path, path: join(target, entry.path), label: classFromPath(`${folder}/${entry.path}`, model.classNames) })
  }
  const { answers, failed } = await answerFiles(model, asked, io)
  skipped += failed
  if (answers.length === 0) {
    throw new UserError('no-pictures', `No picture in "${target}" could be read (${skipped} file${skipped === 1 ? '' : 's'} skipped). Give a picture, or a folder of JPEG or PNG pictures.`)
  }
  report(answers, model.classNames, top, json, io)
  if (!json && !answers.some((a) => a.label >= 0) && answers.some((a) => pathParts(a.file).length > 1)) {
    io.err(`No sub-folder is named after the model's classes (${model.classNames.join(', ')}), so there is no accuracy.\n`)
  }
  return 0
}

function topOption(top: number | undefined, fallback: number, classes: number): number {
  if (top === undefined) return fallback
  if (!(top >= 1)) throw new UsageError('--top needs a whole number of classes, 1 or more.')
  return Math.min(top, classes)
}

/** Pictures made 32×32 and answered at a time, so that a folder's pictures are never all in memory at once. */
const CHUNK = 256

/**
 * Each file made 32×32 with the model's mode (a few at once) and answered, CHUNK files at a time;
 * those that fail are named on stderr with the reason.
 */
async function answerFiles(model: SavedModel, asked: readonly Asked[], io: CliIo): Promise<{ answers: Answer[]; failed: number }> {
  const mode = model.resize ?? DEFAULT_RESIZE
  const evaluator = new Evaluator(model.network, model.scaling)
  const rows = new Uint8Array(CHUNK * PICTURE_INPUTS)
  const bar = new ProgressBar(io)
  const started = io.now()
  const answers: Answer[] = []
  let failed = 0
  let done = 0
  for (let start = 0; start < asked.length; start += CHUNK) {
    const chunk = asked.slice(start, start + CHUNK)
    const reasons: (string | null)[] = new Array(chunk.length).fill(null)
    let next = 0
    const worker = async (): Promise<void> => {
      for (let i = next++; i < chunk.length; i = next++) {
        try {
          await pictureTo32(chunk[i].path, mode, rows, i * PICTURE_INPUTS)
        } catch (e) {
          if (!isUserError(e)) throw e
          reasons[i] = e instanceof PictureError ? e.reason : e.message
        }
        bar.update(`Reading pictures ${++done}/${asked.length}`, done, asked.length, started)
      }
    }
    await Promise.all(Array.from({ length: Math.min(defaultConcurrency(), chunk.length) }, worker))
    const kept: Asked[] = []
    chunk.forEach((a, i) => {
      if (reasons[i] === null) {
        if (kept.length !== i) rows.copyWithin(kept.length * PICTURE_INPUTS, i * PICTURE_INPUTS, (i + 1) * PICTURE_INPUTS)
        kept.push(a)
      } else {
        bar.clear()
        io.err(`${a.file}: skipped, ${reasons[i]}\n`)
        failed++
      }
    })
    answers.push(...answersOf(evaluator, model.classNames.length, rows, kept))
  }
  bar.clear()
  return { answers, failed }
}

/** The network's probabilities for rows: [pictures, 3072], one per class (a two-class network's σ(z) is class 1's). */
function answersOf(evaluator: Evaluator, classes: number, rows: Uint8Array, asked: readonly Asked[]): Answer[] {
  if (asked.length === 0) return []
  const out = evaluator.predict(rows, asked.length)
  return asked.map((a, i) => {
    const probs = classes === 2 ? Float32Array.of(1 - out[i], out[i]) : out.slice(i * classes, (i + 1) * classes)
    let predicted = 0
    for (let c = 1; c < classes; c++) if (probs[c] > probs[predicted]) predicted = c
    return { file: a.file, probs, predicted, label: a.label }
  })
}

/** The answers, mistakes first (the most confident first), then the rest in file order; then the accuracy of the labelled ones. */
function report(answers: readonly Answer[], classNames: readonly string[], top: number, json: boolean, io: CliIo): void {
  const wrong = (a: Answer): boolean => a.label >= 0 && a.label !== a.predicted
  const mistakes = answers.filter(wrong).sort((a, b) => b.probs[b.predicted] - a.probs[a.predicted])
  for (const a of [...mistakes, ...answers.filter((a) => !wrong(a))]) {
    io.out(json ? answerJson(a, classNames, top) : answerLine(a, classNames, top))
  }
  const labelled = answers.filter((a) => a.label >= 0)
  if (labelled.length === 0) return
  const C = confusionMatrix(labelled.map((a) => a.label), labelled.map((a) => a.predicted), classNames.length)
  const right = labelled.length - mistakes.length
  if (json) io.out(summaryJson(C, classNames, right, labelled.length))
  else {
    const outside = answers.length - labelled.length
    const note = outside > 0 ? [`(${outside} picture${outside === 1 ? ' is' : 's are'} not in a folder named after a class and not counted.)`] : []
    io.out([...accuracyLines(C, classNames, right, labelled.length), ...note].join('\n') + '\n')
  }
}
