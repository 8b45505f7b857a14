/** `asckit returns` as a user runs it: a real process, a warehouse loaded by `asckit etl`, real workbooks. */
import { spawnSync } from "node:child_process"
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

/** The few exceljs calls the test reads a workbook with (exceljs is a dependency of @asckit/returns, not the CLI). */
interface Sheet {
  readonly name: string
  eachRow(f: (row: { values?: unknown; getCell(i: number): { value: unknown } }) => void): void
}
interface Workbook {
  readonly worksheets: ReadonlyArray<Sheet>
  readonly xlsx: { readFile(path: string): Promise<unknown> }
  getWorksheet(name: string): Sheet | undefined
}
const ExcelJS = createRequire(new URL("../../returns/package.json", import.meta.url))("exceljs") as {
  Workbook: new () => Workbook
}

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url))
const fixtures = fileURLToPath(new URL("../../etl/test/fixtures/", import.meta.url))
const dir = mkdtempSync(join(tmpdir(), "asckit-cli-returns-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const asckit = (args: ReadonlyArray<string>) => {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: {
      ...process.env,
      FORCE_COLOR: undefined,
      NO_COLOR: "1",
      ASCKIT_TEST_KEY: "cli-returns-test-key-0123456789",
    },
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

const out = (...parts: ReadonlyArray<string>) => join(dir, ".asckit", "out", "returns", ...parts)

beforeAll(() => {
  cpSync(join(fixtures, "cld"), join(dir, "cld"), { recursive: true })
  cpSync(join(fixtures, "dols"), join(dir, "dols"), { recursive: true })
  writeFileSync(
    join(dir, "asckit.config.json"),
    JSON.stringify({
      warehouse: "warehouse.sqlite",
      pseudonymisation: { keyEnv: "ASCKIT_TEST_KEY" },
      sources: [
        { plugin: "cld", files: ["cld/"] },
        { plugin: "dols", files: ["dols/"], laCode: "999" },
      ],
      returns: { sac: { populationGeography: "E08000002" } },
    }),
  )
  expect(asckit(["etl"]).code).toBe(0)
}, 120_000)

describe("asckit returns", () => {
  it("lists the returns and the periods they cover", () => {
    const r = asckit(["returns", "list"])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/dols\s+Deprivation of Liberty Safeguards\s+a financial year/)
    expect(r.out).toMatch(/sac\s+Safeguarding Adults Collection\s+a financial year/)
    expect(r.out).toMatch(/salt\s+SALT-style tables from CLD\s+a financial year, a rolling 12 months/)
  })

  it("builds a draft with exact figures, prints the validation summary and writes the workbook", async () => {
    const r = asckit(["returns", "build", "salt", "--period", "2024-25"])
    expect(r.code).toBe(0)
    expect(r.out).toContain("SALT-style tables from CLD — 999, April 2024 to March 2025: 11 sheets")
    expect(r.out).toMatch(/Validation: 0 errors, \d+ quer/)
    expect(r.out).toContain("Wrote .asckit/out/returns/salt-999-2024-25-draft.xlsx")
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(out("salt-999-2024-25-draft.xlsx"))
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "STS001",
      "STS002a",
      "STS002b",
      "STS004",
      "LTS001a",
      "LTS001b",
      "LTS001c",
      "LTS002a",
      "LTS002b",
      "LTS003",
      "LTS004",
      "Validation",
      "Notes",
    ])
    const notes: Array<string> = []
    wb.getWorksheet("Notes")!.eachRow((row) => notes.push(row.values?.toString() ?? ""))
    expect(notes.join("\n")).toContain("Output,draft: exact figures, not yet cleared for submission")
    expect(notes.join("\n")).toMatch(
      /cld-2024-25-Q2\.csv \(cld\/events, \d+ rows loaded\) sha256 [0-9a-f]{64}/,
    )
  })

  it("writes the DoLS return for submission with --final when it has no errors", () => {
    const r = asckit(["returns", "build", "dols", "-p", "2024-25", "--final"])
    expect(r.code).toBe(0)
    expect(r.out).toContain("Validation: 0 errors")
    expect(existsSync(out("dols-999-2024-25.xlsx"))).toBe(true)
  })

  it("refuses --final while the return has validation errors: exit 1, errors listed, nothing written", () => {
    const r = asckit(["returns", "build", "sac", "-p", "2024-25", "--final"])
    expect(r.code).toBe(1)
    expect(r.out).toContain("✗ sg1f-s42-mandatory (SG1f): SG1f: no section 42 enquiries started in 2024-25")
    expect(r.err).toContain("sac 2024-25 has 1 validation error (listed above): nothing was written")
    expect(existsSync(out("sac-999-2024-25.xlsx"))).toBe(false)
    // the draft is still written, with the advice to fix the errors
    const draft = asckit(["returns", "build", "sac", "-p", "2024-25"])
    expect(draft.code).toBe(0)
    expect(draft.out).toContain("Fix the errors before building with --final for submission.")
    expect(existsSync(out("sac-999-2024-25-draft.xlsx"))).toBe(true)
  })

  it("applies suppression and rounding with --publication and leaves case-level listings out", async () => {
    const r = asckit(["returns", "build", "dols", "-p", "2024-25", "--publication", "--out", "pub"])
    expect(r.code).toBe(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(join(dir, "pub", "dols-999-2024-25-publication-draft.xlsx"))
    expect(wb.getWorksheet("Cases")).toBeUndefined()
    const values: Array<unknown> = []
    wb.getWorksheet("Summary")!.eachRow((row) => {
      if (String(row.getCell(1).value ?? "").startsWith("DoLS applications received"))
        values.push(row.getCell(2).value)
    })
    expect(values).toHaveLength(1)
    expect(values[0] === "[c]" || (typeof values[0] === "number" && values[0] % 5 === 0)).toBe(true)
    // 1 application completed in 2024-25 (not granted): the percentage granted (0 of 1) and the mean days are [c]
    const summary: Record<string, unknown> = {}
    wb.getWorksheet("Summary")!.eachRow((row) => {
      summary[String(row.getCell(1).value)] = row.getCell(2).value
    })
    expect(summary["DoLS applications completed in the year"]).toBe("[c]")
    expect(summary["Completed DoLS applications that were granted"]).toBe("[c]")
    expect(summary["Mean number of days to complete a DoLS application (days)"]).toBe("[c]")
    // findings quote exact figures: no Validation sheet in a publication
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Summary", "Notes"])
  })

  it("writes the CLD submission CSV beside its validation workbook, from a warehouse with raw identifiers", async () => {
    // The shared warehouse holds pseudonyms only: the CLI refuses, saying what to do, and writes nothing.
    const pseudonymised = asckit([
      "returns",
      "build",
      "cld-submission",
      "-p",
      "2024-25 Q3",
      "--out",
      "cld-ps",
    ])
    expect(pseudonymised.code).toBe(1)
    expect(pseudonymised.err).toContain("The warehouse holds pseudonymised identifiers only")
    expect(pseudonymised.err).toContain("keepIdentifiers: true")
    expect(existsSync(join(dir, "cld-ps"))).toBe(false)
    // A warehouse loaded with keepIdentifiers.
    writeFileSync(
      join(dir, "ids.json"),
      JSON.stringify({
        warehouse: "ids.sqlite",
        pseudonymisation: { keyEnv: "ASCKIT_TEST_KEY" },
        keepIdentifiers: true,
        sources: [{ plugin: "cld", files: ["cld/"] }],
      }),
    )
    expect(asckit(["etl", "-c", "ids.json"]).code).toBe(0)
    const r = asckit([
      "returns",
      "build",
      "cld-submission",
      "-p",
      "2024-25 Q3",
      "-c",
      "ids.json",
      "--out",
      "cld",
    ])
    expect(r.code).toBe(0)
    expect(r.out).toContain("Wrote cld/cld-submission-999-2024-25-Q3-draft.xlsx")
    expect(r.out).toContain(
      "Wrote cld/CLD_999_2024-25_Q3_20240101-20241231.csv (the CLD submission: 8 rows; personal data",
    )
    const csv = readFileSync(join(dir, "cld", "CLD_999_2024-25_Q3_20240101-20241231.csv"), "utf8")
    const lines = csv.split("\r\n").filter((l) => l !== "")
    expect(lines[0]).toMatch(/^LA_Code,Reporting_Period_Start_Date,Reporting_Period_End_Date,NHS_Number,/)
    expect(lines).toHaveLength(9)
    // real identifiers and Release 2 labels, the reporting period of the rolling 12 months
    expect(lines.slice(1).every((l) => l.startsWith("999,2024-01-01,2024-12-31,"))).toBe(true)
    expect(lines.some((l) => l.startsWith("999,2024-01-01,2024-12-31,9434765919,P0001,"))).toBe(true)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(join(dir, "cld", "cld-submission-999-2024-25-Q3-draft.xlsx"))
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Summary", "Rows", "Validation", "Notes"])
    // not for publication
    const pub = asckit([
      "returns",
      "build",
      "cld-submission",
      "-p",
      "2024-25 Q3",
      "-c",
      "ids.json",
      "--publication",
    ])
    expect(pub.code).toBe(2)
    expect(pub.err).toContain("--publication does not apply to the CLD submission")
  })

  it("exits 2 for usage and configuration errors, saying what to do", () => {
    const unknown = asckit(["returns", "build", "ascof-x", "-p", "2024-25"])
    expect(unknown.code).toBe(2)
    expect(unknown.err).toMatch(/No return "ascof-x"\. Returns: .*dols.*sac, salt/)
    const kind = asckit(["returns", "build", "sac", "-p", "2024-25 Q2"])
    expect(kind.code).toBe(2)
    expect(kind.err).toContain('covers a financial year (2024-25); "2024-25 Q2" is a quarter')
    const bad = asckit(["returns", "build", "salt", "-p", "2024/99"])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('Cannot read "2024/99" as a period')
    writeFileSync(
      join(dir, "bad-returns.json"),
      JSON.stringify({
        warehouse: "warehouse.sqlite",
        sources: [],
        returns: { salt: { swing: { percent: -5 } } },
      }),
    )
    const config = asckit(["returns", "build", "salt", "-p", "2024-25", "-c", "bad-returns.json"])
    expect(config.code).toBe(2)
    expect(config.err).toContain("The configuration's returns.salt is not valid")
    const noWarehouse = asckit(["returns", "build", "salt", "-p", "2024-25", "--warehouse", "missing.sqlite"])
    expect(noWarehouse.code).toBe(2)
    expect(noWarehouse.err).toContain("Run `pnpm etl` (or `asckit etl`) first")
    expect(asckit(["returns", "build", "salt"]).code).toBe(2) // --period is required
  })
})

