import { createHash } from "node:crypto"
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { LocalDate } from "@asckit/core"
import {
  DolsSource,
  Pipeline,
  Progress,
  Pseudonymiser,
  SourceRegistry,
  SpreadsheetSource,
  Warehouse,
} from "@asckit/etl"
import { Effect, Layer, Redacted } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { dolsReturns } from "../src/borough/dols-writer.js"
import {
  type BoroughExtras,
  boroughExtras,
  type DolsApplication,
  type ExtrasManifest,
  extrasEtlSources,
  writeExtras,
} from "../src/borough/extras.js"
import { MODEL_END, simulatePeople } from "../src/borough/model.js"

const cleanup: string[] = []
afterAll(async () => {
  for (const d of cleanup) await rm(d, { recursive: true, force: true })
})
const tempDir = async (prefix: string) => {
  const d = await mkdtemp(join(tmpdir(), prefix))
  cleanup.push(d)
  return d
}

const days = (a: string, b: string) =>
  LocalDate.daysBetween(a as LocalDate.LocalDate, b as LocalDate.LocalDate)
const fy = (y: number) => ({ start: `${y}-04-01`, end: `${y + 1}-03-31` })
const inYear = (d: string | undefined, y: number) => d !== undefined && d >= fy(y).start && d <= fy(y).end

