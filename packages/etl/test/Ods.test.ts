/** The ODS reader: hand-written content.xml zipped in the test, and DHSC's real ASCOF 2024-25 tables. */
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Chunk, Effect, Either, Stream } from "effect"
import { describe, expect, it } from "vitest"
import { Ods, Tabular } from "../src/index.js"
import { contentXml, zipOds, zipOdsStreaming } from "./fixtures/ascof-published/ods-writer.js"
import { tempDir } from "./helpers.js"

const real = fileURLToPath(new URL("../../../examples/data/ascof-2024-25.ods", import.meta.url))

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'

/** A document with the given sheets' XML (namespace prefixes as an application may choose them). */
const doc = (tables: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS}><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`

/** Every feature of the format the reader handles, one sheet. */
const features = doc(`<table:table table:name="Data">
  <table:table-column table:number-columns-repeated="1024"/>
  <table:table-row>
    <table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell>
    <table:table-cell table:number-columns-repeated="3" office:value-type="string"><text:p>x</text:p></table:table-cell>
    <table:table-cell table:number-columns-repeated="16379"/>
  </table:table-row>
  <table:table-row table:number-rows-repeated="2">
    <table:table-cell office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell>
  </table:table-row>
  <table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
  <table:table-row>
    <table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>merged</text:p></table:table-cell>
    <table:covered-table-cell/>
    <table:table-cell office:value-type="string"><text:p>after</text:p></table:table-cell>
  </table:table-row>
  <table:table-row>
    <table:table-cell office:value-type="string">
      <text:p>  first   line\n  with <text:span>a span</text:span>,<text:s text:c="3"/>three spaces  </text:p>
      <text:p>second<text:tab/>tab<text:line-break/>break</text:p>
      <office:annotation><dc:creator>someone</dc:creator><text:p>a comment, not cell text</text:p></office:annotation>
    </table:table-cell>
    <table:table-cell office:value-type="string" office:string-value="from the attribute"><text:p>shown</text:p></table:table-cell>
    <table:table-cell><text:p>untyped &amp; text</text:p></table:table-cell>
  </table:table-row>
  <table:table-row>
    <table:table-cell office:value-type="float" office:value="0.123456789012345"><text:p>0.12</text:p></table:table-cell>
    <table:table-cell office:value-type="float" office:value="17.100000000000001"><text:p>17.1</text:p></table:table-cell>
    <table:table-cell office:value-type="percentage" office:value="0.5"><text:p>50%</text:p></table:table-cell>
    <table:table-cell office:value-type="currency" office:currency="GBP" office:value="1234.5"><text:p>£1,234.50</text:p></table:table-cell>
    <table:table-cell office:value-type="float" office:value="2.4E-2"><text:p>0.02</text:p></table:table-cell>
    <table:table-cell office:value-type="float" office:value="35455995"><text:p>35,455,995</text:p></table:table-cell>
  </table:table-row>
  <table:table-row>
    <table:table-cell office:value-type="date" office:date-value="2025-03-31"><text:p>31/03/2025</text:p></table:table-cell>
    <table:table-cell office:value-type="date" office:date-value="2024-04-01T00:00:00"><text:p>01/04/2024</text:p></table:table-cell>
    <table:table-cell office:value-type="date" office:date-value="2024-04-01T13:45:10"><text:p>01/04/2024 13:45</text:p></table:table-cell>
    <table:table-cell office:value-type="time" office:time-value="PT13H45M00S"><text:p>13:45</text:p></table:table-cell>
    <table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>
    <table:table-cell office:value-type="boolean" office:boolean-value="false"><text:p>FALSE</text:p></table:table-cell>
  </table:table-row>
  <table:table-row>
    <table:table-cell table:number-columns-repeated="5"/>
    <table:table-cell office:value-type="string"><text:p>far right</text:p></table:table-cell>
    <table:table-cell table:number-columns-repeated="16378"/>
  </table:table-row>
  <table:table-row table:number-rows-repeated="${1048576 - 1048008}"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
</table:table>
<table:table table:name="Second sheet">
  <table:table-row><table:table-cell office:value-type="string"><text:p>only</text:p></table:table-cell></table:table-row>
