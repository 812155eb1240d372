/**
 * Sets the process's exit code to what `command` resolves to. Node exits 0 when nothing is left
 * to wait on, also when a command is stuck on a promise that nothing will settle; then this exits
 * 1 with a line on stderr instead, so that a job that did not finish never looks to cron or
 * systemd like one that did.
 *
 * @example
 * ```ts
 * exitWith(main(process.argv.slice(2), process.env, { stdout: process.stdout, stderr: process.stderr }));
 * ```
 */
export function exitWith(command: Promise<number>): void {
  let settled = false;
  void command.then((code) => {
    settled = true;
    process.exitCode = code;
  });
  process.once('beforeExit', () => {
    if (settled) return;
    process.stderr.write('x-sync: internal error: the command stopped before it finished (nothing was left to wait on); please report it\n');
    process.exitCode = 1;
  });
}
