/**
 * Reading OpenDocument spreadsheets (`.ods`) as streams of rows numbered as a spreadsheet shows them, without
 * holding the document in memory. There is no maintained ODS reader on npm, so the format is read here, from the
 * OpenDocument specification (ODF 1.2 part 1, §9.1 tables and §6.1 text content):
 *
 * - an ODS file is a zip; its `content.xml` holds `office:spreadsheet` → `table:table` (one per sheet, named by
 *   `table:name`) → `table:table-row` → `table:table-cell` / `table:covered-table-cell`. The zip is read in small
 *   chunks by fflate's streaming `Unzip` (`UnzipInflate`), and the inflated XML is fed to saxes as it arrives:
 *   `content.xml` is never one string (it is 11 MB in DHSC's ASCOF tables);
 * - `table:number-rows-repeated` and `table:number-columns-repeated` are expanded, except that empty rows and empty
 *   cells are counted, never allocated (spreadsheet programs write the unused rest of a sheet as one empty row
 *   repeated ~1,048,576 times and one empty cell repeated ~16,384 times). Rows stop at 1,048,576 and columns at
 *   16,384, the largest sheet spreadsheet programs make;
 * - a cell's text is by its `office:value-type`: numbers (`float`, `percentage` — the fraction, 0.5 for 50% —,
 *   `currency`) come from `office:value`, at full precision, never from the displayed text; `date` from
 *   `office:date-value` (ISO, the time dropped when it is midnight); `time` from `office:time-value` (as
 *   `HH:MM:SS`); `boolean` as `TRUE`/`FALSE`; `string` from `office:string-value`, else from the cell's paragraphs;
 * - paragraph text (§6.1.2): white space is collapsed to single spaces and trimmed at each paragraph's ends;
 *   `text:s` gives spaces (`text:c` of them), `text:tab` a tab, `text:line-break` a new line, and paragraphs are
 *   joined by new lines; `text:span`, links and other inline elements give their text; comments
 *   (`office:annotation`), notes, ruby text and drawings inside a cell are not cell text;
 * - a merged cell's value is in its first cell; the cells it covers (`table:covered-table-cell`) read as they are
 *   stored (normally empty). Blank rows are skipped but still advance the row number.
 *
 * Errors are thrown (like `Tabular.xlsxRecords`), each with a `code`: `ASCKIT_NO_SHEET` for a sheet the workbook does
 * not have, `ASCKIT_ODS_MALFORMED` for a file that is not a readable ODS spreadsheet.
 *
 * @category readers
 */

import { createReadStream } from "node:fs"
import { Effect } from "effect"
import { Unzip, type UnzipFile, UnzipInflate } from "fflate"
import { SaxesParser, type SaxesTagNS } from "saxes"
import { SourceFileError } from "./EtlError.js"
import type { RawRecord } from "./Tabular.js"

const NS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
const NS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
const NS_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
const NS_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
const NS_DR3D = "urn:oasis:names:tc:opendocument:xmlns:dr3d:1.0"

/** The MIME type an ODS file declares in its `mimetype` entry. */
export const mimeType = "application/vnd.oasis.opendocument.spreadsheet"

/** The most rows a sheet has (spreadsheet programs' limit). */
export const maxRows = 1_048_576
/** The most columns a sheet has (spreadsheet programs' limit). */
export const maxColumns = 16_384

/** A batch of rows from one sheet. */
export interface SheetBatch {
  /** The sheet's name (`table:name`). */
  readonly sheet: string
  /** The sheet's position in the workbook, from 0. */
  readonly index: number
  readonly records: Array<RawRecord>
}

/** How `odsSheets` reads a file. */
export interface ReadOptions {
  /** Whether to read a sheet's rows (by name and 0-based position); default: every sheet. */
  readonly select?: (sheet: string, index: number) => boolean
  /** Stop after the first selected sheet (the rest of the file is not read). */
  readonly firstOnly?: boolean
  /** Rows per batch (default 2,048). */
  readonly batchSize?: number
  /** Bytes of the zip read at a time (default 64 KiB: about 1 MB of XML). */
  readonly chunkSize?: number
  /** Called with every sheet's name and position as it is found (selected or not). */
  readonly onSheet?: (sheet: string, index: number) => void
}

/** The first bytes of a zip file (a local file header). */
const zipSignature = [0x50, 0x4b, 0x03, 0x04]

const malformed = (message: string, cause?: unknown): Error =>
  Object.assign(new Error(message, cause === undefined ? undefined : { cause }), {
    code: "ASCKIT_ODS_MALFORMED",
  })

