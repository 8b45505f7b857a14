import { createHash } from "node:crypto"
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Cld, LocalDate } from "@asckit/core"
import { Either } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type BoroughManifest,
  type BoroughModel,
  BoroughStats,
  boroughModel,
  generateBorough,
  isValidNhsNumber,
  MODEL_END,
  MODEL_START,
  parseCsv,
  parseCsvLine,
  submissions,
} from "../src/borough/index.js"

const COL = Object.fromEntries(Cld.fieldNames.map((n, i) => [n, i])) as Record<Cld.FieldName, number>
const listFields = Cld.fields.filter((f) => f.list !== undefined)
const dateFields = Cld.fields.filter((f) => f.kind === "date")

const parseDate = (s: string): string | undefined => {
  const r = LocalDate.parse(s)
  return Either.isRight(r) ? r.right : undefined
}

let dir = ""
const cleanup: string[] = []
afterAll(async () => {
  for (const d of cleanup) await rm(d, { recursive: true, force: true })
})

describe("the borough model (scale 1, seed 1)", () => {
  let model: BoroughModel
  beforeAll(() => {
    model = boroughModel({ seed: 1, scale: 1 })
  })

  it("keeps about 3,000 people in long-term support at any time, about 60% aged 65+", () => {
    for (const date of ["2022-09-30", "2023-06-30", "2024-03-31", "2025-03-31", "2026-03-31", "2026-09-30"]) {
      const lt = BoroughStats.longTermOn(model.people, date)
      expect(lt.total, date).toBeGreaterThanOrEqual(2700)
      expect(lt.total, date).toBeLessThanOrEqual(3300)
      expect(lt.age65plus / lt.total, date).toBeGreaterThan(0.55)
      expect(lt.age65plus / lt.total, date).toBeLessThan(0.66)
      expect(lt.directPayment / lt.community, date).toBeGreaterThan(0.22)
      expect(lt.directPayment / lt.community, date).toBeLessThan(0.32)
    }
  })

  it("has about 170 assessments, 400 requests and 60 reablement episodes a month", () => {
    for (const y of [2023, 2024, 2025]) {
      const fy = BoroughStats.financialYear(y)
      const assessments = BoroughStats.perMonth(model.people, "Assessment", fy.start, fy.end)
      expect(assessments, `${y}`).toBeGreaterThanOrEqual(150)
      expect(assessments, `${y}`).toBeLessThanOrEqual(190)
      const requests = BoroughStats.perMonth(model.people, "Request", fy.start, fy.end)
      expect(requests, `${y}`).toBeGreaterThan(330)
      expect(requests, `${y}`).toBeLessThan(450)
      const reablement = BoroughStats.reablementPerMonth(model.people, fy.start, fy.end)
      expect(reablement, `${y}`).toBeGreaterThan(45)
      expect(reablement, `${y}`).toBeLessThan(80)
    }
  })

  it("admits about 30 (18-64) and 300 (65+) people a year to long-term residential or nursing care", () => {
    for (const y of [2023, 2024, 2025]) {
      const fy = BoroughStats.financialYear(y)
      const a = BoroughStats.admissions(model.people, fy.start, fy.end)
      expect(a.age18to64, `${y}`).toBeGreaterThanOrEqual(20)
      expect(a.age18to64, `${y}`).toBeLessThanOrEqual(40)
      expect(a.age65plus, `${y}`).toBeGreaterThanOrEqual(250)
      expect(a.age65plus, `${y}`).toBeLessThanOrEqual(350)
    }
  })

  it("ends 70-90% of new clients' reablement without further support (ASCOF 2A style)", () => {
    for (const y of [2023, 2024, 2025]) {
      const fy = BoroughStats.financialYear(y)
      const r = BoroughStats.reablementNoFurtherSupport(model.people, fy.start, fy.end)
      expect(r.denominator, `${y}`).toBeGreaterThan(400)
      expect(r.share, `${y}`).toBeGreaterThanOrEqual(0.7)
      expect(r.share, `${y}`).toBeLessThanOrEqual(0.9)
    }
  })

  it("has about a quarter of 65+ long-term clients dying each year and plausible settled accommodation", () => {
    const fy = BoroughStats.financialYear(2024)
    const deaths = BoroughStats.deathRate65(model.people, fy.start, fy.end)
    expect(deaths).toBeGreaterThan(0.18)
    expect(deaths).toBeLessThan(0.32)
    const settled = BoroughStats.settledShare(model.people, fy.end)
    expect(settled.age18to64).toBeGreaterThan(0.62)
    expect(settled.age18to64).toBeLessThan(0.78)
    expect(settled.age65plus).toBeGreaterThan(0.48)
    expect(settled.age65plus).toBeLessThan(0.62)
  })

  it("gives people valid, unique identifiers and links carers to the people they care for", () => {
    const ids = new Set<string>()
    const nhs = new Set<string>()
    let carers = 0
    let withNhs = 0
    for (const p of model.people) {
      expect(ids.has(p.laPersonId)).toBe(false)
      ids.add(p.laPersonId)
      if (p.nhsNumber !== undefined) {
        withNhs++
        expect(isValidNhsNumber(p.nhsNumber), p.nhsNumber).toBe(true)
        expect(nhs.has(p.nhsNumber)).toBe(false)
        nhs.add(p.nhsNumber)
      }
    }
    const byId = new Map(model.people.map((p) => [p.laPersonId, p]))
    for (const p of model.people) {
      if (p.clientType !== "Unpaid carer") continue
      carers++
      const caredFor = byId.get(p.caring?.linkedPersonIds[0] ?? "")
      expect(caredFor?.clientType).toBe("Service user")
      expect(
        p.events.some((e) => e.serviceType?.startsWith("Unpaid carer support") || e.type !== "Service"),
      ).toBe(true)
    }
    expect(carers).toBeGreaterThan(300)
    expect(withNhs / model.people.length).toBeGreaterThan(0.85)
    expect(isValidNhsNumber("9434765919")).toBe(true)
    expect(isValidNhsNumber("9434765918")).toBe(false)
  })

  it("keeps events inside the model, in order, unique by reference and not after death", () => {
    const refs = new Set<string>()
    const problems: string[] = []
    const lists = ["EventOutcome", "ServiceType", "ServiceComponent", "ReviewReason"] as const
    for (const p of model.people) {
      let last = ""
      for (const e of p.events) {
        const fail = (what: string) => problems.length < 20 && problems.push(`${e.reference}: ${what}`)
        if (refs.has(e.reference)) fail("duplicate reference")
        refs.add(e.reference)
        if (e.start < last) fail("out of order")
        last = e.start
        if (e.start > MODEL_END) fail("starts after the model")
        if (e.end !== undefined && e.end < e.start) fail("ends before it starts")
        if (e.end === undefined && e.outcome !== undefined) fail("open with an outcome")
        if (p.dateOfDeath !== undefined && (e.start > p.dateOfDeath || (e.end ?? "9999") > p.dateOfDeath))
          fail("runs past death")
        const values = [e.outcome, e.serviceType, e.serviceComponent, e.reviewReason]
        lists.forEach((list, i) => {
          const v = values[i]
          if (v !== undefined && !(Cld.lists[list] as ReadonlyArray<string>).includes(v))
            fail(`${list} "${v}"`)
        })
      }
    }
    expect(problems).toEqual([])
    expect(model.start).toBe(MODEL_START)
  })
})

