/**
 * npm run bench [-- --json] [--config seed|hidden100|hidden500|examples50000] [--threads N]
 *                [--epochs N] [--data <file>] [--kernel auto|typescript]
 * Times training epochs (shuffle + every batch's forward, backward and update; no evaluation)
 * of the seed network and larger variants, after one warm-up epoch, and separately the
 * evaluation of both splits that follows each epoch (median, also after the warm-up). Each configuration runs in its own process so that its peak memory (RSS) is its own.
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { runConfig, type BenchConfig } from './run'

const CONFIGS: Record<string, BenchConfig> = {
  seed: { name: 'seed', examples: 10000, hidden: 15 },
  hidden100: { name: 'hidden100', examples: 10000, hidden: 100 },
  hidden500: { name: 'hidden500', examples: 10000, hidden: 500 },
  examples50000: { name: 'examples50000', examples: 50000, hidden: 15 }
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

const json = process.argv.includes('--json')
const child = process.argv.includes('--child')
const threads = Number(option('threads') ?? 0)
const epochs = Number(option('epochs') ?? 5)
const kernel = (option('kernel') ?? 'auto') as 'auto' | 'typescript'
const data = option('data')
const only = option('config')

if (only !== undefined && !CONFIGS[only]) {
  console.error(`There is no benchmark configuration "${only}". Choose one of: ${Object.keys(CONFIGS).join(', ')}.`)
  process.exit(2)
}

if (child) {
  const result = await runConfig(CONFIGS[only as string], { threads, epochs, kernel, data })
  process.stdout.write(JSON.stringify(result) + '\n')
} else {
  const names = only ? [only] : Object.keys(CONFIGS)
  if (!json) console.log('config          examples hidden threads kernel     ms/epoch (median  min  max)  GFLOP/s  eval ms  peak RSS MB')
  for (const name of names) {
    const args = [...process.execArgv, fileURLToPath(import.meta.url), '--child', '--config', name, '--threads', String(threads), '--epochs', String(epochs), '--kernel', kernel]
    if (data) args.push('--data', data)
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 })
    if (r.status !== 0) {
      console.error(`The ${name} benchmark failed:\n${r.stderr}`)
      process.exit(1)
    }
    const line = r.stdout.trim().split('\n').pop() as string
    if (json) {
      console.log(line)
      continue
    }
    const m = JSON.parse(line)
    console.log(
      `${m.config.padEnd(15)} ${String(m.examples).padStart(8)} ${String(m.hidden).padStart(6)} ${String(m.threads).padStart(7)} ${m.kernel.padEnd(10)} ` +
      `${m.epochMsMedian.toFixed(1).padStart(9)} ${m.epochMsMin.toFixed(1).padStart(6)} ${m.epochMsMax.toFixed(1).padStart(6)}  ` +
      `${m.gflops.toFixed(1).padStart(7)}  ${m.evalMs.toFixed(1).padStart(7)}  ${m.peakRssMb.toFixed(0).padStart(11)}`
    )
  }
}
