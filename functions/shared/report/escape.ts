/** A number as the report prints it: at most two decimals, or `n/a`. */
export function figure(value: number | null): string {
  if (value === null) return 'n/a';
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
