/**
 * Requests whose answer replaces what the page shows (the run's status, the sweep's, the list of
 * runs): the answer goes to `take` and the request resolves true; a refusal or failure is shown
 * as a notice and resolves false. While one is on its way `busy` (when given) is true, so that
 * buttons wait for its answer.
 */
import type { Ref } from 'vue'
import type { Notices } from './useNotices'

export function requestsInto<T>(
  take: (answer: T) => void, notices: Pick<Notices, 'report'>, busy: Ref<boolean> | null = null
): (send: () => Promise<T>) => Promise<boolean> {
  return async (send) => {
    if (busy) busy.value = true
    try {
      take(await send())
      return true
    } catch (e) {
      notices.report(e)
      return false
    } finally {
      if (busy) busy.value = false
    }
  }
}
