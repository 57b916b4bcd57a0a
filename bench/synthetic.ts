/**
 * Synthetic CIFAR-shaped data for the benchmark, in the spirit of shared/bench/numpy_reference.py:
 * uint8 pixels around a per-feature level with noise, plus a faint ± template by class, so that
 * the network has something to learn. Written straight into `x` (e.g. an engine's memory).
 */
import { Rng } from '../src/core/random/rng'

export function fillSynthetic(x: Uint8Array, y: Uint8Array, count: number, inputs: number, seed: number): void {
  const rng = new Rng(seed)
  const level = new Float32Array(inputs)
  const template = new Float32Array(inputs)
  for (let k = 0; k < inputs; k++) {
    level[k] = 60 + 130 * rng.uniform()
    template[k] = (rng.uniform() < 0.5 ? -6 : 6) * rng.uniform()
  }
  for (let n = 0; n < count; n++) {
    const label = rng.int(2)
    y[n] = label
    const sign = 2 * label - 1
    const row = n * inputs
    for (let k = 0; k < inputs; k++) {
      // noise: a sum of three uniforms, roughly normal with standard deviation 45
      const noise = 45 * 2 * (rng.uniform() + rng.uniform() + rng.uniform() - 1.5)
      const v = Math.round(level[k] + noise + sign * template[k])
      x[row + k] = v < 0 ? 0 : v > 255 ? 255 : v
    }
  }
}
