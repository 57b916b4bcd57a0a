/**
 * The app's user-data folder, where its settings (settings.json) and its run store (runs/) live:
 * exactly the folder Electron's app.getPath('userData') gives the desktop app, so that the
 * desktop app, browser mode and the command line share one. Electron names it after
 * package.json's `productName`, else its `name`; this app has no productName, so the name is
 * "nn-scratch" (test/node/appData.test.ts keeps package.json and APP_NAME in step):
 *   Linux and others  $XDG_CONFIG_HOME/nn-scratch, or ~/.config/nn-scratch
 *   macOS             ~/Library/Application Support/nn-scratch
 *   Windows           %APPDATA%\nn-scratch, or ~\AppData\Roaming\nn-scratch
 */
import { homedir } from 'node:os'
import { join } from 'node:path'

/** The name Electron gives the app (package.json "name", as there is no "productName"). */
export const APP_NAME = 'nn-scratch'

/** The run store's folder inside the user-data folder. */
export const RUNS_FOLDER = 'runs'

/** Where Electron's app.getPath('userData') points for this app. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME)
}

/** The run store every part of the app uses unless told another (the CLI's --runs-dir). */
export function defaultRunsDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  return join(userDataDir(env, platform, home), RUNS_FOLDER)
}
