/**
 * A folder dropped anywhere on the window (parts with a drop zone of their own, such as the Try
 * tab, stop the event first): walked by the page (files/pictureFolder.ts) and handed to `open`;
 * anything else dropped (loose files, several folders) is answered by `refuse` rather than opened
 * by the browser in place of the studio.
 */
import { onScopeDispose } from 'vue'
import { droppedFolder, type ChosenFolder } from '../files/pictureFolder'

export function useFolderDrop(open: (folder: ChosenFolder) => void, refuse: (e?: unknown) => void, target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): void {
  const carriesFiles = (e: DragEvent): boolean => e.dataTransfer?.types.includes('Files') === true
  const over = (e: Event): void => {
    if (carriesFiles(e as DragEvent)) e.preventDefault()
  }
  const drop = (e: Event): void => {
    const event = e as DragEvent
    if (!carriesFiles(event) || event.defaultPrevented) return
    event.preventDefault()
    const items = event.dataTransfer?.items
    if (!items) return
    // the entries must be taken while the drop event lasts: droppedFolder does so before it waits
    droppedFolder(items).then((folder) => (folder ? open(folder) : refuse()), refuse)
  }
  target.addEventListener('dragover', over)
  target.addEventListener('drop', drop)
  onScopeDispose(() => {
    target.removeEventListener('dragover', over)
    target.removeEventListener('drop', drop)
  })
}