/** An attribute of a namespaced tag, by namespace URI and local name. */
const attr = (tag: SaxesTagNS, uri: string, local: string): string | undefined => {
  for (const k in tag.attributes) {
    const a = tag.attributes[k]!
    if (a.local === local && a.uri === uri) return a.value
  }
  return undefined
}

/** A repeat count attribute: a positive integer, 1 when absent or invalid. */
const repeat = (v: string | undefined): number => {
  if (v === undefined) return 1
  const n = Number.parseInt(v, 10)
  return Number.isFinite(n) && n > 0 ? n : 1
}

/** `PT13H45M00S` → `13:45:00` (hours may exceed 24; fractional seconds kept). */
const timeText = (v: string): string => {
  const m = /^-?P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(v)
  if (!m) return v
  const h = Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)
  const [s, frac] = (m[4] ?? "0").split(".")
  const pad = (x: number | string) => String(x).padStart(2, "0")
  return `${pad(h)}:${pad(m[3] ?? 0)}:${pad(s!)}${frac ? `.${frac}` : ""}`
}

/** The value text of a typed cell, or `undefined` when its text content is its value. */
const typedValue = (tag: SaxesTagNS): string | undefined => {
  const type = attr(tag, NS_OFFICE, "value-type")
  switch (type) {
    case "float":
    case "percentage":
    case "currency": {
      const v = attr(tag, NS_OFFICE, "value")
      if (v === undefined) return undefined
      const n = Number(v)
      return Number.isFinite(n) ? String(n) : v
    }
    case "date": {
      const v = attr(tag, NS_OFFICE, "date-value")
      return v === undefined ? undefined : v.replace(/T00:00:00(?:\.0+)?$/, "")
    }
    case "time": {
      const v = attr(tag, NS_OFFICE, "time-value")
      return v === undefined ? undefined : timeText(v)
    }
    case "boolean": {
      const v = attr(tag, NS_OFFICE, "boolean-value")
      return v === undefined ? undefined : v === "true" ? "TRUE" : "FALSE"
    }
    case "string":
      return attr(tag, NS_OFFICE, "string-value")
    default:
      return undefined
  }
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13

/** Elements whose text is not part of a cell's text (ODF 1.2 §6.1.1). */
const excluded = (tag: SaxesTagNS): boolean =>
  tag.uri === NS_DRAW ||
  tag.uri === NS_DR3D ||
  (tag.uri === NS_OFFICE && tag.local === "annotation") ||
  (tag.uri === NS_TEXT && (tag.local === "note-body" || tag.local === "ruby-text"))

/**
 * Streams the rows of an ODS file's sheets in batches, each tagged with its sheet. Reads `content.xml` once, in
 * document order; with `firstOnly` it stops after the first selected sheet. Throws (see the module docs) for a file
 * that is not an ODS spreadsheet.
 */
export async function* odsSheets(path: string, options: ReadOptions = {}): AsyncGenerator<SheetBatch> {
  const select = options.select ?? (() => true)
  const batchSize = options.batchSize ?? 2048
  const queue: Array<SheetBatch> = []
  let failure: Error | undefined
  let contentFound = false
  let contentDone = false
  let stop = false

  // -- XML state ---------------------------------------------------------------------------------------------
  let tableDepth = 0
  let sheet = ""
  let sheetIndex = -1
  let wanted = false
  let batch: Array<RawRecord> = []
  let rowNumber = 1
  let rowRepeat = 1
  let inRow = false
  let cells: Array<string> = []
  let pendingEmpty = 0
  // the current cell
  let inCell = false
  let cellRepeat = 1
  let cellValue: string | undefined
  let collect = false
  let paragraphs: Array<string> = []
  let para = ""
  /** Collapsible white space seen since the last character kept (written only if more text follows). */
  let space = false
  let paraDepth = 0
  let skipDepth = 0

  const flush = () => {
    if (batch.length > 0) {
      queue.push({ sheet, index: sheetIndex, records: batch })
      batch = []
    }
  }
  const addCell = (value: string, n: number) => {
    if (value === "") {
      pendingEmpty += n
      return
    }
    if (cells.length + pendingEmpty >= maxColumns) return
    for (let i = 0; i < pendingEmpty; i++) cells.push("")
    pendingEmpty = 0
    const copies = Math.min(n, maxColumns - cells.length)
    for (let i = 0; i < copies; i++) cells.push(value)
  }
  const endRow = () => {
    if (cells.length > 0 && rowNumber <= maxRows) {
      const copies = Math.min(rowRepeat, maxRows - rowNumber + 1)
      for (let i = 0; i < copies; i++) {
        batch.push({ row: rowNumber + i, cells: i === 0 ? cells : cells.slice(), complete: true })
        if (batch.length >= batchSize) flush()
      }
    }
    rowNumber += rowRepeat
    cells = []
    pendingEmpty = 0
  }
  /** Text from `text:s`, `text:tab` or `text:line-break`: never collapsed; a pending space before it is kept. */
  const explicit = (s: string) => {
    if (space) para += " "
    space = false
    para += s
  }

  const parser = new SaxesParser({ xmlns: true, position: false })
  parser.on("error", (e) => {
    failure ??= malformed(`content.xml is not well-formed XML (${e.message})`, e)
  })
  // saxes calls `closetag` for self-closing tags too, right after `opentag`: every handler below pairs with it.
  parser.on("opentag", (tag) => {
    if (skipDepth > 0) {
      skipDepth++
      return
    }
    const uri = tag.uri
    const local = tag.local
    if (uri === NS_TABLE) {
      if (local === "table") {
        tableDepth++
        if (tableDepth === 1) {
          sheetIndex++
          sheet = attr(tag, NS_TABLE, "name") ?? `Sheet${sheetIndex + 1}`
          options.onSheet?.(sheet, sheetIndex)
          wanted = !stop && select(sheet, sheetIndex)
          rowNumber = 1
        }
        return
      }
      if (tableDepth !== 1 || !wanted) return
      if (local === "table-row") {
        inRow = true
        rowRepeat = repeat(attr(tag, NS_TABLE, "number-rows-repeated"))
        cells = []
        pendingEmpty = 0
      } else if (inRow && (local === "table-cell" || local === "covered-table-cell")) {
        inCell = true
        cellRepeat = repeat(attr(tag, NS_TABLE, "number-columns-repeated"))
        cellValue = typedValue(tag)
        collect = cellValue === undefined
        paragraphs = []
        paraDepth = 0
      }
      return
    }
    if (!inCell || !collect) return
    if (excluded(tag)) {
      skipDepth = 1
      return
    }
    if (uri !== NS_TEXT) return
    if (local === "p" || local === "h") {
      if (paraDepth === 0) {
        para = ""
        space = false
      }
      paraDepth++
      return
    }
    if (paraDepth === 0) return
    if (local === "s") explicit(" ".repeat(Math.min(repeat(attr(tag, NS_TEXT, "c")), maxColumns)))
    else if (local === "tab") explicit("\t")
    else if (local === "line-break") explicit("\n")
  })
  parser.on("text", (t) => {
    if (!inCell || !collect || paraDepth === 0 || skipDepth > 0) return
    const n = t.length
    let i = 0
    while (i < n) {
      let j = i
      while (j < n && isSpace(t.charCodeAt(j))) j++
      if (j > i) {
        // Collapsible white space: ignored at the paragraph's start and after white space (§6.1.2).
        if (para !== "" && !isSpace(para.charCodeAt(para.length - 1))) space = true
        i = j
        continue
      }
      while (j < n && !isSpace(t.charCodeAt(j))) j++
      if (space) para += " "
      space = false
      para += t.slice(i, j)
      i = j
    }
  })
  parser.on("closetag", (tag) => {
    if (skipDepth > 0) {
      skipDepth--
      return
    }
    const uri = tag.uri
    const local = tag.local
    if (uri === NS_TABLE) {
      if (local === "table") {
        if (tableDepth === 1 && wanted) {
          flush()
          if (options.firstOnly) stop = true
        }
        tableDepth--
        return
      }
      if (tableDepth !== 1 || !wanted) return
      if (local === "table-row" && inRow) {
        inRow = false
        endRow()
      } else if (inCell && (local === "table-cell" || local === "covered-table-cell")) {
        inCell = false
        addCell(cellValue ?? paragraphs.join("\n"), cellRepeat)
      }
      return
    }
    if (inCell && collect && uri === NS_TEXT && (local === "p" || local === "h") && paraDepth > 0) {
      paraDepth--
      // A pending collapsible space at the paragraph's end is dropped.
      if (paraDepth === 0) paragraphs.push(para)
    }
  })

  // -- the zip ----------------------------------------------------------------------------------------------
  const decoder = new TextDecoder("utf-8")
  const unzip = new Unzip((file: UnzipFile) => {
    if (file.name === "mimetype") {
      const bytes: Array<number> = []
      file.ondata = (err, data, final) => {
        if (err) failure ??= malformed(`the zip entry "mimetype" cannot be read (${err.message})`, err)
        else if (bytes.length < 256) bytes.push(...data.subarray(0, 256 - bytes.length))
        if (final && failure === undefined) {
          const type = new TextDecoder().decode(new Uint8Array(bytes)).trim()
          if (!type.startsWith(mimeType))
            failure = malformed(`this is not an OpenDocument spreadsheet: its type is ${type || "blank"}`)
        }
      }
      file.start()
      return
    }
    if (file.name !== "content.xml" || contentFound) return
    contentFound = true
    file.ondata = (err, data, final) => {
      if (failure !== undefined || stop) return
      if (err) {
        failure = malformed(`content.xml cannot be inflated (${err.message})`, err)
        return
      }
      parser.write(decoder.decode(data, { stream: !final }))
      if (final) {
        parser.close()
        contentDone = true
      }
    }
    file.start()
  })
  unzip.register(UnzipInflate)

  const input = createReadStream(path, { highWaterMark: options.chunkSize ?? 1 << 16 })
  try {
    const head: Array<number> = []
    for await (const chunk of input as AsyncIterable<Buffer>) {
      if (head.length < 4) {
        for (let i = 0; i < chunk.length && head.length < 4; i++) head.push(chunk[i]!)
        if (head.some((b, i) => b !== zipSignature[i])) {
          throw malformed("this is not an OpenDocument spreadsheet: the file is not a zip archive")
        }
      }
      try {
        unzip.push(chunk)
      } catch (e) {
        failure ??= malformed(`the zip archive is damaged (${(e as Error)?.message ?? e})`, e)
      }
      if (failure !== undefined) throw failure
      while (queue.length > 0) yield queue.shift()!
      if (contentDone || stop) break
    }
    if (failure !== undefined) throw failure
    if (!contentFound) {
      throw malformed("this is not an OpenDocument spreadsheet: the zip archive has no content.xml")
    }
    if (!contentDone && !stop) throw malformed("the file is truncated: content.xml ends early")
    flush()
    while (queue.length > 0) yield queue.shift()!
  } finally {
    input.destroy()
  }
}

/**
 * Streams the rows of one sheet of an ODS file (the first, or the one named), in batches, with the row numbers a
 * spreadsheet shows. Throws `ASCKIT_NO_SHEET` when there is no sheet of that name.
 */
export async function* odsRecords(
  path: string,
  sheet?: string,
  batchSize = 2048,
): AsyncGenerator<Array<RawRecord>> {
  const names: Array<string> = []
  let found = false
  for await (const b of odsSheets(path, {
    select: (name, index) => (sheet === undefined ? index === 0 : name === sheet),
    firstOnly: true,
    batchSize,
    onSheet: (name, index) => {
      names.push(name)
      if (sheet === undefined ? index === 0 : name === sheet) found = true
    },
  })) {
    yield b.records
  }
  if (!found) {
    throw Object.assign(
      new Error(
        sheet === undefined
          ? "the workbook has no sheets"
          : `the workbook has no sheet named "${sheet}" (its sheets: ${names.map((n) => `"${n}"`).join(", ")})`,
      ),
      { code: "ASCKIT_NO_SHEET" },
    )
  }
}

/** The names of an ODS file's sheets, in workbook order (reads `content.xml` once, skipping the cells). */
export const odsSheetNames = async (path: string): Promise<Array<string>> => {
  const names: Array<string> = []
  for await (const _ of odsSheets(path, { select: () => false, onSheet: (n) => names.push(n) })) void _
  return names
}

/** `odsSheetNames` as an Effect: a file that cannot be read fails with a `SourceFileError` naming it. */
export const sheetNames = (path: string): Effect.Effect<Array<string>, SourceFileError> =>
  Effect.tryPromise({
    try: () => odsSheetNames(path),
    catch: (e) => readError(path, e),
  })

/** The `SourceFileError` for an error thrown while reading an ODS file. */
export const readError = (path: string, e: unknown): SourceFileError => {
  const code = (e as { code?: string })?.code
  const message = (e as Error)?.message ?? String(e)
  if (code === "ENOENT")
    return new SourceFileError({
      path,
      problem: "missing",
      message: `${path}: the file does not exist. Check the path in the configuration.`,
    })
  if (code === "ASCKIT_NO_SHEET")
    return new SourceFileError({ path, problem: "malformed", message: `${path}: ${message}.` })
  if (code === "ASCKIT_ODS_MALFORMED")
    return new SourceFileError({
      path,
      problem: "wrong-format",
      message: `${path}: cannot be read as an ODS spreadsheet: ${message}. Open it in LibreOffice or Excel and save it again as .ods.`,
    })
  return new SourceFileError({
    path,
    problem: "unreadable",
    message: `${path}: cannot be read (${message}).`,
  })
}
