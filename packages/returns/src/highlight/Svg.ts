/**
 * Inline SVG for the HTML report: sparklines for the highlight table and line, bar and stacked-bar charts for the
 * sections. Plain strings, no script, no external fonts or assets; each graphic has a text alternative (`role="img"`
 * and `aria-label`), scales with its container (`viewBox`, width 100%) and prints in colour.
 *
 * Colours are the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies.
 *
 * @category output
 */
import { escape } from "./Markdown.js"
import type { Chart } from "./Model.js"

/** The series colours (Okabe–Ito). */
export const palette = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#8C8C00",
  "#000000",
]

const fmt = (x: number) => (Math.round(x * 100) / 100).toString()

/** Round numbers for an axis: about `count` steps of 1, 2 or 5 × 10^k covering `min`…`max`. */
export const ticks = (min: number, max: number, count = 4): ReadonlyArray<number> => {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1]
  if (min === max) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1
    min -= pad
    max += pad
  }
  const raw = (max - min) / count
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag
  const lo = Math.floor(min / step) * step
  const hi = Math.ceil(max / step) * step
  const out: Array<number> = []
  for (let v = lo; v <= hi + step / 2; v += step) out.push(Math.round(v / step) * step)
  return out
}

/** A number for an axis label: thousands separated, at most one decimal. */
export const axisLabel = (v: number): string =>
  v.toLocaleString("en-GB", { maximumFractionDigits: Math.abs(v) < 10 && v % 1 !== 0 ? 1 : 0 })

/**
 * A sparkline of a series (gaps where a value is missing), the last value marked. `tone` colours the last point:
 * the direction of travel's judgement.
 */
export const sparkline = (
  values: ReadonlyArray<number | null>,
  options: {
    readonly label: string
    readonly tone?: "good" | "bad" | "neutral"
    readonly target?: number
  } = {
    label: "",
  },
): string => {
  const w = 120
  const h = 32
  const pad = 4
  const nums = values.filter((v): v is number => v !== null)
  const aria = escape(options.label)
  if (nums.length === 0) {
    return `<svg class="spark" viewBox="0 0 ${w} ${h}" role="img" aria-label="${aria}: no values"><line x1="${pad}" y1="${h / 2}" x2="${w - pad}" y2="${h / 2}" stroke="#bbb" stroke-dasharray="2 3"/></svg>`
  }
  const all = options.target === undefined ? nums : [...nums, options.target]
  let lo = Math.min(...all)
  let hi = Math.max(...all)
  if (lo === hi) {
    lo -= 1
    hi += 1
  }
  const x = (i: number) =>
    pad + (values.length === 1 ? (w - 2 * pad) / 2 : (i * (w - 2 * pad)) / (values.length - 1))
  const y = (v: number) => h - pad - ((v - lo) * (h - 2 * pad)) / (hi - lo)
  const runs: Array<Array<string>> = []
  let run: Array<string> = []
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length > 0) runs.push(run)
      run = []
    } else run.push(`${fmt(x(i))},${fmt(y(v))}`)
  })
  if (run.length > 0) runs.push(run)
  const lastIndex = values.reduce<number>((acc, v, i) => (v === null ? acc : i), -1)
  const tone = options.tone === "good" ? "#1a7f37" : options.tone === "bad" ? "#c62828" : "#555"
  const target =
    options.target === undefined
      ? ""
      : `<line x1="${pad}" x2="${w - pad}" y1="${fmt(y(options.target))}" y2="${fmt(y(options.target))}" stroke="#888" stroke-dasharray="3 2" stroke-width="1"/>`
  const lines = runs
    .map((r) =>
      r.length === 1
        ? `<circle cx="${r[0]!.split(",")[0]}" cy="${r[0]!.split(",")[1]}" r="1.5" fill="#1f4e79"/>`
        : `<polyline points="${r.join(" ")}" fill="none" stroke="#1f4e79" stroke-width="1.6" stroke-linejoin="round" stroke-linecap="round"/>`,
    )
    .join("")
  const last = values[lastIndex]!
  return `<svg class="spark" viewBox="0 0 ${w} ${h}" role="img" aria-label="${aria}">${target}${lines}<circle cx="${fmt(x(lastIndex))}" cy="${fmt(y(last))}" r="2.8" fill="${tone}"/></svg>`
}

const shortCategory = (c: string) => {
  const m = /^([A-Z][a-z]{2}) (\d{4})$/.exec(c)
  return m ? `${m[1]} ${m[2]!.slice(2)}` : c
}

