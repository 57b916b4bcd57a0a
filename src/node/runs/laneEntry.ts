/**
 * A run lane's own script (laneThread.ts): the lane, its trainer and engine, and what starts its
 * kernel helpers, which run kernelEntry.ts. Built as an entry of its own (out/main/lane.js,
 * out/cli/lane.mjs), so a lane thread loads none of the process it trains for (src/node/threadEntry.ts).
 */
import { isLaneThread, runLaneThread } from './laneThread'

if (isLaneThread()) runLaneThread()
