/** The plain-language refusals of worker commands that come at the wrong moment. */
import { UserError } from '../core/errors'

export const noDataset = (): UserError =>
  new UserError('no-dataset', 'There is no dataset yet. Open a dataset file or use the demo dataset first.')

export const noNetwork = (): UserError =>
  new UserError('no-network', 'There is no trained network yet. Train one, or open a saved model first.')

export const busy = (what: string): UserError =>
  new UserError('busy', `Training is running. Pause or stop it before you ${what}.`)

export const notPaused = (): UserError =>
  new UserError('not-paused', 'There is no paused training to resume. Press Train to start.')

export const datasetNotOpened = (): UserError =>
  new UserError('dataset-not-opened',
    'This was not done: it waited for a dataset that did not open (it could not be read, or opening it was cancelled). ' +
    'The dataset from before is still in use; try again.')

export const sweepTraining = (what: string): UserError =>
  new UserError('sweep-training', `A sweep is training. Stop it, or wait for it to end, before you ${what}.`)

export const studioTraining = (): UserError =>
  new UserError('busy', 'The studio\'s run is training. Stop it, or let it finish, before you start a sweep.')
