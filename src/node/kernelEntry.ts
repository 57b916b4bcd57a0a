/**
 * A script that is nothing but a kernel helper thread: the helpers' script when engines on
 * several threads are made from source outside the training worker and the command line (the
 * tests, the benchmark). Built entries (out/main/worker.js, out/cli/index.mjs) start their
 * helpers from themselves instead.
 */
import { isKernelThread, runKernelThread } from './kernelThread'

if (isKernelThread()) runKernelThread()
