/**
 * Entry point of the `nn-scratch` command (npm run cli -- <command>), and of its training threads:
 * the run host starts its lane threads from this same script (src/node/runs/laneThread.ts), and
 * the lanes their kernel helpers (src/node/kernelThread.ts), which then become lanes or helpers
 * instead of running a command.
 */
import { isKernelThread, runKernelThread } from '../node/kernelThread'
import { isLaneThread, runLaneThread } from '../node/runs/laneThread'
import { processIo } from './io'
import { runCli } from './main'

if (isLaneThread()) runLaneThread()
else if (isKernelThread()) runKernelThread()
else process.exitCode = await runCli(process.argv.slice(2), processIo(new URL(import.meta.url)))
