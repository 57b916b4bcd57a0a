/**
 * How the panels reach the studio's state: StudioApp provides it under STUDIO, and any component
 * below it calls useStudioContext() instead of taking a dozen props.
 */
import { inject, type InjectionKey } from 'vue'
import type { Studio } from './useStudio'

export const STUDIO: InjectionKey<Studio> = Symbol('studio')

/** The studio provided by StudioApp; throws when used outside it (a test must provide one). */
export function useStudioContext(): Studio {
  const studio = inject(STUDIO, null)
  if (!studio) throw new Error('useStudioContext() needs the studio: render this component inside StudioApp, or provide(STUDIO, studio) in the test.')
  return studio
}
