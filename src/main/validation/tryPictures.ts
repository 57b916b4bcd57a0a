/**
 * The check of the Try tab's request (try:pictures): one to TRY_LIMITS.maxModels networks, at most
 * TRY_LIMITS.maxPictures pictures of at most maxPictureBytes each, all of it within one upload's
 * limit. Beyond the bounds the refusal says, in plain words, what the bound is and what to do.
 */
import { UserError } from '../../core/errors'
import { LIMITS } from '../../shared/ipc'
import { TRY_LIMITS, type TryModelChoice, type TryRequest } from '../../shared/tryPictures'
import { bad, bytes, fields, list, object, oneOf, string } from './check'
import { uploadFile } from './payloads'
import { runId } from './runs'

const mb = (n: number): string => `${Math.ceil(n / 1024 ** 2)} MB`

function modelChoice(value: unknown, what: string): TryModelChoice {
  const kind = oneOf(object(value, what).kind, `${what}'s kind`, ['current', 'file', 'run'] as const)
  if (kind === 'current') {
    fields(value, what, ['kind'])
    return { kind }
  }
  if (kind === 'run') return { kind, id: runId(fields(value, what, ['kind', 'id']).id) }
  return { kind, file: uploadFile(fields(value, what, ['kind', 'file']).file, 'the model file') }
}

export function tryRequest(value: unknown): TryRequest {
  const o = fields(value, 'the pictures to try', ['pictures', 'models'])
  if (Array.isArray(o.pictures) && o.pictures.length > TRY_LIMITS.maxPictures) {
    throw new UserError('too-many-pictures',
      `That is ${o.pictures.length} pictures; NN Scratch asks about at most ${TRY_LIMITS.maxPictures} at a time. Choose fewer pictures.`)
  }
  let total = 0
  const pictures = list(o.pictures, 'the pictures', TRY_LIMITS.maxPictures, (v, w) => {
    const p = fields(v, w, ['name', 'bytes'])
    const name = string(p.name, `${w}'s name`, LIMITS.maxNameLength)
    if (p.bytes instanceof Uint8Array && p.bytes.length > TRY_LIMITS.maxPictureBytes) {
      throw new UserError('too-big', `"${name}" is ${mb(p.bytes.length)}, more than the ${mb(TRY_LIMITS.maxPictureBytes)} a picture may be. Make it smaller and try again.`)
    }
    const file = { name, bytes: bytes(p.bytes, w, TRY_LIMITS.maxPictureBytes) }
    total += file.bytes.length
    if (total > LIMITS.maxUploadBytes) throw bad('the pictures', `at most ${LIMITS.maxUploadBytes} bytes in all`, total)
    return file
  })
  const models = list(o.models, 'the networks', TRY_LIMITS.maxModels, modelChoice)
  if (models.length === 0) throw bad('the networks', 'a list of one network or more', o.models)
  return { pictures, models }
}
