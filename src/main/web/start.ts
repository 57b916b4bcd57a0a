/**
 * Browser mode's start-up, apart from the process it runs in: checks that the pages are built,
 * opens the settings (the user's folder, or `settingsDir`), which never fails (a damaged file is
 * moved aside with a notice for the page, settingsFileCheck.ts), and starts the server with the
 * worker. main.ts reads the command line and prints; tests call this with a temporary folder.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { SettingsStore } from '../settings/store'
import type { WorkerLauncher } from '../worker/process'
import { startWebServer, type WebServer } from './server'
import { confSettingsFile } from './settingsFile'

export interface BrowserModeOptions {
  /** the built renderer, e.g. out/renderer. */
  readonly rendererDir: string
  readonly launcher: WorkerLauncher
  /** 0 (default): a free port. */
  readonly port?: number
  /** the settings folder; the desktop app's (settingsFile.ts) by default. */
  readonly settingsDir?: string
}

/** Why browser mode could not start, in words for the terminal, with the exit code to end with. */
export class StartError extends Error {
  override readonly name = 'StartError'
  constructor(message: string, readonly exitCode: number) {
    super(message)
  }
}

export async function startBrowserMode(o: BrowserModeOptions): Promise<WebServer> {
  if (!existsSync(join(o.rendererDir, 'index.html'))) {
    throw new StartError('The app\'s pages are not built yet. Run: npm run web (it builds them first).', 1)
  }
  const settings = new SettingsStore(confSettingsFile(o.settingsDir))
  try {
    return await startWebServer({ port: o.port ?? 0, rendererDir: o.rendererDir, launcher: o.launcher, settings })
  } catch (e) {
    const code = (e as { code?: string }).code
    throw new StartError(code === 'EADDRINUSE'
      ? 'That port is already in use. Choose another with --port, or leave it out to use a free one.'
      : `Browser mode could not start: ${(e as Error).message}`, 1)
  }
}
