/**
 * RendererApi: what the preload hands the renderer as `window.api` through contextBridge, the
 * renderer's only way out of its sandbox. It grows with the IPC contract.
 */
export interface RendererApi {
  /** The app's version, e.g. "0.1.0". */
  readonly version: string
}
