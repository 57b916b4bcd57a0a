/**
 * The training process's note that the network was set aside ("The network from before tells
 * apart 2 classes, but … has 10, so it is set aside …") holds only while the network does not fit
 * the dataset in use (TrainingStatus.networkMismatch): a newer such note replaces it, and it is
 * taken away once the network fits again or a new network replaces it, instead of staying on
 * screen naming a dataset no longer open.
 */
import { watch, type Ref } from 'vue'
import type { Notice as AppNotice, TrainingStatus } from '../../../shared/ipc'
import type { Notices } from './useNotices'

/** The code of the worker's set-aside note (src/worker/studioNetwork.ts tellIfSetAside). */
export const SET_ASIDE = 'network-set-aside'

/** Shows a notice from the app, the set-aside note as the one about its topic. */
export function showAppNotice(notices: Notices, n: AppNotice): void {
  notices.show(n.level, n.message, n.code === SET_ASIDE ? SET_ASIDE : undefined)
}

/** Takes the set-aside note away whenever the status says the network is no longer set aside. */
export function withdrawSetAsideWhenFits(notices: Notices, status: Readonly<Ref<TrainingStatus | null>>): void {
  watch(() => status.value?.networkMismatch ?? null, (mismatch) => {
    if (mismatch === null) notices.withdraw(SET_ASIDE)
  })
}
