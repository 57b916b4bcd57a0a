/**
 * The Try tab's state: the pictures the user gave (dropped, pasted, chosen, or a folder's), the
 * networks they are tried on (the current one, then up to three model files or recorded runs to
 * compare), and the training process's answer. Asking again follows every change of pictures or
 * networks, and a new current network (a run that ended, a model opened) once the tab shows.
 * The pictures go in parts within TRY_LIMITS and the upload limit, one part at a time, so only a
 * part's bytes are read at once; the answers are joined (tryView.ts). A newer question makes the
 * answer of an older one stale: it is dropped. The answer sits in a shallowRef.
 */
import { computed, ref, shallowRef, watch, type ComputedRef, type Ref, type ShallowRef } from 'vue'
import type { RendererApi } from '../../../shared/api'
import { LIMITS } from '../../../shared/ipc'
import { TRY_LIMITS, type TryAnswer, type TryModelChoice } from '../../../shared/tryPictures'
import { joinAnswers, requestParts } from '../try/tryView'

/** Pictures the tab takes at once (asked about in parts of TRY_LIMITS.maxPictures). */
export const MAX_TRIED = 2000

export interface TryItem {
  /** its path within a folder ("mypics/cats/tom.jpg"), or its file name. */
  readonly name: string
  readonly file: File
}

/** A network compared with the current one. */
export interface ComparedModel {
  readonly key: string
  readonly name: string
  readonly choice: Exclude<TryModelChoice, { kind: 'current' }>
}

export interface TryPictures {
  readonly items: Readonly<ShallowRef<readonly TryItem[]>>
  readonly compared: Readonly<ShallowRef<readonly ComparedModel[]>>
  /** the answer for `items` (null before the first, or without pictures). */
  readonly answer: Readonly<ShallowRef<TryAnswer | null>>
  readonly busy: Readonly<Ref<boolean>>
  /** why the last question was not answered, in plain words. */
  readonly error: Readonly<Ref<string | null>>
  /** why pictures given were left out (more than MAX_TRIED), in plain words. */
  readonly note: Readonly<Ref<string | null>>
  /** more networks may be added (up to TRY_LIMITS.maxModels, the current one included). */
  readonly canCompare: ComputedRef<boolean>
  /** Adds pictures (each named by its path within a folder, when it came in one). */
  add(files: readonly { readonly file: File; readonly name?: string }[]): void
  clear(): void
  compare(model: ComparedModel): void
  remove(key: string): void
  ask(): Promise<void>
}

export interface TryDeps {
  readonly api: RendererApi
  /** the current network exists (trained, opened, or a recorded run opened). */
  readonly hasNetwork: () => boolean
  /** changes whenever the current network does (a new run, an epoch, a model opened). */
  readonly networkStamp: () => string
  /** the tab shows (a changed network is asked about when it does). */
  readonly active: () => boolean
  /** the current network is training: its answers would be stale at once, so it is not asked meanwhile. */
  readonly training: () => boolean
}

const isHidden = (name: string): boolean => name.split('/').some((part) => part.startsWith('.') || part === '__MACOSX')
const mb = (n: number): string => `${Math.ceil(n / 1024 ** 2)} MB`

export function useTryPictures(d: TryDeps): TryPictures {
  const items = shallowRef<readonly TryItem[]>([])
  const compared = shallowRef<readonly ComparedModel[]>([])
  const answer = shallowRef<TryAnswer | null>(null)
  const busy = ref(false)
  const error = ref<string | null>(null)
  const note = ref<string | null>(null)
  /** the network stamp and pictures the answer is for. */
  let askedStamp: string | null = null
  let generation = 0

  const currentAsked = (): boolean => d.hasNetwork()
  const canCompare = computed(() => compared.value.length + 1 < TRY_LIMITS.maxModels)

  function choices(): TryModelChoice[] {
    return [...(currentAsked() ? [{ kind: 'current' } as const] : []), ...compared.value.map((m) => m.choice)]
  }

  async function ask(): Promise<void> {
    const mine = ++generation
    const list = items.value
    const models = choices()
    if (list.length === 0 || models.length === 0) {
      answer.value = null
      busy.value = false
      return
    }
    busy.value = true
    error.value = null
    askedStamp = d.networkStamp()
    try {
      const unsent = new Map<number, string>()
      const sendable: number[] = []
      list.forEach((item, i) => {
        if (item.file.size > TRY_LIMITS.maxPictureBytes) {
          unsent.set(i, `The file is ${mb(item.file.size)}, more than the ${mb(TRY_LIMITS.maxPictureBytes)} a picture may be. Make it smaller and try again.`)
        } else sendable.push(i)
      })
      const modelBytes = models.reduce((n, m) => n + (m.kind === 'file' ? m.file.bytes.length : 0), 0)
      // room for the names and the frame around them
      const budget = LIMITS.maxUploadBytes - modelBytes - 1024 ** 2
      const parts = requestParts(sendable.map((i) => list[i].file.size), TRY_LIMITS.maxPictures, budget).map((p) => p.map((k) => sendable[k]))
      const answered: { indices: number[]; answer: TryAnswer }[] = []
      for (const indices of parts) {
        const pictures = await Promise.all(indices.map(async (i) => ({ name: list[i].name, bytes: new Uint8Array(await list[i].file.arrayBuffer()) })))
        if (mine !== generation) return
        answered.push({ indices, answer: await d.api.invoke('try:pictures', { request: { pictures, models } }) })
        if (mine !== generation) return
      }
      answer.value = joinAnswers(list.map((item) => item.name), answered, unsent)
    } catch (e) {
      if (mine !== generation) return
      error.value = e instanceof Error ? e.message : String(e)
    } finally {
      if (mine === generation) busy.value = false
    }
  }

  function add(files: readonly { readonly file: File; readonly name?: string }[]): void {
    const named = files.map((f) => ({ file: f.file, name: f.name ?? f.file.name })).filter((f) => !isHidden(f.name))
    const room = MAX_TRIED - items.value.length
    note.value = null
    if (named.length > room) {
      note.value = `That is ${named.length} pictures; the Try tab takes at most ${MAX_TRIED} at once. ` +
        'Clear the pictures shown, or choose a smaller folder (nn-scratch predict answers for any number).'
      if (room <= 0) return
    }
    const added = named.slice(0, Math.max(0, room))
    if (added.length === 0) return
    items.value = [...items.value, ...added]
    void ask()
  }

  function clear(): void {
    items.value = []
    answer.value = null
    error.value = null
    note.value = null
    generation++
    busy.value = false
  }

  function compare(model: ComparedModel): void {
    if (!canCompare.value || compared.value.some((m) => m.key === model.key)) return
    compared.value = [...compared.value, model]
    void ask()
  }

  function remove(key: string): void {
    compared.value = compared.value.filter((m) => m.key !== key)
    void ask()
  }

  // a new current network (or none) is asked about once the tab shows and it is not training
  watch(() => [d.networkStamp(), d.active(), d.training()] as const, ([stamp, active, training]) => {
    if (active && !training && items.value.length > 0 && stamp !== askedStamp) void ask()
  })

  return { items, compared, answer, busy, error, note, canCompare, add, clear, compare, remove, ask }
}
