/** Labels and one-line plain explanations for the hyperparameter form's fields and choices. */
import type { Activation, ScalingMode } from '../../../shared/ipc'
import type { TextField } from './hyperparameterForm'

export interface FieldHelp {
  readonly label: string
  readonly hint: string
  /** the keyboard a touch screen offers. */
  readonly inputmode: 'numeric' | 'decimal' | 'text'
}

export const FIELD_HELP: Record<TextField, FieldHelp> = {
  hidden: { label: 'Hidden units', hint: 'How many pictures the first layer learns to look for. "100, 50" gives two layers.', inputmode: 'text' },
  learningRate: { label: 'Learning rate', hint: 'How big each step is. Too high and the loss jumps about; too low and learning crawls.', inputmode: 'decimal' },
  batchSize: { label: 'Batch size', hint: 'Pictures looked at before each step.', inputmode: 'numeric' },
  momentum: { label: 'Momentum', hint: 'How much of the previous step carries on (0 to just below 1).', inputmode: 'decimal' },
  l2: { label: 'L2 penalty', hint: 'Keeps weights small, which helps against learning the training pictures by heart.', inputmode: 'decimal' },
  epochs: { label: 'Epochs', hint: 'Passes over all the training pictures.', inputmode: 'numeric' },
  seed: { label: 'Seed', hint: 'The same seed gives the same run, bit for bit.', inputmode: 'numeric' }
}

export const ACTIVATION_LABELS: Record<Activation, string> = {
  relu: 'ReLU',
  'leaky-relu': 'Leaky ReLU',
  tanh: 'tanh',
  sigmoid: 'Sigmoid'
}

export const SCALING_LABELS: Record<ScalingMode, string> = {
  scale: 'Scaled 0–1',
  centre: 'Centred',
  standardise: 'Standardised'
}

/** What each input scaling does to a pixel value p (0..255), in words. */
export const SCALING_HINTS: Record<ScalingMode, string> = {
  scale: 'pixels divided by 255',
  centre: 'pixels divided by 255, minus their average over the training pictures',
  standardise: 'centred pixels, also divided by their spread over the training pictures'
}
