// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { shortcutFor, type ShortcutEvent } from '../../../src/renderer/src/keys/shortcuts'

function press(key: string, target: EventTarget | null = document.body, patch: Partial<ShortcutEvent> = {}): ReturnType<typeof shortcutFor> {
  return shortcutFor({ key, target, ctrlKey: false, metaKey: false, altKey: false, repeat: false, isComposing: false, ...patch })
}

function element(html: string, selector: string): Element {
  document.body.innerHTML = html
  return document.querySelector(selector)!
}

afterEach(() => { document.body.innerHTML = '' })

describe('keyboard shortcuts', () => {
  it('map Space, Enter, S and Esc to the run controls', () => {
    expect(press(' ')).toBe('pause-resume')
    expect(press('Enter')).toBe('train')
    expect(press('s')).toBe('step')
    expect(press('S')).toBe('step')
    expect(press('Escape')).toBe('stop')
    expect(press('x')).toBeNull()
    expect(press('Tab')).toBeNull()
  })

  it('never fire while the user types in a box, a list or an editable area', () => {
    for (const [html, selector] of [
      ['<input name="epochs">', 'input'],
      ['<input type="range">', 'input'],
      ['<textarea></textarea>', 'textarea'],
      ['<select><option>a</option></select>', 'select'],
      ['<div contenteditable="true"><b>x</b></div>', 'b']
    ]) {
      const target = element(html, selector)
      for (const key of [' ', 'Enter', 's', 'Escape']) expect(press(key, target), `${key} in ${html}`).toBeNull()
    }
  })

  it('leave Space and Enter to the button, link or tab that has the focus, but S and Esc still work there', () => {
    for (const html of ['<button>Go</button>', '<a href="#">x</a>', '<div role="tab">Data</div>']) {
      const target = element(html, 'button, a, div')
      expect(press(' ', target)).toBeNull()
      expect(press('Enter', target)).toBeNull()
      expect(press('s', target)).toBe('step')
      expect(press('Escape', target)).toBe('stop')
    }
  })

  it('stay out of dialogs, of Ctrl/Alt/Cmd combinations, of held-down repeats and of input methods', () => {
    expect(press('Escape', element('<dialog open><p>Sure?</p></dialog>', 'p'))).toBeNull()
    expect(press('s', document.body, { ctrlKey: true })).toBeNull()
    expect(press('s', document.body, { metaKey: true })).toBeNull()
    expect(press('Enter', document.body, { altKey: true })).toBeNull()
    expect(press(' ', document.body, { repeat: true })).toBeNull()
    expect(press('s', document.body, { repeat: true })).toBeNull()
    expect(press('s', document.body, { isComposing: true })).toBeNull()
    expect(press(' ', null)).toBe('pause-resume')
  })
})
