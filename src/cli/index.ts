/**
 * Entry point of the `nn-scratch` command (npm run cli -- <command>). Its training threads (run
 * lanes and their kernel helpers) run entries of their own beside this one
 * (src/node/threadEntry.ts), so that none of them loads the commands.
 */
import { processIo } from './io'
import { runCli } from './main'

process.exitCode = await runCli(process.argv.slice(2), processIo(new URL(import.meta.url)))