describe("asckit ascof", () => {
  it("prints every ASCOF measure as JSON for scripts, computed from the warehouse", () => {
    const r = asckit(["ascof", "--period", "2024-25", "--json"])
    expect(r.code).toBe(0)
    const measures = JSON.parse(r.out) as ReadonlyArray<{
      code: string
      period: string
      status: string
      numerator: number | null
      denominator: number | null
      outcome: number | null
      marker?: string
      note: string
    }>
    const byCode = new Map(measures.map((m) => [m.code, m]))
    // Every measure of the 2023+ framework is listed, computed or not.
    for (const code of ["1A", "1B", "2A", "2B", "2C", "2D(1)", "2E(1)", "3D(1a)", "4B", "6A", "6B"])
      expect(byCode.has(code), code).toBe(true)
    expect(new Set(measures.map((m) => m.period))).toEqual(new Set(["2024-25"]))
    // No surveys, population or hospital data in this warehouse: those say so, with the official marker.
    expect(byCode.get("1A")).toMatchObject({ status: "not-available", outcome: null, marker: "[x]" })
    expect(byCode.get("2B")?.status).toBe("not-available")
    expect(byCode.get("2D(1)")?.note).toContain("no hospital-discharge data loaded")
    // 2E(2b) comes from the CLD alone: both long-term clients 65+ live at home (fixture cld-2024-25-Q2.csv).
    expect(byCode.get("2E(2b)")).toMatchObject({ status: "ok", numerator: 2, denominator: 2, outcome: 100 })
    // The fixtures end in December 2024: the note says the data do not cover the year.
    expect(byCode.get("2E(2b)")?.note).toContain("the latest CLD submission loaded ends on 2024-12-31")
  })

  it("writes the ASCOF workbook and the gov.uk CSV, for a year or the rolling 12 months to a quarter", async () => {
    const year = asckit(["ascof", "-p", "2024-25"])
    expect(year.code).toBe(0)
    expect(year.out).toContain("Adult Social Care Outcomes Framework, April 2024 to March 2025")
    expect(year.out).toContain("Wrote .asckit/out/returns/ascof-999-2024-25-draft.xlsx")
    expect(year.out).toContain("Wrote .asckit/out/returns/ascof-999-2024-25.csv (gov.uk long format)")
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(out("ascof-999-2024-25-draft.xlsx"))
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(["Summary", "Objective 1", "Objective 2", "Validation", "Notes"]),
    )
    const rolling = asckit(["ascof", "-p", "2024-25Q3"])
    expect(rolling.code).toBe(0)
    expect(rolling.out).toContain("ascof-999-12-months-to-2024-25-Q3-draft.xlsx")
    expect(existsSync(out("ascof-999-12-months-to-2024-25-Q3.csv"))).toBe(true)
  })

  it("reads comparator groups from the files named in returns.ascof.groupFiles, and names a bad one", async () => {
    writeFileSync(
      join(dir, "peers.csv"),
      "group,council,group_name\npeers,305,Our peer councils\npeers,Bolton,Our peer councils\npeers,E08000006,Our peer councils\n",
    )
    writeFileSync(
      join(dir, "groups.json"),
      JSON.stringify({
        warehouse: "warehouse.sqlite",
        sources: [],
        returns: { ascof: { benchmarkAs: "305", groupFiles: ["peers.csv"] } },
      }),
    )
    const r = asckit(["ascof", "-p", "2024-25", "-c", "groups.json", "--out", "groups-out"])
    expect(r.code).toBe(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(join(dir, "groups-out", "ascof-999-2024-25-draft.xlsx"))
    const headers: Array<unknown> = []
    wb.getWorksheet("Summary")!.eachRow((row) => {
      headers.push(...(Array.isArray(row.values) ? row.values : []))
    })
    expect(headers).toContain("Rank: Our peer councils")
    writeFileSync(join(dir, "bad-peers.csv"), "group,council\npeers,Atlantis\n")
    writeFileSync(
      join(dir, "bad-groups.json"),
      JSON.stringify({
        warehouse: "warehouse.sqlite",
        sources: [],
        returns: { ascof: { groupFiles: ["bad-peers.csv"] } },
      }),
    )
    const bad = asckit(["ascof", "-p", "2024-25", "-c", "bad-groups.json"])
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(/bad-peers\.csv: Line 2.*Atlantis/)
  })

  it("exits 2 for a period ASCOF does not cover, saying which it does", () => {
    const r = asckit(["ascof", "-p", "Jul 2024"])
    expect(r.code).toBe(2)
    expect(r.err).toContain("ASCOF covers a financial year (2025-26) or the rolling 12 months to a quarter")
  })
})
