/**
 * `pnpm bench`: the benchmarks, written to docs/benchmarks.md. They arrive with the clients
 * they measure; until then this says so instead of pretending to measure.
 */
console.log('No benchmarks yet: they come with the client packages (see the issues).');
