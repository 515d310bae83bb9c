/**
 * Orders strings by UTF-16 code units: the same on every machine and in every locale (a baseline
 * file is committed), and free, where the first `localeCompare` of a process loads ICU's collator
 * (about 9 ms of every CLI start and every worker here).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
