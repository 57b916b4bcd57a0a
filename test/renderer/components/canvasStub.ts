/**
 * happy-dom has no 2D canvas: getContext returns a stand-in that records what each canvas was
 * given by putImageData, and toBlob hands back fixed PNG-ish bytes.
 */
import { vi } from 'vitest'

export const drawn = new Map<HTMLCanvasElement, Uint8ClampedArray>()
export const PNG_BYTES = Uint8Array.from([0x89, 0x50, 0x4e, 0x47])

export function stubCanvas(): void {
  drawn.clear()
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    return {
      putImageData: (image: ImageData) => drawn.set(this, image.data),
      fillRect: () => {},
      drawImage: () => {},
      fillStyle: ''
    } as unknown as CanvasRenderingContext2D
  } as never)
  HTMLCanvasElement.prototype.toBlob = function (callback: BlobCallback) {
    callback(new Blob([PNG_BYTES], { type: 'image/png' }))
  }
}
