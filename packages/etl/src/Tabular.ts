/**
 * Reading tabular source files — CSV, XLSX and ODS — as streams of rows numbered as a spreadsheet shows them (the
 * header is row 1), without ever holding a whole file in memory.
 *
 * - `probe` reads a file once: size, sha256, and what it is (text in UTF-8, UTF-8 with BOM or Windows-1252; a zip
 *   container such as XLSX/ODS; binary; empty).
 * - `table` streams a file's rows: it finds the header, maps each header cell to a canonical column name with the
 *   caller's function, rejects duplicated headers and missing required columns with a `SourceFileError`, and
 *   marks rows with too few or too many fields (a truncated line) so the pipeline quarantines them.
 *
 * CSV follows RFC 4180 (quoted fields, doubled quotes, embedded newlines; CRLF, LF or CR line ends). A record
 * with a quoted newline is still one spreadsheet row. Blank rows are skipped (they are not data) but still advance
 * the row number.
 *
 * @category readers
 */

import { isUtf8 } from "node:buffer"
import { createHash } from "node:crypto"
import { createReadStream, promises as fsp } from "node:fs"
import { extname } from "node:path"
import { Chunk, Effect, Stream } from "effect"
import ExcelJS from "exceljs"
import { SourceFileError } from "./EtlError.js"
import { readError as odsReadError, odsRecords } from "./Ods.js"
import type { RawRow, RowIssue, SourceRow } from "./SourcePlugin.js"

/** How a text file is encoded. */
export type Encoding = "utf-8" | "utf-8-bom" | "windows-1252"

/** What `probe` learned about a file. */
export interface Probe {
  readonly path: string
  readonly size: number
  readonly sha256: string
  /** `text` (with `encoding`), `zip` (an XLSX or ODS container), `binary` or `empty`. */
  readonly kind: "text" | "zip" | "binary" | "empty"
  readonly encoding: Encoding
}

const fileError = (
  path: string,
  problem: SourceFileError["problem"],
  message: string,
  row?: number,
  column?: string,
) =>
  new SourceFileError({
    path,
    problem,
    message,
    ...(row === undefined ? {} : { row }),
    ...(column === undefined ? {} : { column }),
  })

const ioMessage = (path: string, e: unknown): SourceFileError => {
  const code = (e as NodeJS.ErrnoException)?.code
  if (code === "ENOENT")
    return fileError(
      path,
      "missing",
      `${path}: the file does not exist. Check the path in the configuration.`,
    )
  if (code === "EISDIR") return fileError(path, "unreadable", `${path}: is a folder, not a file.`)
  if (code === "EACCES" || code === "EPERM")
    return fileError(path, "unreadable", `${path}: permission denied. Make the file readable by this user.`)
  return fileError(path, "unreadable", `${path}: cannot be read (${(e as Error)?.message ?? String(e)}).`)
}

/** Reads a file once to learn its size, sha256 and kind (see `Probe`). */
export const probe = (path: string): Effect.Effect<Probe, SourceFileError> =>
  Effect.tryPromise({
    try: async () => {
      const st = await fsp.stat(path)
      if (st.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" })
      const hash = createHash("sha256")
      let size = 0
      let head: Buffer | undefined
      let nul = false
      let utf8 = true
      let carry: Buffer = Buffer.alloc(0)
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
        hash.update(chunk)
        size += chunk.length
        if (!head) head = chunk.subarray(0, 8)
        if (!nul && chunk.includes(0)) nul = true
        if (utf8) {
          const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk
          // Hold back an incomplete multi-byte sequence at the end of the chunk.
          let cut = buf.length
          for (let i = buf.length - 1; i >= Math.max(0, buf.length - 4); i--) {
            const b = buf[i]!
            if ((b & 0xc0) === 0x80) continue
            const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1
            if (buf.length - i < need) cut = i
            break
          }
          if (!isUtf8(buf.subarray(0, cut))) utf8 = false
          carry = Buffer.from(buf.subarray(cut))
        }
      }
      if (carry.length && !isUtf8(carry)) utf8 = false
      const sha256 = hash.digest("hex")
      const h = head ?? Buffer.alloc(0)
      const zip = h[0] === 0x50 && h[1] === 0x4b && h[2] === 0x03 && h[3] === 0x04
      const bom = h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf
      const kind: Probe["kind"] = size === 0 ? "empty" : zip ? "zip" : nul ? "binary" : "text"
      const encoding: Encoding = bom ? "utf-8-bom" : utf8 ? "utf-8" : "windows-1252"
      return { path, size, sha256, kind, encoding }
    },
    catch: (e) => ioMessage(path, e),
  })

