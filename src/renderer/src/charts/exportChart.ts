/**
 * Saving a chart: its canvas as a PNG picture (on the panel's background colour, since the chart
 * itself is drawn on a transparent canvas) and text as a CSV file, both as downloads.
 */
import { downloadBytes } from '../files/browserFiles'

/** The canvas's pixels on `background`, as PNG bytes. */
export function canvasPng(canvas: HTMLCanvasElement, background: string): Promise<Uint8Array> {
  const copy = document.createElement('canvas')
  copy.width = canvas.width
  copy.height = canvas.height
  const ctx = copy.getContext('2d')
  if (!ctx) return Promise.reject(new Error('This browser cannot draw the chart into a picture.'))
  ctx.fillStyle = background
  ctx.fillRect(0, 0, copy.width, copy.height)
  ctx.drawImage(canvas, 0, 0)
  return new Promise((resolve, reject) => {
    copy.toBlob((blob) => {
      if (!blob) reject(new Error('The chart could not be turned into a picture.'))
      else blob.arrayBuffer().then((b) => resolve(new Uint8Array(b)), reject)
    }, 'image/png')
  })
}

export async function downloadPng(canvas: HTMLCanvasElement, background: string, name: string): Promise<void> {
  downloadBytes(name, await canvasPng(canvas, background))
}

export function downloadText(name: string, text: string): void {
  downloadBytes(name, new TextEncoder().encode(text))
}
