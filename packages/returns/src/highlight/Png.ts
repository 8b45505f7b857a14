/**
 * Sparkline images for the workbook. exceljs cannot write Excel's native sparklines, so each measure's trend is a
 * small PNG drawn here (a polyline with gaps where a value is missing, the last point marked, a dashed target line)
 * and anchored in the highlight table's Trend cell; the numbers behind it are on the "Trend data" sheet. The PNG is
 * encoded by hand (RGBA, zlib from node:zlib, CRC-32), drawn at twice its display size so it stays sharp.
 *
 * @category output
 */
import { deflateSync } from "node:zlib"

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

const crc32 = (buf: Buffer): number => {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

const chunk = (type: string, data: Buffer): Buffer => {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, "ascii"), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/** An RGBA canvas. */
export interface Canvas {
  readonly width: number
  readonly height: number
  readonly data: Uint8Array
}

/** A blank (transparent) canvas. */
export const canvas = (width: number, height: number): Canvas => ({
  width,
  height,
  data: new Uint8Array(width * height * 4),
})

const rgb = (hex: string): [number, number, number] => [
  Number.parseInt(hex.slice(1, 3), 16),
  Number.parseInt(hex.slice(3, 5), 16),
  Number.parseInt(hex.slice(5, 7), 16),
]

/** Paints a pixel, blending `alpha` (0–1) over what is there. */
const plot = (c: Canvas, x: number, y: number, colour: [number, number, number], alpha: number) => {
  const xi = Math.round(x)
  const yi = Math.round(y)
  if (xi < 0 || yi < 0 || xi >= c.width || yi >= c.height || alpha <= 0) return
  const i = (yi * c.width + xi) * 4
  const a0 = c.data[i + 3]! / 255
  const a = alpha + a0 * (1 - alpha)
  for (let k = 0; k < 3; k++) {
    c.data[i + k] = Math.round((colour[k]! * alpha + c.data[i + k]! * a0 * (1 - alpha)) / (a || 1))
  }
  c.data[i + 3] = Math.round(a * 255)
}

/** A disc of radius `r`, edges softened. */
export const disc = (c: Canvas, cx: number, cy: number, r: number, colour: string) => {
  const col = rgb(colour)
  for (let y = Math.floor(cy - r - 1); y <= Math.ceil(cy + r + 1); y++) {
    for (let x = Math.floor(cx - r - 1); x <= Math.ceil(cx + r + 1); x++) {
      const d = Math.hypot(x - cx, y - cy)
      plot(c, x, y, col, Math.max(0, Math.min(1, r + 0.5 - d)))
    }
  }
}

/** A line of width `w` from (x0, y0) to (x1, y1), as overlapping discs (simple, smooth enough at 2×). */
export const line = (
  c: Canvas,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  w: number,
  colour: string,
  dash?: number,
) => {
  const len = Math.hypot(x1 - x0, y1 - y0)
  const steps = Math.max(1, Math.ceil(len * 2))
  for (let i = 0; i <= steps; i++) {
    if (dash !== undefined && Math.floor(((i / steps) * len) / dash) % 2 === 1) continue
    disc(c, x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * i) / steps, w / 2, colour)
  }
}

/** Encodes a canvas as PNG bytes (8-bit RGBA, no interlace). */
export const encode = (c: Canvas): Buffer => {
  const raw = Buffer.alloc((c.width * 4 + 1) * c.height)
  for (let y = 0; y < c.height; y++) {
    raw[y * (c.width * 4 + 1)] = 0
    Buffer.from(c.data.buffer, c.data.byteOffset + y * c.width * 4, c.width * 4).copy(
      raw,
      y * (c.width * 4 + 1) + 1,
    )
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(c.width, 0)
  ihdr.writeUInt32BE(c.height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ])
}

/** A sparkline PNG of `values` (display size 120 × 32, drawn at 2×). */
export const sparkline = (
  values: ReadonlyArray<number | null>,
  options: { readonly tone?: "good" | "bad" | "neutral"; readonly target?: number } = {},
): Buffer => {
  const scale = 2
  const w = 120 * scale
  const h = 32 * scale
  const pad = 5 * scale
  const c = canvas(w, h)
  const nums = values.filter((v): v is number => v !== null)
  if (nums.length === 0) {
    line(c, pad, h / 2, w - pad, h / 2, 1.5 * scale, "#bbbbbb", 4 * scale)
    return encode(c)
  }
  const all = options.target === undefined ? nums : [...nums, options.target]
  let lo = Math.min(...all)
  let hi = Math.max(...all)
  if (lo === hi) {
    lo -= 1
    hi += 1
  }
  const x = (i: number) => (values.length === 1 ? w / 2 : pad + (i * (w - 2 * pad)) / (values.length - 1))
  const y = (v: number) => h - pad - ((v - lo) * (h - 2 * pad)) / (hi - lo)
  if (options.target !== undefined)
    line(c, pad, y(options.target), w - pad, y(options.target), 1 * scale, "#888888", 3 * scale)
  for (let i = 1; i < values.length; i++) {
    const a = values[i - 1]
    const b = values[i]
    if (a === null || a === undefined || b === null || b === undefined) continue
    line(c, x(i - 1), y(a), x(i), y(b), 1.6 * scale, "#1f4e79")
  }
  values.forEach((v, i) => {
    const lone =
      v !== null && (i === 0 || values[i - 1] === null) && (i === values.length - 1 || values[i + 1] === null)
    if (lone) disc(c, x(i), y(v), 1.5 * scale, "#1f4e79")
  })
  const last = values.reduce<number>((acc, v, i) => (v === null ? acc : i), -1)
  const tone = options.tone === "good" ? "#1a7f37" : options.tone === "bad" ? "#c62828" : "#555555"
  disc(c, x(last), y(values[last]!), 2.8 * scale, tone)
  return encode(c)
}
