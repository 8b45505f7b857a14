/**
 * Publication (`ReturnDocument.publish`, `WorkbookWriter` in publication mode): no small number escapes through a
 * count, a rate or a percentage computed from it, or the Validation sheet — checked cell by cell, on a built DoLS
 * return, and by reading the published workbook back.
 */
import { join } from "node:path"
import { Period } from "@asckit/core"
import type ExcelJS from "exceljs"
import { describe, expect, it } from "vitest"
import { ReturnDocument as D } from "../src/index.js"
import * as Dols from "../src/returns/dols/index.js"
import { build, insert, roundTrip, tempDir } from "./returns/helpers.js"

const dir = tempDir("asckit-publication-")
const fy = Period.financialYear(2024)

describe("publishCell", () => {
  it("suppresses a rate whose numerator or denominator is below 5, with its counts (3 of 4 → [c], [c], [c])", () => {
    const row = [
      D.count(3),
      D.count(4),
      D.withBasis(D.measure(75, "percent0"), { numerator: 3, denominator: 4 }),
    ]
    expect(row.map(D.publishCell).map((c) => c.marker ?? c.value)).toEqual(["[c]", "[c]", "[c]"])
    // a large denominator does not save a small numerator, nor the other way round
    const small = (numerator: number, denominator: number) =>
      D.publishCell(D.withBasis(D.measure(1, "percent1"), { numerator, denominator })).marker
    expect(small(3, 400)).toBe("[c]")
    expect(small(400, 4)).toBe("[c]")
    expect(small(0, 400)).toBe("[c]") // the numerator-or-denominator rule of Outcome.publish: zero is below 5
  })

  it("keeps a rate on large counts as computed from the exact counts, and rounds the counts to 5", () => {
    const row = [
      D.count(61),
      D.count(82),
      D.withBasis(D.measure(74.4, "percent1"), { numerator: 61, denominator: 82 }),
    ]
    expect(row.map(D.publishCell).map((c) => c.marker ?? c.value)).toEqual([60, 80, 74.4])
    // a rate per 100,000 (numerator only matters beside a population) and a count-unit measure
    expect(
      D.publishCell(D.withBasis(D.measure(82.2, "decimal1"), { numerator: 6, denominator: 7300 })).value,
    ).toBe(82.2)
    expect(D.publishCell(D.withBasis(D.measure(12, "integer"), { numerator: 12 })).value).toBe(12)
  })

  it("suppresses a measure without a basis (it cannot be checked), saying why; keeps public figures and markers", () => {
    const unknown = D.publishCell(D.measure(75, "percent0"))
    expect(unknown).toMatchObject({ value: null, marker: "[c]" })
    expect(unknown.note).toContain("no counts")
    expect(D.publishCell(D.withBasis(D.measure(7300, "integer"), "public")).value).toBe(7300)
    expect(D.publishCell(D.measure(null, "percent0", "q", "[x]")).marker).toBe("[x]")
    expect(D.publishCell(D.text("3 people"))).toEqual(D.text("3 people"))
  })

  it("fromValue carries a core value's counts as the basis, and its marker", () => {
    expect(
      D.fromValue({ _tag: "Available", value: 75, numerator: 3, denominator: 4 }, "percent0").basis,
    ).toEqual({
      numerator: 3,
      denominator: 4,
    })
    expect(D.fromValue({ _tag: "NotAvailable" }, "percent0").marker).toBe("[x]")
    expect(
      D.publishCell(D.fromValue({ _tag: "Available", value: 75, numerator: 3, denominator: 4 }, "percent0"))
        .marker,
    ).toBe("[c]")
  })
})

const app = (ref: string, status: "granted" | "not-granted", urgent: 0 | 1, days: number) => {
  const received = new Date(Date.UTC(2024, 4, 1))
  const signed = new Date(received.getTime() + days * 86_400_000)
  return {
    la_code: "999",
    application_ref: ref,
    person_id: `person-${ref}`,
    managing_authority_cqc: "1-000000001",
    received_date: received.toISOString().slice(0, 10),
    urgent,
    age_assessment: 1,
    mental_health_assessment: 1,
    mental_capacity_assessment: 1,
    no_refusals_assessment: 1,
    eligibility_assessment: 1,
    best_interests_assessment: 1,
    signed_off_date: signed.toISOString().slice(0, 10),
    status,
    age_band: "85+",
    gender: "Female",
    ...(status === "granted"
      ? { authorisation_start: signed.toISOString().slice(0, 10), authorisation_end: "2025-12-31" }
      : { not_granted_reason: "Mental capacity requirement not met" }),
  }
}

const summaryValue = (doc: D.Document, label: string) =>
  doc.sheets
    .flatMap((s) => s.tables)
    .find((t) => t.id === "dols-summary")
    ?.rows.find((r) => r.header[0] === label)?.cells[0]

/** Every value of every worksheet of a workbook, as text. */
const allText = (wb: ExcelJS.Workbook): string => {
  const out: Array<string> = []
  for (const ws of wb.worksheets)
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        out.push(String(cell.value))
      })
    })
  return out.join("\n")
}

