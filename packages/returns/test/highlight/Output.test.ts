/** The report's renderings: safe markdown commentary, the standalone HTML and the workbook read back with exceljs. */
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { Period } from "@asckit/core"
import { WarehouseReader } from "@asckit/etl"
import { Effect } from "effect"
import ExcelJS from "exceljs"
import { afterAll, describe, expect, it } from "vitest"
import { HighlightReport } from "../../src/index.js"
import { makeWarehouse, testConfig } from "./fixture.js"

const { Markdown } = HighlightReport

const wh = makeWarehouse()
afterAll(wh.cleanup)

const hostile = `Summary with <script>alert("x")</script> and <img src=x onerror=alert(1)>.

## O1

**Waits** are *down*; see [the plan](https://example.org/plan?a=1&b=2) — not [this](javascript:alert(1)).

## Contacts

- first
- second with \`code\`
`

describe("commentary markdown", () => {
  it("renders the safe subset and escapes everything else", () => {
    const html = Markdown.toHtml(hostile)
    expect(html).not.toMatch(/<script|<img/)
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;")
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
    expect(html).toContain(
      '<a href="https://example.org/plan?a=1&amp;b=2" rel="noopener noreferrer">the plan</a>',
    )
    expect(html).not.toMatch(/href="javascript/)
    expect(html).toContain("[this](javascript:alert(1))")
    expect(html).toContain("<strong>Waits</strong>")
    expect(html).toContain("<em>down</em>")
    expect(html).toContain("<ul><li>first</li><li>second with <code>code</code></li></ul>")
    expect(html).toContain("<h4>O1</h4>")
  })

  it("splits the file into the summary and blocks by heading", () => {
    const c = Markdown.split(hostile)
    expect(c.summary).toMatch(/^Summary with/)
    expect(Markdown.find(c, "O1")).toMatch(/^\*\*Waits\*\*/)
    expect(Markdown.find(c, "contacts", "Contacts")).toMatch(/^- first/)
    expect(Markdown.find(c, "reviews")).toBeUndefined()
    expect(Markdown.toText("**a** [b](https://x.org) `c`")).toBe("a b (https://x.org) c")
    expect(Markdown.toText("one\ntwo\n\n- a\n- b")).toBe("one two\n\n- a\n- b")
  })
})

describe("report outputs", async () => {
  writeFileSync(join(wh.dir, "commentary.md"), hostile)
  const out = join(wh.dir, "out")
  const written = await Effect.runPromise(
    Effect.gen(function* () {
      const resolved = yield* HighlightReport.Config.resolveConfig(testConfig(), wh.dir)
      const reader = yield* WarehouseReader.WarehouseReader
      return yield* HighlightReport.write(reader, resolved, Period.quarter(2025, 2), out)
    }).pipe(Effect.provide(WarehouseReader.layer(wh.path))),
  )

  it("writes highlight-<period>.xlsx and .html", () => {
    expect(written.xlsx).toBe(join(out, "highlight-2025-26-Q2.xlsx"))
    expect(written.html).toBe(join(out, "highlight-2025-26-Q2.html"))
  })

  it("HTML: one standalone file, nothing fetched, responsive and printable, commentary escaped", () => {
    const html = readFileSync(written.html, "utf8")
    expect(html).toMatch(/^<!doctype html>/)
    // no element loads anything: no scripts, images, frames, stylesheets, sources or CSS urls
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed|source|video|audio)\b/i)
    expect(html).not.toMatch(/<[a-z][^>]*\s(src|srcset|background)=/i)
    expect(html).not.toMatch(/@import|url\(/i)
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">')
    expect(html).toContain("@media print")
    expect(html).toContain("@media (max-width: 760px)")
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
    // the highlight table: a row and a sparkline per measure, the obsession bands, the ranks
    const rows = HighlightReport.Model.rows(written.report)
    expect(html.match(/<tr class="measure-row">/g)).toHaveLength(rows.length)
    expect(html.match(/<svg class="spark"/g)).toHaveLength(rows.length)
    expect(html).toContain("O1: Nobody waits too long")
    expect(html).toContain(
      '<td class="num" data-label="Greater Manchester rank">2 of 10<small>top quartile</small>',
    )
    expect(html).toContain('<span class="latest">60.0%</span><small>Sep 2025</small>')
    // the region's published value beside England's
    expect(html).toContain(
      '<th scope="col" class="num">North West</th><th scope="col" class="num">England</th>',
    )
    expect(html).toContain('<td class="num" data-label="North West">78.5%<small>2024-25</small></td>')
    // sections with charts and tables, and the stated reason where nothing is loaded
    expect(html).toContain('<section class="report-section" id="section-reviews">')
    expect(html).toMatch(
      /<svg class="chart" viewBox="0 0 640 \d+" role="img" aria-label="People whose review is overdue/,
    )
    expect(html).toContain(
      "no CQC care directory download on or before 2025-09-30 is loaded (provider_rating)",
    )
  })

  it("workbook: the highlight sheet laid out as the report, numbers as numbers, a trend image per measure", async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(written.xlsx)
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Highlights",
      "Contacts",
      "Waiting lists",
      "Reviews",
      "Assessments",
      "Services",
      "Safeguarding",
      "DoLS",
      "Complaints and compliments",
      "Care market",
      "Feedback and carers",
      "Trend data",
      "Validation",
      "Notes",
    ])
    const ws = wb.getWorksheet("Highlights")!
    const rows = HighlightReport.Model.rows(written.report)
    expect(ws.getImages()).toHaveLength(rows.length)
    // the summary commentary sits above the table (row 4), as plain text
    expect(String(ws.getCell(4, 1).value)).toMatch(/^Summary with <script>/)
    const header = ws.getRow(6).values as Array<unknown>
    const col = (name: string) => header.indexOf(name)
    const find = (title: string) => {
      let found: ExcelJS.Row | undefined
      ws.eachRow((r) => {
        if (String(r.getCell(1).value).startsWith(title)) found = r
      })
      return found!
    }
    const contacts = find("Contacts resolved at first contact")
    expect(contacts.getCell(col("Latest")).value).toBe(60)
    expect(contacts.getCell(col("Latest")).numFmt).toBe('0.0"%"')
    expect(contacts.getCell(col("Direction of travel")).value).toBe("▲ improving")
    expect(contacts.getCell(col("RAG")).value).toBe("Green")
    expect((contacts.getCell(col("RAG")).fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFC6EFCE")
    const title = (id: string) => rows.find((r) => r.measure.id === id)!.title
    const reablement = find(title("ASCOF-2023:2A"))
    expect(reablement.getCell(col("Latest")).value).toBe(82.3)
    expect(reablement.getCell(col("Greater Manchester rank")).value).toBe("2 of 10")
    expect(reablement.getCell(col("CIPFA nearest neighbours rank")).value).toBe("not configured")
    expect(reablement.getCell(col("England")).value).toBe(77.1)
    expect(reablement.getCell(col("North West")).value).toBe(78.5)
    expect(reablement.getCell(col("North West")).note).toBe("North West 2024-25")
    // each obsession's commentary under its band, as plain text
    const cells: Array<string> = []
    ws.eachRow((r) => {
      cells.push(String(r.getCell(1).value))
    })
    const band = cells.findIndex((c) => c.startsWith("O1: "))
    expect(cells[band + 1]).toMatch(/^Waits are down; see the plan \(https:\/\/example\.org\/plan\?a=1&b=2\)/)
    expect(cells[band + 1]).toBe(Markdown.toText(written.report.obsessions[0]!.commentary!))
    const concerns = find("Safeguarding concerns received")
    expect(concerns.getCell(col("Previous")).value).toBe("[c]")
    const atHome = find(title("LOCAL:AT-HOME-91-DAYS"))
    expect(atHome.getCell(col("Latest")).value).toBe("[x]")
    expect(String(atHome.getCell(col("Reason / note")).value)).toMatch(/not computed by the highlight report/)
    // the points behind the trend images, and what could not be shown
    const trend: Array<unknown> = []
    wb.getWorksheet("Trend data")!.eachRow((r) => r.eachCell((c) => trend.push(c.value)))
    expect(trend).toEqual(expect.arrayContaining([59.9, 62.4, 61.5, 63.2, 63.8, 64.3]))
    const validation: Array<unknown> = []
    wb.getWorksheet("Validation")!.eachRow((r) => r.eachCell((c) => validation.push(c.value)))
    expect(validation.join("\n")).toContain("Care-market quality: no CQC care directory download")
  })

  it("the sparkline PNG is a real PNG of the drawn size", () => {
    const png = HighlightReport.Png.sparkline([1, 2, null, 4, 3], { tone: "good", target: 2 })
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(png.readUInt32BE(16)).toBe(240)
    expect(png.readUInt32BE(20)).toBe(64)
  })
})
