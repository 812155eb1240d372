#!/usr/bin/env node
import { main } from './main.js';

// Ctrl-C aborts the unit in flight: its transaction rolls back, committed units stay.
const controller = new AbortController();
process.once('SIGINT', () => controller.abort(new Error('interrupted')));
process.once('SIGTERM', () => controller.abort(new Error('terminated')));
void main(process.argv.slice(2), process.env, { stdout: process.stdout, stderr: process.stderr }, controller.signal).then((code) => {
  process.exitCode = code;
});