describe("the borough's extras (scale 1, seed 1)", () => {
  let x: BoroughExtras
  beforeAll(() => {
    x = boroughExtras({ seed: 1, scale: 1 })
  })

  it("has about 1,800 DoLS applications a year, 58% urgent, 19% of standard ones done in 21 days, 144 days on average", () => {
    for (const y of [2023, 2024, 2025]) {
      const received = x.dols.filter((a) => inYear(a.received, y))
      expect(received.length, `${y}`).toBeGreaterThanOrEqual(1550)
      expect(received.length, `${y}`).toBeLessThanOrEqual(2050)
      const urgent = received.filter((a) => a.urgent).length / received.length
      expect(urgent, `${y}`).toBeGreaterThan(0.5)
      expect(urgent, `${y}`).toBeLessThan(0.66)
      const completed = x.dols.filter((a) => inYear(a.signedOff, y))
      const standard = completed.filter((a) => !a.urgent)
      const within21 = standard.filter((a) => days(a.received, a.signedOff!) <= 21).length / standard.length
      expect(within21, `${y}`).toBeGreaterThan(0.12)
      expect(within21, `${y}`).toBeLessThan(0.27)
      const mean = completed.reduce((n, a) => n + days(a.received, a.signedOff!), 0) / completed.length
      expect(mean, `${y}`).toBeGreaterThan(110)
      expect(mean, `${y}`).toBeLessThan(180)
      const granted = completed.filter((a) => a.outcome === "Granted" && a.setting === "care home")
      const duration =
        granted.reduce((n, a) => n + days(a.authorisationStart!, a.authorisationEnd!) + 1, 0) / granted.length
      expect(duration, `${y}`).toBeGreaterThan(250)
      expect(duration, `${y}`).toBeLessThan(300)
      // a backlog at the year end, as England's (123,790 not completed of 332,455 received in 2023-24)
      const open = x.dols.filter(
        (a) => a.received <= fy(y).end && (a.signedOff === undefined || a.signedOff > fy(y).end),
      )
      expect(open.length / received.length, `${y}`).toBeGreaterThan(0.25)
      expect(open.length / received.length, `${y}`).toBeLessThan(0.55)
    }
  })

  it("gives each DoLS application a consistent life: received, assessed, signed off, authorised", () => {
    const reasons = new Set<string>()
    for (const a of x.dols) {
      expect(a.received <= MODEL_END).toBe(true)
      if (a.lastAssessment !== undefined) expect(a.lastAssessment >= a.received).toBe(true)
      if (a.signedOff !== undefined) {
        expect(a.signedOff >= a.received).toBe(true)
        expect(a.outcome).toBeDefined()
      } else expect(a.outcome).toBeUndefined()
      if (a.outcome === "Granted") {
        expect(a.authorisationStart).toBe(a.signedOff)
        expect(days(a.authorisationStart!, a.authorisationEnd!)).toBeLessThan(365)
        expect(Object.values(a.assessments).every((s) => s === 1 || s === 3)).toBe(true)
      }
      if (a.outcome === "Not granted") {
        reasons.add(a.notGrantedReason!)
        if (a.lastAssessment === undefined)
          expect(Object.values(a.assessments).every((s) => s === 0)).toBe(true)
        else expect(Object.values(a.assessments).filter((s) => s === 2)).toHaveLength(1)
      }
    }
    expect([...reasons].sort()).toEqual(
      expect.arrayContaining([
        "Change in circumstances",
        "Mental capacity requirement not met",
        "Person died",
      ]),
    )
  })

  it("draws DoLS applications, complaints and audits from the borough's people", () => {
    const people = new Map([...simulatePeople({ seed: 1, scale: 1 })].map((p) => [p.laPersonId, p]))
    const known = x.dols.filter((a) => a.knownToAsc)
    expect(known.length / x.dols.length).toBeGreaterThan(0.4)
    for (const a of known) {
      const p = people.get(a.personRef)
      expect(p, a.personRef).toBeDefined()
      if (a.setting === "care home")
        expect(
          p!.events.some((e) => e.type === "Service" && e.providerCqcLocationId === a.managingAuthority),
        ).toBe(true)
      if (p!.dateOfDeath !== undefined) expect(a.received <= p!.dateOfDeath).toBe(true)
    }
    for (const c of x.complaints) expect(people.has(c.personRef)).toBe(true)
    for (const c of x.audits) expect(people.has(c.personRef)).toBe(true)
    const carersKnown = x.carers.filter((c) => c.ascId !== undefined)
    expect(carersKnown.length).toBeGreaterThan(150)
    for (const c of carersKnown) expect(people.get(c.ascId!)?.clientType).toBe("Unpaid carer")
  })

  it("has about 150 complaints, 300 compliments, 40 new carers a month, 20 audits a month a year", () => {
    for (const y of [2023, 2024, 2025]) {
      const count = (dates: ReadonlyArray<string>) => dates.filter((d) => inYear(d, y)).length
      const complaints = count(x.complaints.map((c) => c.received))
      expect(complaints, `${y}`).toBeGreaterThanOrEqual(115)
      expect(complaints, `${y}`).toBeLessThanOrEqual(190)
      const compliments = count(x.compliments.map((c) => c.received))
      expect(compliments, `${y}`).toBeGreaterThanOrEqual(250)
      expect(compliments, `${y}`).toBeLessThanOrEqual(360)
      const carers = count(x.carers.map((c) => c.registered)) / 12
      expect(carers, `${y}`).toBeGreaterThanOrEqual(34)
      expect(carers, `${y}`).toBeLessThanOrEqual(46)
      const audits = count(x.audits.map((a) => a.audited)) / 12
      expect(audits, `${y}`).toBeGreaterThanOrEqual(16)
      expect(audits, `${y}`).toBeLessThanOrEqual(24)
      const feedback = count(x.feedback.map((f) => f.received)) / 12
      expect(feedback, `${y}`).toBeGreaterThanOrEqual(45)
      expect(feedback, `${y}`).toBeLessThanOrEqual(75)
    }
    const upheld = x.complaints.filter((c) => c.outcome === "Upheld" || c.outcome === "Partly upheld").length
    const closed = x.complaints.filter((c) => c.outcome !== undefined).length
    expect(upheld / closed).toBeGreaterThan(0.42)
    expect(upheld / closed).toBeLessThan(0.58)
    const progression = x.training.filter((t) => t.course === "Progression model")
    expect(progression.every((t) => t.month >= "2024-01")).toBe(true)
    const rollout = progression.filter((t) => t.month <= "2025-06").reduce((n, t) => n + t.trained, 0)
    expect(rollout).toBeGreaterThan(300)
    expect(x.sars.length).toBeGreaterThanOrEqual(5)
    for (const s of x.sars) {
      expect(s.died + s.survived).toBeGreaterThan(0)
      if (s.concluded !== undefined) expect(s.concluded > s.commissioned).toBe(true)
    }
  })

  it("is deterministic", () => {
    const once = boroughExtras({ seed: 1, scale: 0.3 })
    const again = boroughExtras({ seed: 1, scale: 0.3 })
    expect(again).toEqual(once)
    expect(boroughExtras({ seed: 2, scale: 0.3 }).dols).not.toEqual(once.dols)
  })
})