</table:table>`)

const expected: ReadonlyArray<{ row: number; cells: ReadonlyArray<string> }> = [
  { row: 1, cells: ["a", "x", "x", "x"] },
  { row: 2, cells: ["7"] },
  { row: 3, cells: ["7"] },
  { row: 1048004, cells: ["merged", "", "after"] },
  {
    row: 1048005,
    cells: [
      "first line with a span,   three spaces\nsecond\ttab\nbreak",
      "from the attribute",
      "untyped & text",
    ],
  },
  { row: 1048006, cells: ["0.123456789012345", "17.1", "0.5", "1234.5", "0.024", "35455995"] },
  { row: 1048007, cells: ["2025-03-31", "2024-04-01", "2024-04-01T13:45:10", "13:45:00", "TRUE", "FALSE"] },
  { row: 1048008, cells: ["", "", "", "", "", "far right"] },
]

const collect = async (path: string, sheet?: string) => {
  const out: Array<{ row: number; cells: ReadonlyArray<string> }> = []
  for await (const batch of Ods.odsRecords(path, sheet, 3)) for (const r of batch) out.push(r)
  return out
}

const failure = async (p: Promise<unknown>) => {
  try {
    await p
  } catch (e) {
    return e as Error & { code?: string }
  }
  throw new Error("expected a failure")
}

describe("ODS reader", () => {
  const dir = tempDir("asckit-ods-")
  const file = (name: string, bytes: Uint8Array) => {
    const path = join(dir, name)
    writeFileSync(path, bytes)
    return path
  }

  it("reads repeats, covered cells, paragraphs and typed values as a spreadsheet shows them", async () => {
    const path = file("features.ods", zipOds(features))
    expect(await collect(path)).toEqual(expected.map((r) => ({ ...r, complete: true })))
    expect(await collect(path, "Second sheet")).toEqual([{ row: 1, cells: ["only"], complete: true }])
    expect(await Ods.odsSheetNames(path)).toEqual(["Data", "Second sheet"])
  })

  it("gives the same rows whatever the chunk boundaries, and reads zips with data descriptors", async () => {
    const path = file("features.ods", zipOds(features))
    const streamed = file("streamed.ods", await zipOdsStreaming(features))
    for (const chunkSize of [1, 7, 100, 4096]) {
      for (const p of [path, streamed]) {
        const rows: Array<unknown> = []
        for await (const b of Ods.odsSheets(p, { chunkSize, select: (_, i) => i === 0 }))
          rows.push(...b.records)
        expect(rows, `${p}, chunks of ${chunkSize} bytes`).toEqual(
          expected.map((r) => ({ ...r, complete: true })),
        )
      }
    }
  })

  it("never allocates the unused rest of a sheet (a million empty rows, 16,384 empty columns)", async () => {
    const path = file("empty-rest.ods", zipOds(contentXml([{ name: "S", rows: [["a", 1]] }])))
    const rows = await collect(path)
    expect(rows).toEqual([{ row: 1, cells: ["a", "1"], complete: true }])
    // A sheet written as a non-empty row repeated past the last row stops at row 1,048,576.
    const huge = file(
      "huge.ods",
      zipOds(
        doc(
          `<table:table table:name="S"><table:table-row table:number-rows-repeated="1048570"/><table:table-row table:number-rows-repeated="99999"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="99999"/></table:table-row></table:table>`,
        ),
      ),
    )
    const last = await collect(huge)
    expect(last.map((r) => r.row)).toEqual([1048571, 1048572, 1048573, 1048574, 1048575, 1048576])
    expect(last[0]!.cells.length).toBe(Ods.maxColumns)
  })

  it("fails clearly for a missing sheet, a file that is not an ODS, and broken XML", async () => {
    const path = file("features.ods", zipOds(features))
    const noSheet = await failure(collect(path, "Nope"))
    expect(noSheet.code).toBe("ASCKIT_NO_SHEET")
    expect(noSheet.message).toBe(
      'the workbook has no sheet named "Nope" (its sheets: "Data", "Second sheet")',
    )

    const text = join(dir, "text.ods")
    writeFileSync(text, "a,b\n1,2\n")
    expect((await failure(collect(text))).message).toMatch(/not a zip archive/)
    const odt = file("letter.ods", zipOds(features, "application/vnd.oasis.opendocument.text"))
    expect((await failure(collect(odt))).message).toMatch(
      /its type is application\/vnd.oasis.opendocument.text/,
    )
    const broken = file("broken.ods", zipOds(features.replace("</table:table-row>", "")))
    const e = await failure(collect(broken, "Second sheet"))
    expect(e.code).toBe("ASCKIT_ODS_MALFORMED")
    expect(e.message).toMatch(/not well-formed XML/)
    const truncatedBytes = zipOds(features)
    const truncated = file("truncated.ods", truncatedBytes.subarray(0, truncatedBytes.length / 2))
    expect((await failure(collect(truncated, "Second sheet"))).code).toBe("ASCKIT_ODS_MALFORMED")

    const err = Ods.readError(odt, await failure(collect(odt)))
    expect(err).toMatchObject({ problem: "wrong-format", path: odt })
    expect(err.message).toMatch(/letter\.ods: cannot be read as an ODS spreadsheet/)
  })

  it("lets Tabular.table read .ods files (header matching, extra fields, the sheet to read)", async () => {
    const path = file(
      "table.ods",
      zipOds(
        contentXml([
          { name: "Notes", rows: [["not this one"]] },
          {
            name: "Data",
            rows: [["Code", "Value"], ["A", 1.5], [], ["B", 2, "unexpected"]],
          },
        ]),
      ),
    )
    const probe = await Effect.runPromise(Tabular.probe(path))
    expect(Tabular.formatOf(probe)).toBe("ods")
    const rows = await Effect.runPromise(
      Stream.runCollect(
        Tabular.table(probe, {
          canonical: (h) => (h === "Code" ? "code" : h === "Value" ? "value" : undefined),
          required: ["code", "value"],
          sheet: "Data",
        }),
      ),
    )
    expect(Chunk.toReadonlyArray(rows)).toEqual([
      { row: 2, values: { code: "A", value: "1.5" } },
      {
        row: 4,
        values: { code: "B", value: "2" },
        issues: [
          {
            code: "extra-fields",
            message: "the row has 3 fields but the header has 2: check for unquoted commas",
          },
        ],
      },
    ])
    const missing = await Effect.runPromise(
      Effect.either(Stream.runCollect(Tabular.table(probe, { canonical: () => "x", sheet: "Absent" }))),
    )
    expect(Either.isLeft(missing) && missing.left.message).toMatch(/no sheet named "Absent"/)
  })

  it("reads DHSC's ASCOF 2024-25 tables: sheets, and cells by their full-precision values", async () => {
    const started = performance.now()
    let peak = 0
    let rows = 0
    for await (const b of Ods.odsSheets(real)) {
      rows += b.records.length
      peak = Math.max(peak, process.memoryUsage().heapUsed)
    }
    const ms = performance.now() - started
    console.info(
      `ascof-2024-25.ods: ${rows} rows of 29 sheets streamed in ${ms.toFixed(0)} ms, peak heap ${(peak / 2 ** 20).toFixed(0)} MiB`,
    )
    expect(rows).toBeGreaterThan(4000)

    const names = await Effect.runPromise(Ods.sheetNames(real))
    expect(names.slice(0, 5)).toEqual([
      "Cover",
      "Contents",
      "Comparability_over_time_log",
      "Notes",
      "Table_1a",
    ])
    expect(names.at(-1)).toBe("Table_6b")
    expect(names.filter((n) => n.startsWith("Table_"))).toHaveLength(25)

    const t2b = await collect(real, "Table_2b")
    const header = t2b.find((r) => r.cells[0] === "Local authority code")!
    expect(header).toMatchObject({
      row: 7,
      cells: [
        "Local authority code",
        "Local authority",
        "ONS area code",
        "2024 to 2025 - numerator",
        "2024 to 2025 - denominator",
        "2024 to 2025 - outcome",
      ],
    })
    expect(t2b.find((r) => r.cells[0] === "England")).toMatchObject({
      row: 8,
      cells: ["England", "England", "E92000001", "6035", "35455995", "17"],
    })
    // The file stores 17.100000000000001 for a displayed 17.1: the value, not the display, is read.
    expect(t2b.find((r) => r.cells[0] === "S")!.cells).toEqual([
      "S",
      "Shire Counties",
      "[z]",
      "2110",
      "12305795",
      "17.1",
    ])
    expect(t2b.find((r) => r.cells[0] === "305")!.cells).toEqual([
      "305",
      "Bury",
      "E08000002",
      "29",
      "117653",
      "24.6",
    ])
    expect(t2b.find((r) => r.cells[0] === "Z9D4Z")!.cells.slice(0, 3)).toEqual([
      "Z9D4Z",
      "North Northamptonshire",
      "E06000061",
    ])
    // Multi-paragraph text: the key on the Cover sheet is one cell of several paragraphs.
    const cover = await collect(real, "Cover")
    expect(cover.some((r) => r.cells.some((c) => c.includes("\n[x] denotes data is not available")))).toBe(
      true,
    )
  })
})
