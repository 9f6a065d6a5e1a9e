/** Orders entry ids (`bigint` as decimal strings, no leading zeros) numerically. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