const key = Redacted.make("extras-test-key-0123456789")
const loadAll = (warehouse: string, baseDir: string, manifest: ExtrasManifest) =>
  Effect.runPromise(
    Pipeline.run({ sources: extrasEtlSources(manifest), baseDir }).pipe(
      Effect.provide(
        Layer.mergeAll(
          Warehouse.layer({ path: warehouse }),
          SourceRegistry.layerWith([DolsSource.plugin, SpreadsheetSource.plugin]),
          Pseudonymiser.layer(key),
          Progress.layerSilent,
        ),
      ),
    ),
  )
const sql = <A>(path: string, text: string): A[] =>
  Effect.runSync(
    Effect.scoped(
      Effect.flatMap(Warehouse.make({ path }), (w) =>
        w.use("test", (_db, s) => s.prepare(text).all() as A[]),
      ),
    ),
  )

describe("the extras as files, loaded by the DoLS and spreadsheet sources (scale 0.2)", () => {
  it("writes the DoLS returns and the teams' spreadsheets, byte-identical for the same seed", async () => {
    const a = await tempDir("asckit-extras-a-")
    const b = await tempDir("asckit-extras-b-")
    const ma = await writeExtras(a, { seed: 3, scale: 0.2 })
    await writeExtras(b, { seed: 3, scale: 0.2 })
    const files = (await readdir(a)).sort()
    expect(files).toEqual(
      [
        "Case File Audits.xlsx",
        "Complaints and Compliments Log.xlsx",
        ...dolsReturns().map((r) => r.file),
        "Feedback Returns.xlsx",
        "SAR Log.xlsx",
        "carers-hub-registrations.csv",
        "training-counts.csv",
      ].sort(),
    )
    for (const f of files) {
      const ha = createHash("sha256")
        .update(await readFile(join(a, f)))
        .digest("hex")
      const hb = createHash("sha256")
        .update(await readFile(join(b, f)))
        .digest("hex")
      expect(hb, f).toBe(ha)
    }
    expect(ma.dols.files.map((f) => [f.year, f.asAt])).toEqual([
      ["2022-23", "2023-03-31"],
      ["2023-24", "2024-03-31"],
      ["2024-25", "2025-03-31"],
      ["2025-26", "2026-03-31"],
      ["2026-27", "2026-09-30"],
    ])
  })

  it("loads clean files with nothing quarantined, one warehouse row per application and record", async () => {
    const out = await tempDir("asckit-extras-load-")
    const seed = 4
    const scale = 0.2
    const manifest = await writeExtras(out, { seed, scale, ukDates: true })
    const x = boroughExtras({ seed, scale })
    const db = join(out, "warehouse.sqlite")
    const s = await loadAll(db, out, manifest)
    expect(s.ok).toBe(true)
    for (const f of s.files) {
      expect(f.status, f.path).toBe("loaded")
      expect(f.rowsQuarantined, f.path).toBe(0)
      expect(f.rowsDuplicate, f.path).toBe(0)
    }
    // every application active since 1 April 2022 is in some return, once
    const active = (a: DolsApplication) =>
      a.signedOff === undefined ||
      (a.outcome === "Granted" ? (a.authorisationEnd ?? a.signedOff) : a.signedOff) >= "2022-04-01"
    expect(sql(db, "select count(*) as n from dols_application")).toEqual([
      { n: x.dols.filter(active).length },
    ])
    // the latest return wins: what the warehouse holds is the applications as known on the model's last day
    const byYear = sql<{ y: string; n: number; urgent: number; granted: number }>(
      db,
      `select substr(received_date, 1, 4) as y, count(*) as n, sum(urgent) as urgent,
              sum(case when status = 'granted' then 1 else 0 end) as granted
       from dols_application where received_date >= '2023-01-01' group by y order by y`,
    )
    for (const r of byYear) {
      const apps = x.dols.filter((a) => a.received.startsWith(r.y))
      expect(r, r.y).toEqual({
        y: r.y,
        n: apps.length,
        urgent: apps.filter((a) => a.urgent).length,
        granted: apps.filter((a) => a.outcome === "Granted").length,
      })
    }
    const counts = sql<{ dataset: string; n: number }>(
      db,
      "select dataset, count(*) as n from local_record group by dataset order by dataset",
    )
    expect(Object.fromEntries(counts.map((c) => [c.dataset, c.n]))).toEqual({
      audits: x.audits.length,
      "carers-hub": x.carers.length,
      complaints: x.complaints.length,
      compliments: x.compliments.length,
      feedback: x.feedback.length,
      sars: x.sars.length,
      training: x.training.length,
    })
    const outcomes = sql<{ outcome: string | null; n: number }>(
      db,
      "select outcome, count(*) as n from local_record where dataset = 'complaints' group by outcome order by outcome",
    )
    const expected = new Map<string | null, number>()
    for (const c of x.complaints) expected.set(c.outcome ?? null, (expected.get(c.outcome ?? null) ?? 0) + 1)
    expect(outcomes).toEqual(
      [...expected.entries()]
        .sort((p, q) => (p[0] ?? "").localeCompare(q[0] ?? ""))
        .map(([outcome, n]) => ({ outcome, n })),
    )
  })

  it("quarantines exactly the injected faults, where the manifest says", async () => {
    const out = await tempDir("asckit-extras-faults-")
    const manifest = await writeExtras(out, { seed: 5, scale: 0.2, faults: true })
    expect(manifest.faults.map((f) => f.fault).sort()).toEqual(
      [
        "bad-date",
        "bad-date",
        "bad-date",
        "blank-required",
        "duplicate-row",
        "duplicate-row",
        "end-before-start",
        "end-before-start",
        "unmapped-code",
        "unmapped-code",
        "unmapped-code",
        "unmapped-code",
      ].sort(),
    )
    const db = join(out, "warehouse.sqlite")
    const s = await loadAll(db, out, manifest)
    const codeOf = {
      "bad-date": "invalid-date",
      "unmapped-code": "unmapped-code",
      "blank-required": "blank-mandatory",
      "end-before-start": "end-before-start",
      "duplicate-row": "duplicate",
    } as const
    const found = sql<{ file: string; row: number; code: string }>(
      db,
      `select f.path as file, q.row_number as "row", q.error_code as code
       from etl_quarantine q join etl_file f on f.id = q.file_id order by f.path, q.row_number`,
    ).map((q) => ({ ...q, file: q.file.split("/").pop()! }))
    const expected = manifest.faults
      .map((f) => ({ file: f.file, row: f.row, code: codeOf[f.fault] }))
      .sort((p, q) => (p.file < q.file ? -1 : p.file > q.file ? 1 : p.row - q.row))
    expect(found).toEqual(expected)
    const total = s.files.reduce((n, f) => ({ q: n.q + f.rowsQuarantined, d: n.d + f.rowsDuplicate }), {
      q: 0,
      d: 0,
    })
    expect(total).toEqual({ q: 10, d: 2 })
  })
})
