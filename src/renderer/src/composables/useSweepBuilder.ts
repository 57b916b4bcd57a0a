/**
 * The sweep builder's state: its fields (sweepFields.ts), what they say against the settings form
 * on the left (the base of every run), and the cost sentence from 'sweep:estimate', asked again
 * (debounced) whenever the spec or the base changes while nothing trains; an answer to an older
 * question is dropped. Start sends the spec and the base to 'sweep:start'.
 */
import { computed, onScopeDispose, ref, shallowRef, watch, type ComputedRef, type Ref, type ShallowRef } from 'vue'
import type { SweepEstimate } from '../../../core/runs/types'
import type { TrainConfig } from '../../../shared/ipc'
import { messageOf } from './useNotices'
import { readSweep, sweepFields, type SweepFields, type SweepReading } from '../sweep/sweepFields'
import type { HyperparameterForm } from './useHyperparameterForm'
import type { SweepState } from './useSweep'

/** How long typing must pause before the cost is asked again. */
export const ESTIMATE_DEBOUNCE_MS = 400

export interface SweepBuilder {
  readonly fields: Ref<SweepFields>
  readonly reading: ComputedRef<SweepReading>
  /** the form's settings as the base of every run; null while the form has mistakes. */
  readonly config: ComputedRef<TrainConfig | null>
  /** the latest cost, for the spec it was asked for; null while unknown. */
  readonly estimate: Readonly<ShallowRef<SweepEstimate | null>>
  /** why the cost could not be said (the training process's plain words). */
  readonly estimateProblem: Readonly<Ref<string | null>>
  readonly estimating: Readonly<Ref<boolean>>
  /** everything is right and nothing trains. */
  readonly canStart: ComputedRef<boolean>
  start(): Promise<boolean>
}

export interface SweepBuilderDeps {
  readonly form: HyperparameterForm
  readonly sweep: SweepState
  /** nothing trains (neither a sweep nor the studio's run) and a dataset is loaded. */
  readonly idle: () => boolean
}

export function useSweepBuilder({ form, sweep, idle }: SweepBuilderDeps): SweepBuilder {
  const fields = ref<SweepFields>(sweepFields())
  const config = computed<TrainConfig | null>(() => {
    const r = form.result.value
    return r.ok ? { ...r.hyper, threads: r.threads } : null
  })
  const reading = computed(() => readSweep(fields.value, config.value))
  const estimate = shallowRef<SweepEstimate | null>(null)
  const estimateProblem = ref<string | null>(null)
  const estimating = ref(false)
  /** the question the shown answer belongs to; answers to others are dropped. */
  let asked = ''
  let timer: ReturnType<typeof setTimeout> | null = null

  const question = computed(() => {
    const spec = reading.value.runs !== null ? reading.value.spec : null
    return spec && config.value && idle() ? JSON.stringify({ spec, config: config.value }) : ''
  })

  async function ask(key: string): Promise<void> {
    const { spec, config: base } = JSON.parse(key) as { spec: NonNullable<SweepReading['spec']>; config: TrainConfig }
    estimating.value = true
    try {
      const answer = await sweep.estimate(spec, base)
      if (asked !== key) return
      estimate.value = answer
      estimateProblem.value = null
    } catch (e) {
      if (asked !== key) return
      estimate.value = null
      estimateProblem.value = messageOf(e)
    } finally {
      if (asked === key) estimating.value = false
    }
  }

  watch(question, (key) => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    if (key === asked) return
    asked = key
    estimate.value = null
    estimateProblem.value = null
    estimating.value = key !== ''
    if (key !== '') timer = setTimeout(() => { timer = null; void ask(key) }, ESTIMATE_DEBOUNCE_MS)
  }, { immediate: true })
  onScopeDispose(() => { if (timer !== null) clearTimeout(timer) })

  const canStart = computed(() => reading.value.spec !== null && reading.value.runs !== null && config.value !== null && idle() && !sweep.busy.value)

  return {
    fields, reading, config, estimate, estimateProblem, estimating, canStart,
    async start() {
      const spec = reading.value.spec
      if (!canStart.value || !spec || !config.value) return false
      return sweep.start(spec, config.value)
    }
  }
}
