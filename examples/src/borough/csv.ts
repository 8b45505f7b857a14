/**
 * Minimal CSV helpers for the borough files: RFC 4180 quoting on write, and a small reader for tests and
 * examples (quoted fields, doubled quotes, CRLF or LF; no multi-line fields, which the generator never writes).
 */

const NEEDS_QUOTES = /[",\r\n]/

/** One CSV cell, quoted only when it holds a comma, quote or line break. */
export const csvCell = (value: string): string =>
  NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value

/** One CSV line (without the line break). */
export const csvLine = (values: ReadonlyArray<string>): string => csvRange(values, 0, values.length)

/** Cells `from` (inclusive) to `to` (exclusive) of `values` as part of a CSV line. */
export const csvRange = (values: ReadonlyArray<string>, from: number, to: number): string => {
  let out = ""
  for (let i = from; i < to; i++) {
    if (i > from) out += ","
    const v = values[i] as string
    out += v === "" ? "" : csvCell(v)
  }
  return out
}

/** Splits one CSV line into cells (handles quoted cells and doubled quotes). */
export const parseCsvLine = (line: string): string[] => {
  const out: string[] = []
  let i = 0
  const n = line.length
  while (i <= n) {
    if (line.charCodeAt(i) === 34) {
      let cell = ""
      i++
      for (;;) {
        const q = line.indexOf('"', i)
        if (q < 0) {
          cell += line.slice(i)
          i = n
          break
        }
        cell += line.slice(i, q)
        if (line.charCodeAt(q + 1) === 34) {
          cell += '"'
          i = q + 2
        } else {
          i = q + 1
          break
        }
      }
      out.push(cell)
      i++ // skip the comma
    } else {
      const c = line.indexOf(",", i)
      if (c < 0) {
        out.push(line.slice(i))
        break
      }
      out.push(line.slice(i, c))
      i = c + 1
      if (i === n) {
        out.push("")
        break
      }
    }
  }
  return out
}

/** Splits CSV text into rows of cells (LF or CRLF line breaks; a final empty line is ignored). */
export const parseCsv = (text: string): string[][] => {
  const lines = text.split(/\r?\n/)
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop()
  return lines.map(parseCsvLine)
}