/** A chart as SVG (line, grouped bars or stacked bars), with axes, a legend and a text alternative. */
export const chart = (c: Chart): string => {
  const W = 640
  const legendRows = Math.ceil(c.series.length / 3)
  const H = 240 + legendRows * 18
  const left = 48
  const right = 12
  const top = 14
  const bottom = 44 + legendRows * 18
  const plotW = W - left - right
  const plotH = H - top - bottom
  const n = c.categories.length
  const stacked = c.kind === "stacked"
  const totals = c.categories.map((_, i) => c.series.reduce((a, s) => a + (s.values[i] ?? 0), 0))
  const values = c.series.flatMap((s) => s.values.filter((v): v is number => v !== null))
  const maxV = stacked
    ? Math.max(0, ...totals)
    : Math.max(0, ...values, ...(c.target === undefined ? [] : [c.target]))
  const minV =
    c.kind === "line" && values.length > 0
      ? Math.min(...values, ...(c.target === undefined ? [] : [c.target]))
      : Math.min(0, ...values)
  const t = ticks(c.kind === "line" && minV > 0 && minV > maxV * 0.5 ? minV : Math.min(0, minV), maxV)
  const lo = t[0]!
  const hi = t.at(-1)!
  const y = (v: number) => top + plotH - ((v - lo) * plotH) / (hi - lo || 1)
  const band = plotW / Math.max(1, n)
  const cx = (i: number) => left + band * (i + 0.5)
  const parts: Array<string> = []
  for (const v of t) {
    parts.push(
      `<line x1="${left}" x2="${W - right}" y1="${fmt(y(v))}" y2="${fmt(y(v))}" stroke="#e3e3e3"/>`,
      `<text x="${left - 6}" y="${fmt(y(v) + 3.5)}" text-anchor="end" class="ax">${escape(axisLabel(v))}${c.unit === "%" ? "%" : ""}</text>`,
    )
  }
  const every = n > 12 ? Math.ceil(n / 12) : 1
  c.categories.forEach((cat, i) => {
    if (i % every !== 0 && i !== n - 1) return
    parts.push(
      `<text x="${fmt(cx(i))}" y="${top + plotH + 14}" text-anchor="middle" class="ax">${escape(shortCategory(cat))}</text>`,
    )
  })
  parts.push(
    `<line x1="${left}" x2="${W - right}" y1="${fmt(y(Math.max(lo, 0)))}" y2="${fmt(y(Math.max(lo, 0)))}" stroke="#888"/>`,
  )
  if (c.kind === "line") {
    c.series.forEach((s, k) => {
      const colour = palette[k % palette.length]!
      let path = ""
      s.values.forEach((v, i) => {
        if (v === null) return
        const prev = i > 0 ? s.values[i - 1] : null
        path += `${prev === null || prev === undefined ? "M" : "L"}${fmt(cx(i))},${fmt(y(v))}`
        parts.push(
          `<circle cx="${fmt(cx(i))}" cy="${fmt(y(v))}" r="2.5" fill="${colour}"><title>${escape(`${s.name}, ${c.categories[i]}: ${axisLabel(v)}${c.unit === "%" ? "%" : ""}`)}</title></circle>`,
        )
      })
      if (path !== "") parts.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="2"/>`)
    })
  } else {
    const groupW = band * 0.72
    c.categories.forEach((cat, i) => {
      let base = 0
      c.series.forEach((s, k) => {
        const v = s.values[i]
        if (v === null || v === undefined) return
        const colour = palette[k % palette.length]!
        const tip = `<title>${escape(`${s.name}, ${cat}: ${axisLabel(v)}`)}</title>`
        if (stacked) {
          const y0 = y(base)
          const y1 = y(base + v)
          parts.push(
            `<rect x="${fmt(cx(i) - groupW / 2)}" y="${fmt(Math.min(y0, y1))}" width="${fmt(groupW)}" height="${fmt(Math.abs(y0 - y1))}" fill="${colour}">${tip}</rect>`,
          )
          base += v
        } else {
          const bw = groupW / c.series.length
          const x0 = cx(i) - groupW / 2 + k * bw
          parts.push(
            `<rect x="${fmt(x0)}" y="${fmt(Math.min(y(v), y(0)))}" width="${fmt(bw * 0.92)}" height="${fmt(Math.abs(y(0) - y(v)))}" fill="${colour}">${tip}</rect>`,
          )
        }
      })
    })
  }
  if (c.target !== undefined) {
    parts.push(
      `<line x1="${left}" x2="${W - right}" y1="${fmt(y(c.target))}" y2="${fmt(y(c.target))}" stroke="#444" stroke-dasharray="5 4"/>`,
    )
  }
  c.series.forEach((s, k) => {
    const col = k % 3
    const row = Math.floor(k / 3)
    const lx = left + col * (plotW / 3)
    const ly = H - bottom + 30 + row * 18
    parts.push(
      `<rect x="${fmt(lx)}" y="${ly - 9}" width="10" height="10" fill="${palette[k % palette.length]}"/>`,
      `<text x="${fmt(lx + 14)}" y="${ly}" class="lg">${escape(s.name)}</text>`,
    )
  })
  const alt = `${c.title}. ${c.series
    .map(
      (s) =>
        `${s.name}: ${s.values.map((v, i) => `${c.categories[i]} ${v === null ? "no value" : axisLabel(v)}`).join(", ")}`,
    )
    .join("; ")}`
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escape(alt)}">${parts.join("")}</svg>`
}