// ---------------------------------------------------------------------------------------------------------------
// CSV

/** A raw record: its spreadsheet row number, its cells, and whether it ended cleanly. */
export interface RawRecord {
  readonly row: number
  readonly cells: Array<string>
  /** False when the file ended inside a quoted field (a truncated line). */
  readonly complete: boolean
}

/**
 * Streams CSV records in batches. Row numbers count records from 1 (a quoted newline does not start a new row).
 */
export async function* csvRecords(
  path: string,
  encoding: Encoding,
  batchSize = 2048,
  chunkSize = 1 << 20,
): AsyncGenerator<Array<RawRecord>> {
  const decoder = new TextDecoder(encoding === "windows-1252" ? "windows-1252" : "utf-8", {
    ignoreBOM: false,
  })
  let row = 0
  let field = ""
  let cells: Array<string> = []
  let quoted = false
  let afterQuote = false
  let pendingCR = false
  let batch: Array<RawRecord> = []
  const endRecord = (complete: boolean) => {
    cells.push(field)
    field = ""
    row += 1
    batch.push({ row, cells, complete })
    cells = []
    afterQuote = false
  }
  const stream = createReadStream(path, { highWaterMark: chunkSize }) as AsyncIterable<Buffer>
  for await (const chunk of stream) {
    const text = decoder.decode(chunk, { stream: true })
    let i = 0
    const n = text.length
    if (pendingCR) {
      pendingCR = false
      if (text.charCodeAt(0) === 10) i = 1
    }
    while (i < n) {
      if (quoted) {
        const q = text.indexOf('"', i)
        if (q < 0) {
          field += text.slice(i)
          i = n
          break
        }
        field += text.slice(i, q)
        if (q + 1 < n) {
          if (text.charCodeAt(q + 1) === 34) {
            field += '"'
            i = q + 2
          } else {
            quoted = false
            afterQuote = true
            i = q + 1
          }
        } else {
          // A quote at the end of the chunk: decide when the next chunk arrives.
          quoted = false
          afterQuote = true
          i = q + 1
        }
        continue
      }
      const c = text.charCodeAt(i)
      if (c === 44) {
        cells.push(field)
        field = ""
        afterQuote = false
        i++
      } else if (c === 10 || c === 13) {
        endRecord(true)
        if (c === 13) {
          if (i + 1 < n) {
            if (text.charCodeAt(i + 1) === 10) i++
          } else pendingCR = true
        }
        i++
        if (batch.length >= batchSize) {
          yield batch
          batch = []
        }
      } else if (c === 34) {
        if (afterQuote) {
          // `""` split across chunks, or a stray quote after a closing quote: treat as a literal quote.
          field += '"'
          quoted = true
          afterQuote = false
        } else if (field === "") quoted = true
        else field += '"'
        i++
      } else {
        // Fast path: copy up to the next delimiter.
        let j = i + 1
        while (j < n) {
          const d = text.charCodeAt(j)
          if (d === 44 || d === 10 || d === 13 || d === 34) break
          j++
        }
        field += text.slice(i, j)
        afterQuote = false
        i = j
      }
    }
  }
  const tail = decoder.decode()
  if (tail) field += tail
  if (quoted) endRecord(false)
  else if (field !== "" || cells.length > 0) endRecord(true)
  if (batch.length) yield batch
}

// ---------------------------------------------------------------------------------------------------------------
// XLSX

const pad2 = (n: number) => String(n).padStart(2, "0")

/** Text of an exceljs cell value as a source row holds it (dates as ISO, formulas as their result). */
export const cellText = (v: ExcelJS.CellValue | undefined): string => {
  if (v === null || v === undefined) return ""
  if (typeof v === "string") return v
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(v)
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE"
  if (v instanceof Date) {
    const iso = `${v.getUTCFullYear()}-${pad2(v.getUTCMonth() + 1)}-${pad2(v.getUTCDate())}`
    const hasTime = v.getUTCHours() + v.getUTCMinutes() + v.getUTCSeconds() > 0
    return hasTime
      ? `${iso}T${pad2(v.getUTCHours())}:${pad2(v.getUTCMinutes())}:${pad2(v.getUTCSeconds())}`
      : iso
  }
  if (typeof v === "object") {
    if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("")
    if ("result" in v) return cellText(v.result as ExcelJS.CellValue)
    if ("text" in v && typeof v.text === "string") return v.text
    if ("error" in v) return String(v.error)
  }
  return String(v)
}

