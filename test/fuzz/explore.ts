/**
 * A longer fuzz exploration than the suite's, run by hand (not part of npm test):
 *   npx tsx test/fuzz/explore.ts [--cases 100000] [--seed 1] [--format npz-stored,npy] [--out DIR]
 *   npx tsx test/fuzz/explore.ts --seed 8 --format npy --case 500     one case again: its steps, verdict, input
 * Each format runs in a child process watched by the parent: a case that hangs (no answer for
 * 30 s) or crashes the process (out of memory) is recorded, and the run goes on from the next case. Failing inputs are written
 * to DIR (default: the temp folder's nn-scratch-fuzz/) with a .json saying how to replay them;
 * failures already listed in awaiting.ts are counted, and only their first three are written.
 */
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { awaitingFor } from './awaiting'
import { DEFAULT_OUT, failureLine, saveFailure } from './failures'
import { runCase, type Verdict } from './oracle'
import { caseSeed, Prng } from './prng'
import { formats, type Format } from './targets'

const HANG_MS = 30_000

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i < 0 ? undefined : process.argv[i + 1]
}

const seed = Number(option('seed') ?? 1)
const cases = Number(option('cases') ?? 100_000)
const out = option('out') ?? DEFAULT_OUT
const only = option('format')?.split(',')
const chosen = formats().filter((f) => !only || only.includes(f.name))

function make(f: Format, i: number) {
  return f.make(new Prng(caseSeed(seed, f.name, i)))
}

type Message = { type: 'start'; i: number } | { type: 'failed'; i: number; verdict: Verdict } | { type: 'done'; counts: Record<string, number> }

/** Child: run cases [from, cases) of one format, telling the parent about each. */
async function child(f: Format, from: number): Promise<void> {
  const send = (m: Message): boolean => (process.send as (m: Message) => boolean)(m)
  const counts: Record<string, number> = {}
  for (let i = from; i < cases; i++) {
    if (i % 50 === 0) {
      await new Promise(setImmediate) // let a lost parent be noticed
      if (!process.connected) process.exit(0)
    }
    send({ type: 'start', i })
    const v = runCase(make(f, i))
    counts[v.outcome] = (counts[v.outcome] ?? 0) + 1
    if (v.problem) send({ type: 'failed', i, verdict: v })
  }
  send({ type: 'done', counts })
  process.disconnect()
}

/** Parent: one child per format in turn, restarted after the case that hung. */
async function explore(f: Format): Promise<number> {
  let from = 0
  let failures = 0
  const awaited = new Map<string, number>()
  const t0 = performance.now()
  while (from < cases) {
    from = await new Promise<number>((resolve) => {
      const proc = fork(fileURLToPath(import.meta.url), [...process.argv.slice(2), '--child', f.name, '--from', String(from)])
      let last = from
      let settled = false
      let timer = setTimeout(hang, HANG_MS)
      function hang(): void {
        settled = true
        proc.kill('SIGKILL')
        const c = make(f, last)
        const v: Verdict = { outcome: 'hang', problem: `no answer within ${HANG_MS / 1000} s`, ms: HANG_MS, grewBytes: 0 }
        console.log(failureLine(c, v, seed, last, saveFailure(c, v, seed, last, out)))
        failures++
        resolve(last + 1)
      }
      proc.on('message', (m: Message) => {
        clearTimeout(timer)
        timer = setTimeout(hang, HANG_MS)
        if (m.type === 'start') last = m.i
        else if (m.type === 'failed') {
          failures++
          const c = make(f, m.i)
          const known = awaitingFor(m.verdict.problem ?? '', c.steps)
          if (!known) console.log(failureLine(c, m.verdict, seed, m.i, saveFailure(c, m.verdict, seed, m.i, out)))
          else {
            const n = (awaited.get(known.cause) ?? 0) + 1
            awaited.set(known.cause, n)
            if (n <= 3) saveFailure(c, m.verdict, seed, m.i, out)
          }
        } else {
          clearTimeout(timer)
          const top = Object.entries(m.counts).sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, n]) => `${k} ${n}`)
          console.log(`${f.name}: ${cases} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${failures} failed; ${top.join(', ')}`)
          for (const [cause, n] of awaited) console.log(`  ${n} of them awaiting the fix in ${cause}`)
          settled = true
          resolve(cases)
        }
      })
      proc.on('exit', (code, signal) => {
        if (!settled && (code !== 0 || signal !== null)) {
          clearTimeout(timer)
          const c = make(f, last)
          const v: Verdict = { outcome: 'crash', problem: `the process ended (${signal ?? `exit code ${code}`})`, ms: 0, grewBytes: 0 }
          console.log(failureLine(c, v, seed, last, saveFailure(c, v, seed, last, out)))
          failures++
          settled = true
          resolve(last + 1)
        }
      })
    })
  }
  return failures
}

async function main(): Promise<void> {
  const childOf = option('child')
  if (childOf) return child(chosen.find((f) => f.name === childOf) ?? chosen[0], Number(option('from') ?? 0))
  const one = option('case')
  if (one !== undefined) {
    for (const f of chosen) {
      const c = make(f, Number(one))
      const v = runCase(c)
      console.log(`${f.name} case ${one}: ${v.outcome}, ${v.ms.toFixed(1)} ms, ${(v.grewBytes / 1048576).toFixed(1)} MB`)
      console.log(`  steps: ${c.steps.join('; ')}`)
      console.log(`  ${v.problem ?? 'fine'}; input written to ${saveFailure(c, v, seed, Number(one), out)}`)
    }
    return
  }
  let total = 0
  for (const f of chosen) total += await explore(f)
  console.log(`${total} failures; inputs in ${out}`)
}

void main()
