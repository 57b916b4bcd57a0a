import { describe, expect, it } from 'vitest'
import { decodeFrame, encodeFrame, FrameError } from '../../../src/core/wire/frame'

describe('binary frames', () => {
  it('carry typed arrays of every kind, byte for byte, beside plain JSON', () => {
    const value = {
      name: 'weights',
      W: Float32Array.from([0.5, -1.25, 3e-8]),
      pixels: Uint8Array.from([0, 255, 7]),
      hist: Uint32Array.from([1, 2, 3, 4]),
      f64: Float64Array.from([Math.PI]),
      i16: Int16Array.from([-3]),
      nested: [{ clamped: Uint8ClampedArray.from([9]) }, 'text', true, null],
      empty: new Float32Array(0)
    }
    const back = decodeFrame(encodeFrame(value)) as typeof value
    expect(back).toEqual(value)
    expect(back.W).toBeInstanceOf(Float32Array)
    expect(back.pixels).toBeInstanceOf(Uint8Array)
    expect(back.nested[0]).toEqual({ clamped: Uint8ClampedArray.from([9]) })
  })

  it('keeps NaN and infinities, which JSON would turn into null', () => {
    const back = decodeFrame(encodeFrame({ loss: NaN, big: Infinity, small: -Infinity, list: [1, NaN] })) as Record<string, unknown>
    expect(back).toEqual({ loss: NaN, big: Infinity, small: -Infinity, list: [1, NaN] })
  })

  it('sends views of a larger buffer (and Node Buffers) as just their own bytes', () => {
    const big = Float32Array.from([1, 2, 3, 4, 5, 6])
    const back = decodeFrame(encodeFrame({ part: big.subarray(2, 4), buf: Buffer.from([1, 2]) })) as { part: Float32Array; buf: Uint8Array }
    expect(Array.from(back.part)).toEqual([3, 4])
    expect(back.buf).toEqual(Uint8Array.from([1, 2]))
  })

  it('keeps objects whose keys look like its own markers as they are', () => {
    const value = { $t: 0, inner: { $n: 'NaN', $o: 1 } }
    expect(decodeFrame(encodeFrame(value))).toEqual(value)
  })

  it('refuses frames that lie about their sizes or references', () => {
    const good = encodeFrame({ W: Float32Array.from([1, 2]) })
    const header = (json: string): Uint8Array => {
      const bytes = new TextEncoder().encode(json)
      const frame = new Uint8Array(8 + bytes.length + 8)
      new DataView(frame.buffer).setUint32(0, bytes.length, true)
      frame.set(bytes, 4)
      return frame
    }
    expect(() => decodeFrame(good.subarray(0, good.length - 4))).toThrow(FrameError)
    expect(() => decodeFrame(new Uint8Array(2))).toThrow(FrameError)
    expect(() => decodeFrame(header('{"v":1}'))).toThrow(/attachment table/)
    expect(() => decodeFrame(header('{"v":{"$t":3},"a":[]}'))).toThrow(/reference/)
    expect(() => decodeFrame(header('{"v":1,"a":[["Function",0,1]]}'))).toThrow(/kind/)
    expect(() => decodeFrame(header('{"v":1,"a":[["Float64Array",0,1000]]}'))).toThrow(/past the frame/)
    expect(() => decodeFrame(header('{"v":1,"a":[["Uint8Array",3,1]]}'))).toThrow(/bounds/)
    expect(() => decodeFrame(header('not json'))).toThrow(/not JSON/)
    expect(() => encodeFrame({ view: new DataView(new ArrayBuffer(4)) })).toThrow(FrameError)
  })

  it('never lets a frame set an object prototype', () => {
    const back = decodeFrame(encodeFrame(JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}'))) as Record<string, unknown>
    expect(back.ok).toBe(1)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype)
  })
})
