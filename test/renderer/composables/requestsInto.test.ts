/** Requests whose answer replaces what the page shows: busy while on the way, the answer taken, a refusal shown. */
import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import { requestsInto } from '../../../src/renderer/src/composables/requestsInto'

describe('requestsInto', () => {
  it('is busy while the request is on its way, then takes the answer and resolves true', async () => {
    const busy = ref(false)
    const taken: number[] = []
    const reported: unknown[] = []
    const send = requestsInto<number>((n) => taken.push(n), { report: (e) => reported.push(e) }, busy)
    let answer: (n: number) => void = () => undefined
    const done = send(() => new Promise<number>((resolve) => { answer = resolve }))
    expect(busy.value).toBe(true)
    answer(7)
    expect(await done).toBe(true)
    expect(busy.value).toBe(false)
    expect(taken).toEqual([7])
    expect(reported).toEqual([])
  })

  it('shows a refusal as a notice, keeps what the page shows and resolves false', async () => {
    const busy = ref(false)
    const taken: number[] = []
    const reported: unknown[] = []
    const refusal = new Error('There is no dataset yet.')
    const send = requestsInto<number>((n) => taken.push(n), { report: (e) => reported.push(e) }, busy)
    expect(await send(() => Promise.reject(refusal))).toBe(false)
    expect(busy.value).toBe(false)
    expect(taken).toEqual([])
    expect(reported).toEqual([refusal])
  })
})
