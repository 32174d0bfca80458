/**
 * The first index in [0, length) at which `holds` is true, or `length` when it never is. `holds` must be false and
 * then true along the range, as "element ≥ x" is along a sorted array: then this is its lower bound, and "element
 * > x" gives the upper bound. The core's one binary search, so no copy gets its bounds wrong.
 */
export function firstIndexWhere(length: number, holds: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
