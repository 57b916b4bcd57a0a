import type { BridgeApi } from '../../shared/api'

declare global {
  interface Window {
    /**
     * Exposed by src/preload/index.ts in the desktop app; absent in browser mode. Components
     * use getApi() from ./transport, which picks this or the WebSocket transport.
     */
    readonly api: BridgeApi
  }
}

export {}
