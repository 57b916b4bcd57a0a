/** The hyperparameter form's state: the text the user typed and, from it, settings or reasons. */
import { computed, ref, type ComputedRef, type Ref } from 'vue'
import type { Hyperparameters } from '../../../shared/ipc'
import { fieldsFrom, readForm, type FieldErrors, type FormResult, type HyperparameterFields } from '../forms/hyperparameterForm'

export interface HyperparameterForm {
  readonly fields: Ref<HyperparameterFields>
  readonly result: ComputedRef<FormResult>
  readonly errors: ComputedRef<FieldErrors>
  /** Fills every field from `h` (last run's settings, an opened model's). */
  fill(h: Hyperparameters): void
}

export function useHyperparameterForm(): HyperparameterForm {
  const fields = ref<HyperparameterFields>(fieldsFrom())
  const result = computed(() => readForm(fields.value))
  const errors = computed<FieldErrors>(() => (result.value.ok ? {} : result.value.errors))
  return { fields, result, errors, fill: (h) => { fields.value = fieldsFrom(h) } }
}
