/** The training worker's environment: libuv's pool (where pictures are decoded) as wide as the cores. */
import { availableParallelism } from 'node:os'
import { describe, expect, it } from 'vitest'
import { workerEnv } from '../../../src/main/worker/process'

describe('workerEnv', () => {
  it('sizes libuv\'s thread pool to the cores, at least 4, and keeps the rest of the environment', () => {
    const env = workerEnv({ PATH: '/usr/bin', HOME: '/home/someone' })
    expect(env.UV_THREADPOOL_SIZE).toBe(String(Math.max(4, availableParallelism())))
    expect(env.PATH).toBe('/usr/bin')
    expect(env.HOME).toBe('/home/someone')
  })

  it('keeps a size the user chose', () => {
    expect(workerEnv({ UV_THREADPOOL_SIZE: '2' }).UV_THREADPOOL_SIZE).toBe('2')
  })
})
