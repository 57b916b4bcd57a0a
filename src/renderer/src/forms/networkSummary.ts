/** The network the form describes, in one line: its layer widths and how many numbers it learns. */
import type { Activation } from '../../../shared/ipc'
import { layerSizes } from '../../../core/nn/network'
import { ACTIVATION_LABELS } from './fieldHelp'

const n = (v: number): string => v.toLocaleString('en')

/** e.g. "3,072 inputs → 15 hidden (ReLU) → 1 output (sigmoid) · 46,111 weights and biases". */
export function describeNetwork(inputs: number, hidden: readonly number[], activation: Activation, classes: number): string {
  const sizes = layerSizes({ inputs, hidden, activation, classes })
  let parameters = 0
  for (let l = 1; l < sizes.length; l++) parameters += sizes[l] * (sizes[l - 1] + 1)
  const outputs = sizes[sizes.length - 1]
  const middle = hidden.length ? ` → ${hidden.map(n).join(' → ')} hidden (${ACTIVATION_LABELS[activation]})` : ''
  const output = outputs === 1 ? '1 output (sigmoid)' : `${n(outputs)} outputs (softmax)`
  return `${n(inputs)} inputs${middle} → ${output} · ${n(parameters)} weights and biases`
}
