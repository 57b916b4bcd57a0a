/**
 * The RendererApi for the whole component tree: provided once by the root (from getApi() in
 * the app, a fake in tests) and injected wherever a component or composable needs it.
 */
import { inject, provide, type InjectionKey } from 'vue'
import type { RendererApi } from '../../../shared/api'

export const API_KEY: InjectionKey<RendererApi> = Symbol('RendererApi')

export function provideApi(api: RendererApi): void {
  provide(API_KEY, api)
}

export function useApi(): RendererApi {
  const api = inject(API_KEY)
  if (!api) throw new Error('useApi() called outside a tree that provides the RendererApi')
  return api
}
