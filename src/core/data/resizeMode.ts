/**
 * How the pictures of a dataset made from a folder became 32×32 (Dataset.resize): crop, the
 * largest centred square, then down to 32×32; squash, the whole picture stretched to 32×32; pad,
 * the whole picture fitted inside 32×32, the rest filled (pictures/types.ts: PAD_RGB). A model
 * trained on such a dataset keeps it, so that new pictures are made 32×32 the same way.
 */
export type ResizeMode = 'crop' | 'squash' | 'pad'
export const RESIZE_MODES: readonly ResizeMode[] = ['crop', 'squash', 'pad']
export const DEFAULT_RESIZE: ResizeMode = 'crop'
