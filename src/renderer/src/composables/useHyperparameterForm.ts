/** The hyperparameter form's state: the text the user typed and, from it, settings or reasons. */
import { computed, ref, type ComputedRef, type Ref } from 'vue'
import type { Hyperparameters, StepSettings } from '../../../shared/ipc'
import {
  fieldsFrom, readForm, stepSettingsOf, type FieldErrors, type FormResult, type HyperparameterFields
} from '../forms/hyperparameterForm'
import { applyPreset, matchingPreset, type Preset, type PresetId } from '../forms/presets'

export interface HyperparameterForm {
  readonly fields: Ref<HyperparameterFields>
  readonly result: ComputedRef<FormResult>
  readonly errors: ComputedRef<FieldErrors>
  /** the preset the form matches, or null. */
  readonly preset: ComputedRef<PresetId | null>
  /** learning rate, momentum and L2 as the form says (null while one of them is wrong). */
  readonly stepSettings: ComputedRef<StepSettings | null>
  /** Fills every field from `h` (last run's settings, an opened model's); threads stay unless given. */
  fill(h: Hyperparameters, threads?: number): void
  set<K extends keyof HyperparameterFields>(key: K, value: HyperparameterFields[K]): void
  applyPreset(preset: Preset): void
}

export function useHyperparameterForm(): HyperparameterForm {
  const fields = ref<HyperparameterFields>(fieldsFrom())
  const result = computed(() => readForm(fields.value))
  const errors = computed<FieldErrors>(() => (result.value.ok ? {} : result.value.errors))
  return {
    fields,
    result,
    errors,
    preset: computed(() => matchingPreset(fields.value)),
    stepSettings: computed(() => stepSettingsOf(fields.value)),
    fill(h, threads) {
      fields.value = fieldsFrom(h, threads ?? (Number(fields.value.threads) || 0))
    },
    set(key, value) {
      fields.value = { ...fields.value, [key]: value }
    },
    applyPreset(preset) {
      fields.value = applyPreset(fields.value, preset)
    }
  }
}
