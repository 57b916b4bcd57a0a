/**
 * A kernel helper thread's own script (kernelThread.ts): its part of each job, and nothing else.
 * Built as an entry of its own (out/main/kernel.js, out/cli/kernel.mjs), so a helper loads only
 * the job runner and the kernels' instantiation (src/node/threadEntry.ts).
 */
import { isKernelThread, runKernelThread } from './kernelThread'

if (isKernelThread()) runKernelThread()