/** Streams the rows of one worksheet of an XLSX file (the first, or the one named), in batches. */
export async function* xlsxRecords(
  path: string,
  sheet?: string,
  batchSize = 2048,
): AsyncGenerator<Array<RawRecord>> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "emit",
  })
  let batch: Array<RawRecord> = []
  let found = false
  for await (const ws of reader as AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader & { name?: string }>) {
    const name = (ws as { name?: string }).name
    if (found || (sheet !== undefined && name !== sheet)) {
      // Drain a sheet we do not want, so the reader can move on.
      for await (const _ of ws) void _
      continue
    }
    found = true
    for await (const r of ws as AsyncIterable<ExcelJS.Row>) {
      const values = r.values as Array<ExcelJS.CellValue>
      const cells: Array<string> = []
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]))
      batch.push({ row: r.number, cells, complete: true })
      if (batch.length >= batchSize) {
        yield batch
        batch = []
      }
    }
  }
  if (!found && sheet !== undefined) {
    throw Object.assign(new Error(`the workbook has no worksheet named "${sheet}"`), {
      code: "ASCKIT_NO_SHEET",
    })
  }
  if (batch.length) yield batch
}

// ---------------------------------------------------------------------------------------------------------------
// tables

/** How `table` reads a file's header and maps its columns. */
export interface TableOptions {
  /** The canonical column name for a header cell, or `undefined` for a column the reader does not know. */
  readonly canonical: (header: string) => string | undefined
  /** Canonical columns that must be present. */
  readonly required?: ReadonlyArray<string>
  /** The worksheet to read in a workbook (default: the first). */
  readonly sheet?: string
  /** Every canonical column a row should carry: absent ones are `undefined` in each row's values. */
  readonly columns?: ReadonlyArray<string>
}

/** The header of a table as found: its row, canonical names by position, and what did not match. */
export interface Header {
  readonly row: number
  readonly columns: ReadonlyArray<string | undefined>
  readonly unexpected: ReadonlyArray<string>
}

const isBlank = (cells: ReadonlyArray<string>) => cells.every((c) => c.trim() === "")

