/** `export <model> <file>`: write a saved model as .npz weights for NumPy, or as .safetensors. */
import { parseArgs, UsageError } from '../args'
import type { CommandHelp } from '../help'
import type { CliIo } from '../io'
import { readModel, writeModel } from '../models'

export const exportHelp: CommandHelp = {
  usage: 'export <model.safetensors> <file.npz|file.safetensors>',
  summary: 'Write a saved model as NumPy weights (.npz) or as a copy in the model format (.safetensors).',
  details:
    'The .npz holds W1 [3072, H], b1 [1, H], W2 [H, 1], b2 [1, 1] (and W3, b3 ... for more layers), the input\n' +
    'scaling scaling_mean and scaling_std [3072], the activation and the class_names, so that in Python:\n' +
    '  x = (pixels / 255 - scaling_mean) / scaling_std; a1 = relu(x @ W1 + b1); p = sigmoid(a1 @ W2 + b2)\n' +
    'The README shows the NumPy lines for any number of layers and classes.',
  options: {}
}

export async function exportCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { positionals } = parseArgs('export', argv, {})
  if (positionals.length !== 2) throw new UsageError('export needs a model file and an output file: nn-scratch export model.safetensors weights.npz')
  const [from, to] = positionals
  await writeModel(to, await readModel(from))
  io.err(`Wrote ${to}\n`)
  return 0
}
