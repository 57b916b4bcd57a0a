/**
 * A script that is nothing but a run lane and its kernel helpers: the host's lane script when
 * running from source outside the training worker and the command line (the tests, the
 * benchmark). Built entries (out/main/worker.js, out/cli/index.mjs) start their lanes from
 * themselves instead.
 */
import { isKernelThread, runKernelThread } from '../kernelThread'
import { isLaneThread, runLaneThread } from './laneThread'

if (isLaneThread()) runLaneThread()
else if (isKernelThread()) runKernelThread()
