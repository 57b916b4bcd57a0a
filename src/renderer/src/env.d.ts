import type { RendererApi } from '../../shared/api'

declare global {
  interface Window {
    /** Exposed by src/preload/index.ts. */
    readonly api: RendererApi
  }
}

export {}
