/**
 * Labels and plain-language explanations for the hyperparameter form: what each setting does,
 * and what too high or too low a value looks like while training.
 */
import type { Activation, ScalingMode } from '../../../shared/ipc'
import type { InitScheme } from '../../../core/nn/network'
import { HYPER_LIMITS, limitWords } from '../../../core/nn/hyperparameters'
import type { TextField } from './hyperparameterForm'

export interface FieldHelp {
  readonly label: string
  /** what the setting does, in one sentence. */
  readonly what: string
  /** what a wrong value looks like on the charts, in one or two sentences. */
  readonly signs: string
  /** the keyboard a touch screen offers. */
  readonly inputmode: 'numeric' | 'decimal' | 'text'
}

export const FIELD_HELP: Record<TextField | 'activation' | 'scaling', FieldHelp> = {
  hidden: {
    label: 'Hidden layers',
    what: 'Each hidden layer has units that learn to look for a pattern; more units and layers can learn more.',
    signs: 'Too many and it learns the training pictures by heart (test accuracy falls behind) and trains slowly; none at all gives one template per class.',
    inputmode: 'numeric'
  },
  activation: {
    label: 'Activation',
    what: "How a hidden unit responds to what it sees: ReLU passes positive values on and blocks negative ones; tanh and sigmoid squash them into a range.",
    signs: 'If the loss stays flat from the start, try ReLU or tanh.',
    inputmode: 'text'
  },
  learningRate: {
    label: 'Learning rate',
    what: 'How big a step the weights take after each batch.',
    signs: 'Too high: the loss jumps about or blows up. Too low: the loss falls very slowly.',
    inputmode: 'decimal'
  },
  momentum: {
    label: 'Momentum',
    what: `How much of the previous step carries on into the next, like a ball rolling downhill (${limitWords(HYPER_LIMITS.momentum)}).`,
    signs: 'Too high: the loss swings up and down. Too low: learning is slow and jittery.',
    inputmode: 'decimal'
  },
  l2: {
    label: 'L2 penalty',
    what: 'Pulls every weight a little towards zero, so the network prefers simple patterns.',
    signs: 'Too high: both accuracies stay low. Too low: training accuracy races ahead of test accuracy (learning by heart).',
    inputmode: 'decimal'
  },
  batchSize: {
    label: 'Batch size',
    what: 'How many pictures the network looks at before each step.',
    signs: 'Small batches give many noisy steps; large ones give fewer, smoother steps and may need a higher learning rate.',
    inputmode: 'numeric'
  },
  epochs: {
    label: 'Epochs',
    what: 'How many times training goes through all the training pictures.',
    signs: 'Too few: accuracy is still climbing when it stops. Too many: test loss starts rising again.',
    inputmode: 'numeric'
  },
  scaling: {
    label: 'Input scaling',
    what: 'How pixel values (0 to 255) are turned into the numbers the network sees.',
    signs: 'Centred or standardised inputs usually learn faster than plain 0–1 values.',
    inputmode: 'text'
  },
  seed: {
    label: 'Seed',
    what: 'Picks the random starting weights and the order of the pictures; the same seed gives the same run, bit for bit.',
    signs: 'Try another seed to see how much a result depends on luck.',
    inputmode: 'numeric'
  },
  threads: {
    label: 'Threads',
    what: 'How many processor cores train at once; 0 lets the app choose.',
    signs: 'More threads are faster up to the number of cores; more than that only slows things down.',
    inputmode: 'numeric'
  }
}

export const ACTIVATION_LABELS: Record<Activation, string> = {
  relu: 'ReLU',
  'leaky-relu': 'Leaky ReLU',
  tanh: 'tanh',
  sigmoid: 'Sigmoid'
}

/** The initialisations by their inventors' names, as people write them. */
export const INIT_LABELS: Record<InitScheme, string> = {
  he: 'He',
  xavier: 'Xavier'
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
