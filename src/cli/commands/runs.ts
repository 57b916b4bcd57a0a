/**
 * `runs`: the run store (the app's, or --runs-dir): the list, newest first; `runs show <id>`,
 * everything about one run; `runs compare <id> <id>`, the sentence of what the second changed
 * and what it did; `runs rename`, `runs star` / `unstar` and `runs delete`. An id that is not in
 * the store is a plain message and exit code 2.
 */
import { UserError } from '../../core/errors'
import { compareRuns } from '../../core/runs/compare'
import type { RunRecord } from '../../core/runs/types'
import type { RunStore } from '../../node/runs/store'
import { parseArgs, UsageError, type OptionSpec } from '../args'
import type { CommandHelp } from '../help'
import type { CliIo } from '../io'
import { storeOf, STORE_OPTION } from '../recording'
import { listText, runLine, showText } from '../runsReport'

const OPTIONS: Record<string, OptionSpec> = {
  ...STORE_OPTION,
  json: { kind: 'boolean', help: 'the list: one JSON line per run; show: the run as one JSON object' }
}

const SUBCOMMANDS = ['show', 'compare', 'rename', 'star', 'unstar', 'delete'] as const
type Subcommand = (typeof SUBCOMMANDS)[number]

export const runsHelp: CommandHelp = {
  usage: 'runs [show <id> | compare <id> <id> | rename <id> <name> | star <id>... | unstar <id>... | delete <id>...] [options]',
  summary: 'List the recorded runs, show one, compare two, rename, star or delete them.',
  details:
    'Every run of train and sweep, and of the studio, is recorded in the run store (the app\'s user-data\n' +
    'folder, e.g. ~/.config/nn-scratch/runs; --runs-dir for another).\n' +
    '  runs                     the runs, newest first: settings that differ, best test accuracy @ epoch, final, time\n' +
    '  runs show <id>           everything about one run, its settings as train options, and its epochs\n' +
    '  runs compare <a> <b>     what run b changed against run a, and what it did\n' +
    '  runs rename <id> <name>  a name of your own (an empty name gives back the recorded one)\n' +
    '  runs star|unstar <id>... mark runs to keep\n' +
    '  runs delete <id>...      delete runs (not one that is still training)\n' +
    'With --json, the list is one line per run: {"id", "name", "status", "settings", "best", "final"}\n' +
    '("settings" uses train\'s option names; a damaged run is {"id", "status": "damaged", "problem"}).',
  options: OPTIONS
}

const plural = (n: number, what: string): string => (n === 1 ? `1 ${what}` : `${n} ${what}s`)

/** A run that can be read, or a plain refusal naming why it cannot. */
async function readRun(store: RunStore, id: string): Promise<Extract<RunRecord, { ok: true }>> {
  const record = await store.get(id)
  if (!record.ok) throw new UserError('damaged-run', `Run ${id} cannot be read: ${record.problem}`)
  return record
}

function ids(sub: Subcommand, rest: readonly string[], exactly?: number): string[] {
  if (rest.length === 0 || (exactly !== undefined && rest.length !== exactly)) {
    const what = exactly === 2 ? 'two run ids' : exactly === 1 ? 'one run id' : 'one or more run ids'
    throw new UsageError(`runs ${sub} needs ${what}, such as: nn-scratch runs ${sub} ${exactly === 2 ? 'k3f9q2 x7h2m0' : 'k3f9q2'}. "nn-scratch runs" lists them.`)
  }
  return [...rest]
}

export async function runsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { positionals, options } = parseArgs('runs', argv, OPTIONS)
  const json = options.get('json') === true
  const store = storeOf(options, io)
  const [first, ...rest] = positionals
  if (first === undefined) {
    const list = await store.list()
    io.out(json ? list.runs.map(runLine).join('') : listText(list))
    return 0
  }
  if (!(SUBCOMMANDS as readonly string[]).includes(first)) {
    throw new UsageError(`runs has no "${first}". Use: runs, runs show <id>, runs compare <id> <id>, runs rename <id> <name>, runs star <id>, runs unstar <id> or runs delete <id>.`)
  }
  const sub = first as Subcommand
  switch (sub) {
    case 'show': {
      const [id] = ids(sub, rest, 1)
      const r = await readRun(store, id)
      io.out(json ? `${JSON.stringify({ ...r.manifest, name: r.name, status: r.status, starred: r.starred, hasModel: r.hasModel })}\n` : showText(r, store.folder))
      return 0
    }
    case 'compare': {
      const [a, b] = ids(sub, rest, 2)
      const [ra, rb] = [await readRun(store, a), await readRun(store, b)]
      const sentence = compareRuns(ra.manifest, rb.manifest, [`run ${a}`, `run ${b}`])
      io.out(`${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}\n`)
      return 0
    }
    case 'rename': {
      if (rest.length === 0) ids(sub, rest, 1)
      const [id, ...words] = rest
      const fields = await store.setUserFields(id, { name: words.join(' ') })
      io.out(fields.name === null ? `Run ${id} has its recorded name again.\n` : `Run ${id} is now called "${fields.name}".\n`)
      return 0
    }
    case 'star':
    case 'unstar': {
      const list = ids(sub, rest)
      for (const id of list) await store.setUserFields(id, { starred: sub === 'star' })
      io.out(`${sub === 'star' ? 'Starred' : 'Unstarred'} ${list.length === 1 ? `run ${list[0]}` : plural(list.length, 'run')}.\n`)
      return 0
    }
    case 'delete': {
      const list = ids(sub, rest)
      await store.delete(list)
      io.out(`Deleted ${list.length === 1 ? `run ${list[0]}` : plural(new Set(list).size, 'run')}.\n`)
      return 0
    }
  }
}
