#!/usr/bin/env node
import { exitWith } from './exit-guard.js';
import { main } from './main.js';

// Ctrl-C aborts the unit in flight: its transaction rolls back, committed units stay.
const controller = new AbortController();
process.once('SIGINT', () => controller.abort(new Error('interrupted')));
process.once('SIGTERM', () => controller.abort(new Error('terminated')));
// A reader that goes away (`x-sync run --json | head`) stops the run the same way, where Node
// would otherwise die of the EPIPE with a stack trace: there is no one left to report to.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => controller.abort(new Error('output closed')));
exitWith(main(process.argv.slice(2), process.env, { stdout: process.stdout, stderr: process.stderr }, controller.signal));
