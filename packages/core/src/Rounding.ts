/**
 * Official rounding. NHS England and DHSC round outcomes "half away from zero" (`my_round` in
 * NHSDigital/ASC-Outcomes-Framework `ascof/rounding.py`) and round published counts to the nearest 5. Outcomes are
 * rounded once, from the unrounded ratio: never round a rounded value again (Bury 2B 2024-25 is
 * 29 / 117,653 × 100,000 = 24.648… → 24.6, not 24.65 → 24.7).
 *
 * Ratios of whole numbers are rounded exactly with integer arithmetic, so binary floating point cannot move a
 * value across a rounding boundary (e.g. 1.005 → 1.01, which `Math.round(1.005 * 100) / 100` gets wrong).
 *
 * @category calculations
 */

const pow10 = (n: number) => 10n ** BigInt(n)

const isSafeInt = (x: number) => Number.isSafeInteger(x)

/** Rounds `value` to `decimals` places, half away from zero, correcting binary noise first (0.1 + 0.2 → 0.3). */
export const roundHalfAwayFromZero = (value: number, decimals: number): number => {
  if (!Number.isFinite(value)) return value
  // Read the decimal the float stands for (15 significant digits), then round that decimal exactly.
  const text = value.toPrecision(15)
  const [mantissa, expPart] = text.split("e")
  const exp = expPart ? Number(expPart) : 0
  const negative = mantissa!.startsWith("-")
  const digits = mantissa!.replace("-", "")
  const [intPart, fracPart = ""] = digits.split(".")
  // value = (intPart.fracPart) × 10^exp  →  integer N × 10^-(scale)
  const scale = fracPart.length - exp
  const n = BigInt(intPart! + fracPart)
  const rounded = roundScaled(n, scale, decimals)
  return (negative ? -1 : 1) * rounded
}

/** Rounds the non-negative integer `n × 10^-scale` to `decimals` places, half up (away from zero). */
const roundScaled = (n: bigint, scale: number, decimals: number): number => {
  if (scale <= decimals) {
    return Number(n * pow10(decimals - scale)) / 10 ** decimals
  }
  const drop = pow10(scale - decimals)
  const q = (n * 2n + drop) / (drop * 2n)
  return Number(q) / 10 ** decimals
}

/**
 * `numerator / denominator × multiplier`, rounded half away from zero to `decimals` places. Exact when numerator,
 * denominator and multiplier are whole numbers; otherwise computed in floating point and then rounded. Returns
 * `undefined` when the denominator is zero.
 */
export const roundRatio = (
  numerator: number,
  denominator: number,
  multiplier: number,
  decimals: number,
): number | undefined => {
  if (denominator === 0) return undefined
  if (isSafeInt(numerator) && isSafeInt(denominator) && isSafeInt(multiplier) && decimals <= 15) {
    const negative = numerator < 0 !== denominator < 0 && numerator !== 0
    const num = BigInt(Math.abs(numerator)) * BigInt(multiplier) * pow10(decimals)
    const den = BigInt(Math.abs(denominator))
    const q = (num * 2n + den) / (den * 2n)
    const v = Number(q) / 10 ** decimals
    return negative ? -v : v
  }
  return roundHalfAwayFromZero((numerator * multiplier) / denominator, decimals)
}

/** Rounds a count to the nearest multiple of `base` (default 5), half away from zero: 2 → 0, 3 → 5, 12.5 → 15. */
export const roundToNearest = (count: number, base = 5): number => {
  const r = roundHalfAwayFromZero(Math.abs(count) / base, 0) * base
  return count < 0 ? -r : r
}
