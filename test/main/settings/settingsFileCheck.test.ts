/** Telling a usable settings file from a damaged one, and moving a damaged one aside. */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { damagedName, MAX_DAMAGED_COPIES, MAX_SETTINGS_BYTES, moveAside, settingsFileState } from '../../../src/main/settings/settingsFileCheck'
import { DAMAGED_SETTINGS } from '../../helpers/damagedSettings'

let dir = ''
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'nn-scratch-check-')) })
afterEach(() => rmSync(dir, { recursive: true, force: true }))
const file = (): string => join(dir, 'settings.json')

describe('settingsFileState', () => {
  it('usable: a JSON object, also an empty one or one with unknown fields', () => {
    for (const text of ['{}', '{"theme":"dark"}', ' \n{"extra": [1, {"x": null}]}\n']) {
      writeFileSync(file(), text)
      expect(settingsFileState(file())).toBe('usable')
    }
  })

  it('missing: no file, or a folder on the way that is a file', () => {
    expect(settingsFileState(file())).toBe('missing')
    writeFileSync(join(dir, 'a-file'), '')
    expect(settingsFileState(join(dir, 'a-file', 'settings.json'))).toBe('missing')
  })

  it.each(DAMAGED_SETTINGS)('damaged: %s', (_what, content) => {
    writeFileSync(file(), content)
    expect(settingsFileState(file())).toBe('damaged')
  })

  it('damaged: a folder, and a file past the size limit (not read)', () => {
    mkdirSync(file())
    expect(settingsFileState(file())).toBe('damaged')
    rmSync(file(), { recursive: true })
    writeFileSync(file(), `{"x": "${'a'.repeat(MAX_SETTINGS_BYTES)}"}`)
    expect(settingsFileState(file())).toBe('damaged')
  })

  it.skipIf(process.platform === 'win32')('damaged, at once: a named pipe (never waits for a writer)', () => {
    execFileSync('mkfifo', [file()])
    expect(settingsFileState(file())).toBe('damaged')
  })
})

describe('moveAside', () => {
  it('takes the first free name and never overwrites an earlier copy', () => {
    writeFileSync(damagedName(file(), 1), 'one')
    writeFileSync(damagedName(file(), 3), 'three')
    writeFileSync(file(), 'two')
    expect(moveAside(file())).toBe(`${file()}.damaged-2`)
    writeFileSync(file(), 'four')
    expect(moveAside(file())).toBe(`${file()}.damaged-4`)
    expect(readdirSync(dir).sort()).toEqual(['settings.json.damaged', 'settings.json.damaged-2', 'settings.json.damaged-3', 'settings.json.damaged-4'])
    expect([1, 2, 3, 4].map((n) => readFileSync(damagedName(file(), n), 'utf8'))).toEqual(['one', 'two', 'three', 'four'])
  })

  it.skipIf(process.platform === 'win32')('moves a folder, and a dangling link counts as a taken name', () => {
    symlinkSync(join(dir, 'nowhere'), damagedName(file(), 1))
    mkdirSync(file())
    writeFileSync(join(file(), 'inside'), 'x')
    expect(moveAside(file())).toBe(`${file()}.damaged-2`)
    expect(readFileSync(join(damagedName(file(), 2), 'inside'), 'utf8')).toBe('x')
  })

  it('gives up (null) when nothing is there or every name is taken, leaving the file alone', () => {
    expect(moveAside(file())).toBeNull()
    for (let n = 1; n <= MAX_DAMAGED_COPIES; n++) writeFileSync(damagedName(file(), n), '')
    writeFileSync(file(), 'kept')
    expect(moveAside(file())).toBeNull()
    expect(readFileSync(file(), 'utf8')).toBe('kept')
  })
})