const colLetter = (i: number): string => {
  let n = i + 1
  let s = ""
  while (n > 0) {
    const m = (n - 1) % 26
    s = String.fromCharCode(65 + m) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

/** The spreadsheet column letter of a 0-based index (0 → A, 26 → AA). */
export const columnLetter = colLetter

/**
 * A function building a row's values object from its cells in one allocation, every object of a file having the
 * same shape (a generated object literal: much faster and lighter than adding properties one by one). Column
 * names are quoted with JSON.stringify, so any name is safe.
 */
export const rowBuilder = (
  columns: ReadonlyArray<string | undefined>,
  all: ReadonlyArray<string>,
): ((cells: ReadonlyArray<string>) => Record<string, string | undefined>) => {
  const at = new Map<string, number>()
  columns.forEach((c, i) => {
    if (c !== undefined && !at.has(c)) at.set(c, i)
  })
  const names = [...new Set([...all, ...at.keys()])]
  const body = names
    .map((n) => `${JSON.stringify(n)}: ${at.has(n) ? `c[${at.get(n)}]` : "undefined"}`)
    .join(",\n")
  return new Function("c", `return {\n${body}\n}`) as (
    cells: ReadonlyArray<string>,
  ) => Record<string, string | undefined>
}

/** Which reader a file needs, from its probe and extension. */
export const formatOf = (p: Probe): "csv" | "xlsx" | "ods" | undefined => {
  const ext = extname(p.path).toLowerCase()
  if (p.kind === "zip") return ext === ".ods" ? "ods" : "xlsx"
  if (p.kind === "text") return "csv"
  return undefined
}

/**
 * Streams a CSV, XLSX or ODS file as `SourceRow`s keyed by canonical column names. Fails with a `SourceFileError`
 * (before any row) for an empty, binary or header-less file, a duplicated header, or missing required columns.
 * The header found is reported through `onHeader`.
 */
export const table = (
  p: Probe,
  options: TableOptions,
  onHeader?: (h: Header) => void,
): Stream.Stream<SourceRow, SourceFileError> => {
  const path = p.path
  if (p.kind === "empty") {
    return Stream.fail(
      fileError(path, "empty", `${path}: the file is empty. Export it again from the source system.`),
    )
  }
  if (p.kind === "binary") {
    return Stream.fail(
      fileError(
        path,
        "binary",
        `${path}: this is not a text (CSV) file — it contains binary data. Check the file is the right export, not a corrupted copy.`,
      ),
    )
  }
  const format = formatOf(p)
  const records: () => AsyncIterable<Array<RawRecord>> = () =>
    format === "xlsx"
      ? xlsxRecords(path, options.sheet)
      : format === "ods"
        ? odsRecords(path, options.sheet)
        : csvRecords(path, p.encoding)

  return Stream.suspend(() => {
    let header: Header | undefined
    let build: ((cells: ReadonlyArray<string>) => Record<string, string | undefined>) | undefined
    let width = 0
    const process = (batch: Array<RawRecord>): Effect.Effect<Array<SourceRow>, SourceFileError> =>
      Effect.suspend(() => {
        const out: Array<SourceRow> = []
        for (const rec of batch) {
          if (!header) {
            if (isBlank(rec.cells)) continue
            const columns = rec.cells.map((c) => options.canonical(c.replace(/^\uFEFF/, "").trim()))
            const seen = new Map<string, number>()
            for (let i = 0; i < columns.length; i++) {
              const c = columns[i]
              if (c === undefined) continue
              const prev = seen.get(c)
              if (prev !== undefined) {
                return Effect.fail(
                  fileError(
                    path,
                    "duplicate-header",
                    `${path}, row ${rec.row}: columns ${colLetter(prev)} ("${rec.cells[prev]}") and ${colLetter(i)} ("${rec.cells[i]}") are both ${c}. Remove or rename one of them.`,
                    rec.row,
                    c,
                  ),
                )
              }
              seen.set(c, i)
            }
            const missing = (options.required ?? []).filter((r) => !seen.has(r))
            const unexpected = rec.cells.filter((c, i) => columns[i] === undefined && c.trim() !== "")
            if (seen.size === 0) {
              return Effect.fail(
                fileError(
                  path,
                  "no-header",
                  `${path}, row ${rec.row}: no recognised column headers (found ${rec.cells
                    .slice(0, 5)
                    .map((c) => `"${c}"`)
                    .join(", ")}…). The first row must hold the column names.`,
                  rec.row,
                ),
              )
            }
            if (missing.length > 0) {
              return Effect.fail(
                fileError(
                  path,
                  "missing-columns",
                  `${path}, row ${rec.row}: missing required column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}.${unexpected.length ? ` Columns not recognised: ${unexpected.join(", ")}.` : ""}`,
                  rec.row,
                  missing[0],
                ),
              )
            }
            header = { row: rec.row, columns, unexpected }
            build = rowBuilder(columns, options.columns ?? [])
            width = rec.cells.length
            while (width > 0 && rec.cells[width - 1]!.trim() === "") width--
            onHeader?.(header)
            continue
          }
          if (isBlank(rec.cells)) continue
          const values = build!(rec.cells)
          const cols = header.columns
          let issues: Array<RowIssue> | undefined
          if (!rec.complete) {
            issues = [
              { code: "truncated-row", message: `the row ends inside a quoted field: the line is truncated` },
            ]
          } else if (format === "csv" && rec.cells.length < width) {
            issues = [
              {
                column: cols[rec.cells.length] ?? undefined,
                code: "truncated-row",
                message: `the row has ${rec.cells.length} field${rec.cells.length === 1 ? "" : "s"} but the header has ${width}: the line is truncated`,
              },
            ]
          } else if (rec.cells.length > width && rec.cells.slice(width).some((c) => c.trim() !== "")) {
            issues = [
              {
                code: "extra-fields",
                message: `the row has ${rec.cells.length} fields but the header has ${width}: check for unquoted commas`,
              },
            ]
          }
          out.push(
            issues
              ? { row: rec.row, values: values as RawRow, issues }
              : { row: rec.row, values: values as RawRow },
          )
        }
        return Effect.succeed(out)
      })
    const batches = Stream.fromAsyncIterable(records(), (e) =>
      (e as { code?: string })?.code === "ASCKIT_NO_SHEET"
        ? fileError(path, "malformed", `${path}: ${(e as Error).message}.`)
        : format === "ods"
          ? odsReadError(path, e)
          : format === "xlsx"
            ? fileError(
                path,
                "malformed",
                `${path}: cannot be read as an XLSX workbook (${(e as Error)?.message ?? e}). Open it in Excel and save it again, or export CSV.`,
              )
            : ioMessage(path, e),
    )
    const rows = batches.pipe(Stream.mapEffect(process), Stream.mapConcatChunk(Chunk.unsafeFromArray))
    return Stream.concat(
      rows,
      Stream.suspend(() =>
        header
          ? Stream.empty
          : Stream.fail(
              fileError(path, "no-header", `${path}: the file has no rows at all (not even a header).`),
            ),
      ),
    )
  })
}