describe("the CLD submissions (scale 1, faults, mixed releases, some UK dates)", () => {
  let manifest: BoroughManifest
  const rowsOf = new Map<string, string[][]>()

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "asckit-borough-"))
    cleanup.push(dir)
    manifest = await generateBorough({
      outDir: dir,
      seed: 1,
      scale: 1,
      faults: true,
      mixReleases: true,
      ukDates: "some",
    })
    for (const f of manifest.files) rowsOf.set(f.file, parseCsv(await readFile(f.path, "utf8")))
  })

  const faulted = () => new Set(manifest.faults.map((f) => f.file))
  const clean = () => manifest.files.filter((f) => !faulted().has(f.file))

  it("writes one rolling 12-month file per quarter from 2023-24 Q1 to 2026-27 Q2", async () => {
    expect(manifest.files.map((f) => f.quarter)).toEqual(submissions().map((s) => s.quarter))
    expect(manifest.files).toHaveLength(14)
    expect(manifest.files[0]).toMatchObject({
      quarter: "2023-24 Q1",
      periodStart: "2022-07-01",
      periodEnd: "2023-06-30",
    })
    expect(manifest.files.at(-1)).toMatchObject({
      quarter: "2026-27 Q2",
      periodStart: "2025-10-01",
      periodEnd: "2026-09-30",
    })
    expect(manifest.files.filter((f) => f.release === 1).map((f) => f.quarter)).toEqual([
      "2023-24 Q1",
      "2023-24 Q2",
      "2023-24 Q3",
      "2023-24 Q4",
      "2024-25 Q1",
      "2024-25 Q2",
    ])
    expect(manifest.files.some((f) => f.ukDates)).toBe(true)
    expect(manifest.files.some((f) => !f.ukDates)).toBe(true)
    const onDisk = (await readdir(dir)).sort()
    expect(onDisk).toEqual([...manifest.files.map((f) => f.file), "faults.json"].sort())
    expect(manifest.counts.people).toBeGreaterThan(15_000)
    for (const f of manifest.files) {
      expect(f.rows).toBe((rowsOf.get(f.file)?.length ?? 0) - 1)
      expect(f.rows).toBeGreaterThan(12_000)
    }
  })

  it("heads every file with the official Release 2 field names", () => {
    for (const f of manifest.files) {
      const header = rowsOf.get(f.file)?.[0] ?? []
      expect(header).toEqual([...Cld.fieldNames])
      for (const h of header) {
        expect(Cld.isFieldName(h)).toBe(true)
        expect(Cld.canonicalHeader(h)).toBe(h)
      }
    }
  })

  it("writes only valid codes, dates and identifiers in the clean files", () => {
    expect(clean().length).toBe(12)
    // checks are collected rather than asserted row by row: ~200,000 rows × 30 fields
    const problems: string[] = []
    const bad = (f: { file: string }, r: number, what: string) => {
      if (problems.length < 20) problems.push(`${f.file} row ${r + 1}: ${what}`)
    }
    let release1Labels = 0
    for (const f of clean()) {
      const rows = rowsOf.get(f.file) ?? []
      for (let r = 1; r < rows.length; r++) {
        const row = rows[r] as string[]
        if (row.length !== Cld.fieldNames.length) bad(f, r, `${row.length} cells`)
        if (row[COL.NHS_Number] === "" && row[COL.LA_Person_Unique_Identifier] === "")
          bad(f, r, "no person id")
        if (parseDate(row[COL.Reporting_Period_Start_Date] as string) !== f.periodStart)
          bad(f, r, "period start")
        if (parseDate(row[COL.Reporting_Period_End_Date] as string) !== f.periodEnd) bad(f, r, "period end")
        for (const field of listFields) {
          const v = row[COL[field.name]] as string
          if (v === "") continue
          const n = Cld.normalise(field.list as Cld.ListName, v)
          if (n === undefined) bad(f, r, `${field.name} "${v}" is not in ${field.list}`)
          else if (n.release === 1) {
            release1Labels++
            if (f.release === 2) bad(f, r, `${field.name} "${v}" is a Release 1 label in a Release 2 file`)
          }
        }
        for (const field of dateFields) {
          const v = row[COL[field.name]] as string
          if (v !== "" && parseDate(v) === undefined) bad(f, r, `${field.name} "${v}" is not a date`)
        }
        const nhs = row[COL.NHS_Number] as string
        if (nhs !== "" && !isValidNhsNumber(nhs)) bad(f, r, `NHS number ${nhs}`)
      }
    }
    expect(problems).toEqual([])
    expect(release1Labels).toBeGreaterThan(10_000)
  })

  it("holds the events in scope for each 12-month period", () => {
    const problems: string[] = []
    for (const f of clean()) {
      const rows = rowsOf.get(f.file) ?? []
      for (let r = 1; r < rows.length; r++) {
        const row = rows[r] as string[]
        const start = parseDate(row[COL.Event_Start_Date] as string) as string
        const endRaw = row[COL.Event_End_Date] as string
        const end = endRaw === "" ? undefined : parseDate(endRaw)
        const service = Cld.normalise("EventType", row[COL.Event_Type] as string)?.value === "Service"
        const ok =
          start <= f.periodEnd &&
          (end === undefined
            ? row[COL.Event_Outcome] === ""
            : end <= f.periodEnd && end >= f.periodStart && row[COL.Event_Outcome] !== "") &&
          (service || end === undefined || end >= f.periodStart)
        if (!ok && problems.length < 20) problems.push(`${f.file} row ${r + 1}: ${start} – ${endRaw}`)
      }
    }
    expect(problems).toEqual([])
  })

  it("repeats an event with the same Event_Reference in overlapping submissions, open then closed", () => {
    const files = clean()
    let openThenClosed = 0
    let compared = 0
    const mismatched: string[] = []
    for (let i = 0; i + 1 < files.length; i++) {
      const a = files[i] as BoroughManifest["files"][number]
      const b = files[i + 1] as BoroughManifest["files"][number]
      const index = (f: typeof a) => {
        const m = new Map<string, string[]>()
        for (const row of (rowsOf.get(f.file) ?? []).slice(1)) m.set(row[COL.Event_Reference] as string, row)
        return m
      }
      const ia = index(a)
      const ib = index(b)
      let shared = 0
      for (const [ref, ra] of ia) {
        const rb = ib.get(ref)
        if (rb === undefined) continue
        shared++
        compared++
        const same =
          parseDate(rb[COL.Event_Start_Date] as string) === parseDate(ra[COL.Event_Start_Date] as string) &&
          Cld.normalise("EventType", rb[COL.Event_Type] as string)?.value ===
            Cld.normalise("EventType", ra[COL.Event_Type] as string)?.value &&
          rb[COL.LA_Person_Unique_Identifier] === ra[COL.LA_Person_Unique_Identifier]
        if (!same) mismatched.push(`${a.quarter} / ${b.quarter}: ${ref}`)
        if (ra[COL.Event_End_Date] === "" && rb[COL.Event_End_Date] !== "") openThenClosed++
      }
      expect(shared / ia.size, `${a.quarter} vs ${b.quarter}`).toBeGreaterThan(0.5)
    }
    expect(mismatched.slice(0, 20)).toEqual([])
    expect(compared).toBeGreaterThan(50_000)
    expect(openThenClosed).toBeGreaterThan(500)
  })

  it("lists faults that point at rows that really are bad, and writes them to faults.json", async () => {
    const kinds = new Set(manifest.faults.map((f) => f.fault))
    expect(kinds).toEqual(
      new Set([
        "bad-date",
        "unknown-code",
        "unknown-optional-code",
        "missing-person-id",
        "duplicate-row",
        "truncated-row",
      ]),
    )
    expect(faulted().size).toBe(2)
    for (const fault of manifest.faults) {
      const rows = rowsOf.get(fault.file) ?? []
      const row = rows[fault.row - 1] as string[]
      const where = `${fault.file} row ${fault.row} (${fault.fault})`
      switch (fault.fault) {
        case "bad-date":
          expect(parseDate(row[COL[fault.column as Cld.FieldName]] as string), where).toBeUndefined()
          break
        case "unknown-code":
        case "unknown-optional-code": {
          const field = Cld.fieldByName(fault.column ?? "")
          expect(field?.list, where).toBeDefined()
          expect(
            Cld.normalise(field?.list as Cld.ListName, row[COL[field?.name as Cld.FieldName]] as string),
            where,
          ).toBeUndefined()
          expect(field?.status.Service, where).toBe(
            fault.fault === "unknown-code" ? "mandatory" : "applicable",
          )
          break
        }
        case "missing-person-id":
          expect(row[COL.NHS_Number], where).toBe("")
          expect(row[COL.LA_Person_Unique_Identifier], where).toBe("")
          break
        case "duplicate-row":
          expect(row, where).toEqual(rows[fault.row - 2])
          break
        case "truncated-row":
          expect(row.length, where).toBeLessThan(Cld.fieldNames.length)
          break
      }
    }
    const json = JSON.parse(await readFile(join(dir, "faults.json"), "utf8"))
    expect(json).toEqual(JSON.parse(JSON.stringify(manifest.faults)))
  })
})

