/**
 * A dataset-reading thread's own script (readerThread.ts), started by reader.ts: built as an entry
 * of its own (out/main/reader.js), so the thread loads the readers and the picture import, not the
 * training worker's session (src/node/threadEntry.ts).
 */
import { isReaderThread, runReaderThread } from './readerThread'

if (isReaderThread()) void runReaderThread()
