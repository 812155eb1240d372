/**
 * Deterministic GUIDs for fake data: the same inputs give the same ids on every run, and the
 * `0000…` prefix shows at a glance that they are not real.
 */
export function fakeGuid(kind: number, n: number): string {
  const hex = (value: number, width: number) => value.toString(16).padStart(width, '0');
  return `00000000-${hex(kind, 4)}-4000-8000-${hex(n, 12)}`;
}
