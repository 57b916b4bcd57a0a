// A training process for the store's tests, run as `node --import tsx recordRuns.ts <folder> <mode> [count]`.
// many: records `count` runs of 3 epochs each, one after another, and exits.
// hang: records one run of 2 epochs, prints "ready", and waits to be killed.
import { RunRecorder } from '../../../src/node/runs/recorder'
import { RunStore } from '../../../src/node/runs/store'
import { epochOf, sampleStart } from '../../helpers/runStore'

const [folder, mode, count = '1'] = process.argv.slice(2)
const store = new RunStore(folder)
const fail = (m: string): void => {
  process.stderr.write(`${m}\n`)
  process.exitCode = 1
}

if (mode === 'many') {
  for (let i = 0; i < Number(count); i++) {
    const recorder = new RunRecorder(store, { onProblem: fail })
    recorder.start(sampleStart({ name: `process ${process.pid} run ${i}` }))
    for (let e = 1; e <= 3; e++) recorder.epoch(epochOf(e), e, new Float32Array([e, e]))
    recorder.end('finished', new Uint8Array([i]))
    await recorder.settled()
  }
} else if (mode === 'hang') {
  const recorder = new RunRecorder(store, { onProblem: fail })
  recorder.start(sampleStart({ name: 'killed' }))
  recorder.epoch(epochOf(1), 1, new Float32Array([1]))
  recorder.epoch(epochOf(2), 2, new Float32Array([2]))
  await recorder.settled()
  process.stdout.write(`ready ${recorder.id}\n`)
  setInterval(() => undefined, 1000)
}
