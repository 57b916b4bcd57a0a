/**
 * One argument check per request channel, typed by the contract: a channel added to Requests
 * without a check here does not compile.
 */
import { LIMITS, type NoArgs, type RequestArgs, type RequestChannel } from '../../shared/ipc'
import { STUDIO_TABS, type Settings, type SettingsPatch, type Theme, type WeightNormalisation } from '../../shared/settings'
import { boolean, fields, number, oneOf, optional, string } from './check'
import { dataSource, datasetOptions, hyperparameters, predictionQuery, stepSettings, threads, trainConfig, uploadFile } from './payloads'
import { classNames, folderOthers, pictureImportChoice, pictureSource } from './pictures'
import { runId, runIds, runName } from './runs'
import { sweepRunId, sweepSpec } from './sweeps'
import { tryRequest } from './tryPictures'

export type Validators = { readonly [C in RequestChannel]: (raw: unknown) => RequestArgs<C> }

const none = (what: string) => (raw: unknown): NoArgs => {
  fields(raw ?? {}, what, [])
  return {}
}

const FORMATS = ['safetensors', 'npz'] as const
const START_FROM = ['fresh', 'same-start', 'continue'] as const
const THEMES: readonly Theme[] = ['system', 'light', 'dark']
const NORMALISATIONS: readonly WeightNormalisation[] = ['tile', 'global', 'zero']

export function settingsPatch(raw: unknown): SettingsPatch {
  const o = fields(raw, 'the settings', ['hyperparameters', 'threads', 'theme', 'weightView', 'studioTab'])
  const view = o.weightView === undefined ? undefined : fields(o.weightView, 'the weight view', ['normalisation', 'zoom', 'sort'])
  const weightView: Partial<Settings['weightView']> | undefined = view && {
    ...(view.normalisation !== undefined ? { normalisation: oneOf(view.normalisation, 'the weight colours', NORMALISATIONS) } : {}),
    ...(view.zoom !== undefined ? { zoom: number(view.zoom, 'the zoom', { min: 1, max: 16, integer: true }) } : {}),
    ...(view.sort !== undefined ? { sort: oneOf(view.sort, 'the tile order', ['unit', 'vote'] as const) } : {})
  }
  return {
    ...(o.hyperparameters !== undefined ? { hyperparameters: hyperparameters(o.hyperparameters) } : {}),
    ...(o.threads !== undefined ? { threads: threads(o.threads) } : {}),
    ...(o.theme !== undefined ? { theme: oneOf(o.theme, 'the theme', THEMES) } : {}),
    ...(weightView ? { weightView } : {}),
    ...(o.studioTab !== undefined ? { studioTab: oneOf(o.studioTab, 'the tab', STUDIO_TABS) } : {})
  }
}

export const VALIDATORS: Validators = {
  'app:snapshot': none('app:snapshot'),
  'dataset:open-demo': none('dataset:open-demo'),
  'dataset:open-dialog': (raw) => {
    const o = fields(raw, 'the request', ['options', 'folder'])
    return { options: optional(o.options, datasetOptions), folder: optional(o.folder, (v) => boolean(v, 'folder')) }
  },
  'dataset:open-recent': (raw) => {
    const o = fields(raw, 'the request', ['path', 'options'])
    return { path: string(o.path, 'the path', 4096), options: optional(o.options, datasetOptions) }
  },
  'dataset:open-bytes': (raw) => {
    const o = fields(raw, 'the request', ['source', 'options', 'others'])
    // a folder of pictures (named the rest) may hold more files than a folder of dataset files
    if (o.others !== undefined) {
      const others = folderOthers(o.others)
      return { source: pictureSource(o.source, others.length), options: optional(o.options, datasetOptions), others }
    }
    return { source: dataSource(o.source), options: optional(o.options, datasetOptions) }
  },
  'dataset:import-pictures': (raw) => ({ choice: pictureImportChoice(fields(raw, 'the request', ['choice']).choice) }),
  'dataset:rename-classes': (raw) => ({ names: classNames(fields(raw, 'the request', ['names']).names) }),
  'dataset:save-dialog': none('dataset:save-dialog'),
  'dataset:save-bytes': none('dataset:save-bytes'),
  'dataset:configure': (raw) => ({ options: datasetOptions(fields(raw, 'the request', ['options']).options) }),
  'dataset:cancel-open': none('dataset:cancel-open'),
  'dataset:forget-recent': (raw) => ({ path: string(fields(raw, 'the request', ['path']).path, 'the path', 4096) }),
  'train:start': (raw) => {
    const o = fields(raw, 'the request', ['config', 'from'])
    return { config: trainConfig(o.config), from: oneOf(o.from, 'where to start from', START_FROM) }
  },
  'train:pause': none('train:pause'),
  'train:resume': none('train:resume'),
  'train:step': (raw) => ({ config: trainConfig(fields(raw, 'the request', ['config']).config) }),
  'train:stop': none('train:stop'),
  'train:reset': none('train:reset'),
  'train:update-settings': (raw) => ({ settings: stepSettings(fields(raw, 'the request', ['settings']).settings) }),
  'train:evaluate': none('train:evaluate'),
  'train:predictions': (raw) => ({ query: predictionQuery(fields(raw, 'the request', ['query']).query) }),
  'model:open-dialog': none('model:open-dialog'),
  'model:open-bytes': (raw) => ({ file: uploadFile(fields(raw, 'the request', ['file']).file, 'the model file') }),
  'model:save-dialog': (raw) => ({ format: oneOf(fields(raw, 'the request', ['format']).format, 'the format', FORMATS) }),
  'model:save-bytes': (raw) => ({ format: oneOf(fields(raw, 'the request', ['format']).format, 'the format', FORMATS) }),
  'settings:get': none('settings:get'),
  'settings:update': (raw) => ({ patch: settingsPatch(fields(raw, 'the request', ['patch']).patch) }),
  'runs:list': none('runs:list'),
  'runs:rename': (raw) => {
    const o = fields(raw, 'the request', ['id', 'name'])
    return { id: runId(o.id), name: runName(o.name) }
  },
  'runs:star': (raw) => {
    const o = fields(raw, 'the request', ['id', 'starred'])
    return { id: runId(o.id), starred: boolean(o.starred, 'starred') }
  },
  'runs:delete': (raw) => ({ ids: runIds(fields(raw, 'the request', ['ids']).ids) }),
  'runs:open': (raw) => ({ id: runId(fields(raw, 'the request', ['id']).id) }),
  'sweep:estimate': (raw) => {
    const o = fields(raw, 'the request', ['spec', 'config'])
    return { spec: sweepSpec(o.spec), config: trainConfig(o.config) }
  },
  'sweep:start': (raw) => {
    const o = fields(raw, 'the request', ['spec', 'config'])
    return { spec: sweepSpec(o.spec), config: trainConfig(o.config) }
  },
  'sweep:stop': (raw) => ({ runId: sweepRunId(fields(raw, 'the request', ['runId']).runId) }),
  'try:pictures': (raw) => ({ request: tryRequest(fields(raw, 'the request', ['request']).request) }),
  'try:choose-model': none('try:choose-model')
}

export { LIMITS }