describe("a published DoLS return", () => {
  it("3 of 4 granted: the counts and the percentage granted are [c], in the document and the workbook", async () => {
    const db = join(dir, "small.sqlite")
    insert(db, "dols_application", [
      app("s1", "granted", 0, 10),
      app("s2", "granted", 0, 12),
      app("s3", "granted", 0, 30),
      app("s4", "not-granted", 0, 14),
    ])
    const exact = await build(Dols.plugin, db, fy)
    const granted = "Completed DoLS applications that were granted"
    expect(summaryValue(exact, granted)?.value).toBe(75)
    const pub = D.publish(exact)
    expect(summaryValue(pub, "of which granted")?.marker).toBe("[c]")
    expect(summaryValue(pub, "DoLS applications completed in the year")?.marker).toBe("[c]")
    expect(summaryValue(pub, granted)).toMatchObject({ value: null, marker: "[c]" })
    expect(summaryValue(pub, "Standard DoLS applications completed within 21 days")?.marker).toBe("[c]") // 3 of 4
    expect(summaryValue(pub, "Mean number of days to complete a DoLS application (days)")?.marker).toBe("[c]") // 4 cases
    const wb = await roundTrip(pub, join(dir, "small.xlsx"))
    const rows: Record<string, unknown> = {}
    wb.getWorksheet("Summary")!.eachRow((row) => {
      rows[String(row.getCell(1).value)] = row.getCell(2).value
    })
    expect(rows[granted]).toBe("[c]")
    expect(rows["of which granted"]).toBe("[c]")
    expect(Object.values(rows)).not.toContain(75)
  })

  it("40 of 60 granted: the percentage stays as computed from the exact counts, the counts are rounded to 5", async () => {
    const db = join(dir, "large.sqlite")
    insert(
      db,
      "dols_application",
      Array.from({ length: 62 }, (_, i) =>
        app(`l${i}`, i < 41 ? "granted" : "not-granted", i % 3 === 0 ? 1 : 0, 10 + (i % 20)),
      ),
    )
    const exact = await build(Dols.plugin, db, fy)
    const granted = "Completed DoLS applications that were granted"
    expect(summaryValue(exact, granted)?.value).toBe(66) // 41 / 62 = 66.1
    const pub = D.publish(exact)
    expect(summaryValue(pub, granted)?.value).toBe(66)
    expect(summaryValue(pub, "of which granted")?.value).toBe(40) // 41 → 40
    expect(summaryValue(pub, "DoLS applications completed in the year")?.value).toBe(60) // 62 → 60
    const wb = await roundTrip(pub, join(dir, "large.xlsx"))
    const rows: Record<string, unknown> = {}
    wb.getWorksheet("Summary")!.eachRow((row) => {
      rows[String(row.getCell(1).value)] = row.getCell(2).value
    })
    expect(rows[granted]).toBe(66)
    expect(rows["of which granted"]).toBe(40)
  })
})

describe("the published workbook", () => {
  const doc: D.Document = {
    returnId: "test",
    title: "Test return",
    period: "2024-25",
    sheets: [
      {
        name: "Summary",
        title: "Summary",
        tables: [
          {
            id: "t",
            title: "Table",
            rowHeaders: ["What"],
            columnHeaders: [["Number"]],
            rows: [{ header: ["Enquiries"], cells: [D.count(4, "q")] }],
          },
        ],
      },
    ],
    findings: [
      {
        severity: "query",
        rule: "swing",
        message: "Enquiries went from 3 in 2023-24 to 4 in 2024-25",
        figures: [
          { label: "2023-24", value: 3 },
          { label: "2024-25", value: 4 },
        ],
      },
    ],
    notes: [
      { label: "Period", value: "2024-25" },
      {
        label: "Source file 1",
        value: "/data/dols-2024-25.csv (dols/applications, 4 rows loaded) sha256 ab12",
      },
    ],
    queries: { q: { description: "enquiries" } },
  }

  it("has no Validation sheet, quotes no finding nor a source file's row count; the Notes sheet says why", async () => {
    const wb = await roundTrip(D.publish(doc), join(dir, "findings.xlsx"))
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Summary", "Notes"])
    const text = allText(wb)
    expect(text).not.toContain("3 in 2023-24")
    expect(text).not.toContain("2024-25: 4")
    expect(text).toContain("Left out of this publication: validation findings quote exact figures")
    expect(wb.getWorksheet("Summary")!.getCell("B6").value).toBe("[c]")
    // a source file's row count can be a small number of people
    expect(text).toContain("/data/dols-2024-25.csv (dols/applications) sha256 ab12")
    expect(text).not.toContain("4 rows loaded")
    // the draft keeps it
    const draft = await roundTrip(doc, join(dir, "findings-draft.xlsx"))
    expect(draft.getWorksheet("Validation")!.getCell("E2").value).toBe(
      "Enquiries went from 3 in 2023-24 to 4 in 2024-25",
    )
  })
})