describe("determinism", () => {
  const hashes = async (d: string): Promise<Record<string, string>> => {
    const out: Record<string, string> = {}
    for (const f of (await readdir(d)).sort())
      out[f] = createHash("sha256")
        .update(await readFile(join(d, f)))
        .digest("hex")
    return out
  }

  it("writes byte-identical CSV files for the same seed and options, and different ones for another seed", async () => {
    const run = async (seed: number) => {
      const d = await mkdtemp(join(tmpdir(), "asckit-borough-det-"))
      cleanup.push(d)
      await generateBorough({ outDir: d, seed, scale: 0.1, faults: true, mixReleases: true, ukDates: "some" })
      return hashes(d)
    }
    const a = await run(7)
    const b = await run(7)
    const c = await run(8)
    expect(Object.keys(a)).toHaveLength(15)
    expect(b).toEqual(a)
    expect(c).not.toEqual(a)
  })

  it("writes byte-identical XLSX files for the same seed and options", async () => {
    const run = async () => {
      const d = await mkdtemp(join(tmpdir(), "asckit-borough-xlsx-"))
      cleanup.push(d)
      const m = await generateBorough({ outDir: d, seed: 3, scale: 0.03, format: "xlsx", faults: true })
      expect(m.files.every((f) => f.file.endsWith(".xlsx"))).toBe(true)
      return hashes(d)
    }
    const a = await run()
    await new Promise((r) => setTimeout(r, 1100)) // a zip entry dated "now" would differ after a second
    const b = await run()
    expect(b).toEqual(a)
  })

  it("gives the same model for the same seed", () => {
    const a = boroughModel({ seed: 5, scale: 0.05 })
    const b = boroughModel({ seed: 5, scale: 0.05 })
    expect(JSON.stringify(b.people)).toBe(JSON.stringify(a.people))
  })
})

describe("csv helpers", () => {
  it("splits quoted cells, doubled quotes and empty cells", () => {
    expect(parseCsvLine('a,"b, c","say ""hi""",,')).toEqual(["a", "b, c", 'say "hi"', "", ""])
    expect(parseCsvLine("")).toEqual([""])
    expect(parseCsvLine('"x",')).toEqual(["x", ""])
  })
})
