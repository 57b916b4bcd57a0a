/**
 * The files of one run folder (docs/runs.md, "The store") and how a few of them are encoded.
 */
export const MANIFEST_FILE = 'run.json'
export const USER_FILE = 'user.json'
export const MODEL_FILE = 'model.safetensors'
export const BATCHES_FILE = 'batches.f32'

/** batches.f32 at most: 16 million batch losses (a thousand epochs of 16,000 batches). */
export const MAX_BATCH_LOSS_BYTES = 64 * 1024 * 1024

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

/** Batch losses as batches.f32 holds them: float32, little-endian, one after another. */
export function batchLossBytes(losses: Float32Array): Uint8Array {
  if (littleEndianHost) return new Uint8Array(losses.buffer, losses.byteOffset, losses.byteLength)
  const out = new Uint8Array(losses.length * 4)
  const view = new DataView(out.buffer)
  for (let i = 0; i < losses.length; i++) view.setFloat32(i * 4, losses[i], true)
  return out
}

/** batches.f32's losses; a cut-short last value (fewer than 4 bytes) is left out. */
export function batchLossesOf(bytes: Uint8Array): Float32Array {
  const n = Math.floor(bytes.length / 4)
  const out = new Float32Array(n)
  const view = new DataView(bytes.buffer, bytes.byteOffset, n * 4)
  for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true)
  return out
}
