import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import ExcelJS from "exceljs"
import { afterAll, describe, expect, it } from "vitest"
import { ReturnDocument as D, WorkbookWriter } from "../src/index.js"

const dir = mkdtempSync(join(tmpdir(), "asckit-wb-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const doc: D.Document = {
  returnId: "test",
  title: "Test return",
  period: "2024-25",
  sheets: [
    {
      name: "LTS001a: people in long-term support during the year",
      title: "LTS001a",
      tables: [
        {
          id: "t1",
          title: "Table 1",
          rowHeaders: ["Primary support reason", "Age"],
          columnHeaders: [
            ["Community", "Community", "Residential"],
            ["Direct payment", "Commissioned", "All"],
          ],
          rows: [
            {
              header: ["Physical", "18-64"],
              cells: [D.count(3, "q1"), D.count(1234, "q1"), D.count(0, "q1")],
            },
            {
              header: ["Physical", "65+"],
              cells: [D.count(12, "q1"), D.measure(null, "percent1", "q2", "[c]"), D.count(7, "q1")],
            },
            {
              header: ["Total", ""],
              total: true,
              cells: [D.count(15, "q1"), D.count(1240, "q1"), D.count(7, "q1")],
            },
          ],
          notes: ["A note."],
        },
      ],
    },
  ],
  findings: [
    {
      severity: "query",
      rule: "swing",
      message: "up 40%",
      figures: [
        { label: "2023-24", value: 10 },
        { label: "2024-25", value: 14 },
      ],
    },
  ],
  notes: [{ label: "Period", value: "2024-25" }],
  queries: { q1: { description: "people", sql: "select 1" }, q2: { description: "a share" } },
}

describe("WorkbookWriter", () => {
  it("writes numbers as numbers with formats, markers as text, frozen headers, Validation and Notes sheets", async () => {
    const path = join(dir, "t.xlsx")
    await Effect.runPromise(WorkbookWriter.make.write(doc, path))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    const ws = wb.getWorksheet(WorkbookWriter.sheetName(doc.sheets[0]!.name))!
    expect(ws).toBeDefined()
    expect(ws.getCell("A1").value).toBe("LTS001a")
    // title row 4, two header rows 5-6, data from row 7
    expect(ws.getCell("C5").value).toBe("Community")
    expect(ws.getCell("C5").isMerged).toBe(true)
    expect(ws.getCell("D6").value).toBe("Commissioned")
    expect(ws.getCell("D7").value).toBe(1234)
    expect(ws.getCell("D7").numFmt).toBe("#,##0")
    expect(ws.getCell("D8").value).toBe("[c]")
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 6 })
    expect(wb.getWorksheet("Validation")!.getCell("E2").value).toBe("up 40%")
    expect(wb.getWorksheet("Notes")!.getCell("B2").value).toBe("2024-25")
  })

  it("publication suppresses counts under 5 and rounds the rest to 5", () => {
    const p = D.publish(doc)
    const t = p.sheets[0]!.tables[0]!
    expect(D.at(t, "Physical / 18-64", "Direct payment")).toMatchObject({ value: null, marker: "[c]" })
    expect(D.at(t, "Physical / 18-64", "Commissioned")?.value).toBe(1235)
    expect(D.at(t, "Physical / 18-64", "All")?.value).toBe(0)
    expect(D.at(t, "Physical / 65+", "Direct payment")?.value).toBe(10)
  })

  it("freezes the only table's headers; with several tables, only the title rows (and shared row-header columns)", async () => {
    const table = (id: string, rowHeaders: ReadonlyArray<string>): D.Table => ({
      id,
      title: id,
      rowHeaders,
      columnHeaders: [["Number"]],
      rows: [{ header: rowHeaders.map(() => "x"), cells: [D.count(10, "q1")] }],
    })
    const several: D.Document = {
      ...doc,
      sheets: [
        { name: "SG2", title: "SG2", tables: [table("SG2a", ["Type of risk"]), table("SG2b", ["Location"])] },
        {
          name: "LTS001b",
          title: "LTS001b",
          tables: [table("LTS001b-1", ["Reason", "Age"]), table("LTS001b-2", ["Setting"])],
        },
      ],
    }
    const path = join(dir, "several.xlsx")
    await Effect.runPromise(WorkbookWriter.make.write(several, path))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    expect(wb.getWorksheet("SG2")!.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 2 })
    expect(wb.getWorksheet("LTS001b")!.views[0]).toMatchObject({ state: "frozen", xSplit: 0, ySplit: 2 })
    expect(WorkbookWriter.freezeOf([{ headerEnd: 6, rowHeaders: 2 }])).toEqual({ row: 6, col: 2 })
    expect(WorkbookWriter.freezeOf([])).toBeUndefined()
  })
})
