/**
 * The application menu: File (open a dataset or a folder, recent datasets, the demo, open and
 * save models, export weights, quit), Edit, View and Help (About). Each command is one request
 * of the contract, run through the same handler table as the page's requests; its result
 * reaches the page as events, and a failure as a notice.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron'
import type { RequestArgs, RequestChannel } from '../../shared/ipc'
import type { RecentDataset } from '../../shared/settings'

export interface MenuActions {
  run<C extends RequestChannel>(channel: C, args: RequestArgs<C>): void
  about(): void
}

export function menuTemplate(actions: MenuActions, recent: readonly RecentDataset[], platform: string): MenuItemConstructorOptions[] {
  const recentItems: MenuItemConstructorOptions[] = recent.length === 0
    ? [{ label: 'No recent datasets', enabled: false }]
    : recent.map((r) => ({ label: r.path, click: () => actions.run('dataset:open-recent', { path: r.path }) }))
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open dataset…', accelerator: 'CmdOrCtrl+O', click: () => actions.run('dataset:open-dialog', {}) },
      { label: 'Open dataset folder…', click: () => actions.run('dataset:open-dialog', { folder: true }) },
      { label: 'Open recent dataset', submenu: recentItems },
      { label: 'Use demo dataset', click: () => actions.run('dataset:open-demo', {}) },
      { type: 'separator' },
      { label: 'Open model…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.run('model:open-dialog', {}) },
      { label: 'Save model…', accelerator: 'CmdOrCtrl+S', click: () => actions.run('model:save-dialog', { format: 'safetensors' }) },
      { label: 'Export weights (.npz)…', accelerator: 'CmdOrCtrl+E', click: () => actions.run('model:save-dialog', { format: 'npz' }) },
      { type: 'separator' },
      { label: 'Quit', role: 'quit' }
    ]
  }
  const help: MenuItemConstructorOptions = {
    label: 'Help',
    submenu: [{ label: 'About NN Scratch', click: () => actions.about() }]
  }
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }]
  }
  const mac: MenuItemConstructorOptions[] = platform === 'darwin' ? [{ role: 'appMenu' }] : []
  return [...mac, file, { role: 'editMenu' }, view, help]
}

export function setApplicationMenu(actions: MenuActions, recent: readonly RecentDataset[]): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(actions, recent, process.platform)))
}
