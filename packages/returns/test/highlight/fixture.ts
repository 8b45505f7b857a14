/**
 * A small warehouse for the highlight-report tests: rows inserted directly into the tables the report reads, each
 * chosen so the expected figure can be worked out by hand (the comments say how). Published values are DHSC's real
 * 2024-25 figures for Greater Manchester, the North West and England (domain.md §7.1–7.3, from ODS-2425).
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Warehouse } from "@asckit/etl"
import { Effect } from "effect"
import { HighlightReport } from "../../src/index.js"

type Row = Record<string, string | number | null>

let seq = 0
const lineage = () => {
  seq += 1
  return { row_key: `fixture-${seq}`, run_id: "fixture", file_id: 0, row_number: seq + 1 }
}

/** The better-sqlite3 connection `Warehouse.use` hands over. */
type Sqlite = Parameters<Parameters<Warehouse.Service["use"]>[1]>[1]

const insertAll = (sqlite: Sqlite, table: string, rows: ReadonlyArray<Row>) => {
  for (const r of rows) {
    const full: Row = { ...r, ...lineage() }
    const cols = Object.keys(full)
    sqlite
      .prepare(
        `insert into ${table} (${cols.map((c) => `"${c}"`).join(", ")}) values (${cols.map(() => "?").join(", ")})`,
      )
      .run(...cols.map((c) => full[c] ?? null))
  }
}

/** GM councils' published ASCOF 2024-25 outcomes (domain.md §7.2). */
export const gm2024: Record<string, Record<string, number>> = {
  "2A": {
    "304": 72.1,
    "305": 82.3,
    "306": 76.9,
    "307": 79.3,
    "308": 28.6,
    "309": 79.9,
    "310": 75.8,
    "311": 67.6,
    "312": 59.4,
    "313": 98.9,
  },
  "1D": {
    "304": 65.7,
    "305": 64.3,
    "306": 60.9,
    "307": 61.8,
    "308": 63.1,
    "309": 67.8,
    "310": 62.6,
    "311": 61.0,
    "312": 58.1,
    "313": 65.4,
  },
}

/** Bury's published 1D (then 3A) series (domain.md §7.3). */
export const bury1D: Record<string, number> = {
  "2017-18": 59.9,
  "2018-19": 62.4,
  "2019-20": 61.5,
  "2021-22": 63.2,
  "2022-23": 63.2,
  "2023-24": 63.8,
  "2024-25": 64.3,
}

const la = "305"

const events: ReadonlyArray<Row> = [
  // Long-term support at 30 Sep 2025; 12 months earlier is 30 Sep 2024.
  // P10: last review exactly 12 months before → not overdue.
  {
    person_id: "P10",
    event_type: "Service",
    service_type: "Long term support: Community",
    start_date: "2023-01-01",
  },
  {
    person_id: "P10",
    event_type: "Review",
    start_date: "2024-09-20",
    end_date: "2024-09-30",
    review_reason: "Planned",
  },
  // P11: last review a day earlier → overdue.
  {
    person_id: "P11",
    event_type: "Service",
    service_type: "Long term support: Residential care",
    start_date: "2020-05-01",
  },
  {
    person_id: "P11",
    event_type: "Review",
    start_date: "2024-09-01",
    end_date: "2024-09-29",
    review_reason: "Planned",
  },
  // P12: no review, support started within 12 months → not overdue.
  {
    person_id: "P12",
    event_type: "Service",
    service_type: "Long term support: Community",
    start_date: "2025-01-01",
  },
  // P13: no review, support started before → overdue.
  {
    person_id: "P13",
    event_type: "Service",
    service_type: "Long term support: Community",
    start_date: "2024-06-01",
  },
  // P14: support ended 15 Sep 2025: in long-term support at the end of August, not September.
  {
    person_id: "P14",
    event_type: "Service",
    service_type: "Long term support: Nursing care",
    start_date: "2019-01-01",
    end_date: "2025-09-15",
    derived_end_date: "2025-09-15",
  },
  // P16: two settings, reviewed in March 2025 → counted once, not overdue.
  {
    person_id: "P16",
    event_type: "Service",
    service_type: "Long term support: Community",
    start_date: "2022-01-01",
  },
  {
    person_id: "P16",
    event_type: "Service",
    service_type: "Long term support: Residential care",
    start_date: "2025-09-01",
  },
  {
    person_id: "P16",
    event_type: "Review",
    start_date: "2025-03-01",
    end_date: "2025-03-01",
    review_reason: "Unplanned: Hospital (planned and unplanned episodes)",
  },
  // Assessments completed in September 2025: three of service users, one carer's assessment.
  {
    person_id: "P20",
    event_type: "Assessment",
    assessment_type: "Long term assessment",
    start_date: "2025-08-01",
    end_date: "2025-09-03",
    event_outcome: "Progress to support planning or services",
  },
  {
    person_id: "P21",
    event_type: "Assessment",
    assessment_type: "Long term assessment",
    start_date: "2025-09-01",
    end_date: "2025-09-10",
    event_outcome: "NFA: Information and advice or signposting",
  },
  {
    person_id: "P22",
    event_type: "Assessment",
    assessment_type: "Short term assessment",
    start_date: "2025-09-01",
    end_date: "2025-09-30",
    event_outcome: "Progress to reablement/ST-Max",
  },
  {
    person_id: "P23",
    client_type: "Unpaid carer",
    event_type: "Assessment",
    assessment_type: "Unpaid carer assessment",
    start_date: "2025-09-01",
    end_date: "2025-09-12",
  },
].map((e) => ({
  la_code: la,
  client_type: "Service user",
  submission_start: "2024-10-01",
  submission_end: "2025-09-30",
  ...e,
}))

const workItems: ReadonlyArray<Row> = [
  // at 30 Sep 2025: W1, W2, W3, W6 wait (people P1, P2, P3, P1 → 3 people); days 10, 29, 60, 5 → median 19.5 → 20
  // at 31 Aug 2025: W3 (30 days), W4 (61), W5 (91) → 3 people, median 61
  { item_id: "W1", person_id: "P1", work_type: "needs-assessment", team: "East", entered_date: "2025-09-20" },
  { item_id: "W2", person_id: "P2", work_type: "needs-assessment", team: "East", entered_date: "2025-09-01" },
  { item_id: "W3", person_id: "P3", work_type: "needs-assessment", team: "West", entered_date: "2025-08-01" },
  {
    item_id: "W4",
    person_id: "P4",
    work_type: "needs-assessment",
    team: "West",
    entered_date: "2025-07-01",
    allocated_date: "2025-09-15",
  },
  {
    item_id: "W5",
    person_id: "P5",
    work_type: "needs-assessment",
    team: "West",
    entered_date: "2025-06-01",
    closed_date: "2025-09-10",
  },
  { item_id: "W6", person_id: "P1", work_type: "needs-assessment", team: "East", entered_date: "2025-09-25" },
  { item_id: "O1", person_id: "P6", work_type: "ot-assessment", team: "OT", entered_date: "2025-09-01" },
].map((w) => ({ la_code: la, ...w }))

const contacts: ReadonlyArray<Row> = [
  // September: 6 resolved of 10 → 60.0%; August: 1 of 4 → 25.0%
  ...[
    "resolved-other",
    "resolved-other",
    "resolved-other",
    "resolved-other",
    "resolved-equipment",
    "resolved-equipment",
    "new-case",
    "new-case",
    "new-case",
    "safeguarding",
  ].map((outcome, i) => ({
    contact_id: `S${i}`,
    contact_date: `2025-09-${String(i + 1).padStart(2, "0")}`,
    outcome,
  })),
  ...["resolved-other", "existing-case", "new-case", "dols"].map((outcome, i) => ({
    contact_id: `A${i}`,
    contact_date: `2025-08-0${i + 1}`,
    outcome,
  })),
].map((c) => ({ la_code: la, ...c }))

const concerns: ReadonlyArray<Row> = [
  // September 6, August 3 (suppressed: below 5)
  ...Array.from({ length: 6 }, (_, i) => ({
    concern_id: `CS${i}`,
    received_date: `2025-09-1${i}`,
    outcome: i < 2 ? "s42-enquiry" : "no-enquiry",
  })),
  ...Array.from({ length: 3 }, (_, i) => ({
    concern_id: `CA${i}`,
    received_date: `2025-08-1${i}`,
    outcome: "other-enquiry",
  })),
].map((c) => ({ la_code: la, ...c }))

const concluded: ReadonlyArray<readonly [string, string | null, string | null]> = [
  // concluded s42 in Jul–Sep 2025: asked 5 of 8 → 62.5%; achieved fully 2 + partly 1 of 4 → 75.0% but 3 < 5 → [c]
  ["E1", "Yes - outcomes expressed", "Fully achieved"],
  ["E2", "Yes - outcomes expressed", "Partially achieved"],
  ["E3", "Yes - outcomes expressed", "Not achieved"],
  ["E4", "Yes - no outcomes expressed", null],
  ["E5", "No", null],
  ["E6", "Don't know", null],
  ["E7", null, null],
  ["E8", "Yes - outcomes expressed", "Fully achieved"],
]

const enquiries: ReadonlyArray<Row> = concluded
  .map(
    ([id, asked, achieved], i): Row => ({
      enquiry_id: id,
      enquiry_type: "s42",
      team: "Safeguarding",
      start_date: "2025-05-01",
      concluded_date: `2025-0${7 + (i % 3)}-15`,
      msp_asked: asked,
      msp_achieved: achieved,
    }),
  )
  .concat(
    // open on 30 Sep 2025: team East 2 (suppressed), team West 5 (started 2025-09-01 … 2025-09-05: 25–29 days open)
    Array.from(
      { length: 2 },
      (_, i): Row => ({
        enquiry_id: `OE${i}`,
        enquiry_type: "s42",
        team: "East",
        start_date: "2025-09-20",
        concluded_date: null,
        msp_asked: null,
        msp_achieved: null,
      }),
    ),
    Array.from(
      { length: 5 },
      (_, i): Row => ({
        enquiry_id: `OW${i}`,
        enquiry_type: "other",
        team: "West",
        start_date: `2025-09-0${i + 1}`,
        concluded_date: null,
        msp_asked: null,
        msp_achieved: null,
      }),
    ),
  )
  .map((e) => ({ la_code: la, ...e }))

const dols: ReadonlyArray<Row> = [
  // active on 30 Sep 2025 with no assessment: D1 (urgent), D2 → 2
  { application_ref: "D1", received_date: "2025-08-01", urgent: 1, status: "open" },
  { application_ref: "D2", received_date: "2025-09-10", urgent: 0, status: "open" },
  {
    application_ref: "D3",
    received_date: "2025-07-01",
    urgent: 0,
    status: "open",
    last_assessment_date: "2025-09-01",
  },
  {
    application_ref: "D4",
    received_date: "2025-06-01",
    urgent: 0,
    status: "granted",
    last_assessment_date: "2025-09-01",
    signed_off_date: "2025-09-20",
  },
  { application_ref: "D5", received_date: "2025-05-01", urgent: 0, status: "withdrawn" },
].map((d) => ({ la_code: la, ...d }))

/**
 * Complaints closed in Jul–Sep 2025: upheld 3, partly 3, not 4, withdrawn 1 → (3 + 3) / 10 = 60.0%. Answered within 20
 * working days: 8 of 11 → 72.7%. C1 was received on Friday 15 August 2025: with the 25 August bank holiday its 20th
 * working day is Monday 15 September, the day it was answered (on time only because the holiday is excluded).
 */
const complaints: ReadonlyArray<Row> = [
  ["C1", "2025-08-15", "2025-09-15", "Upheld"],
  ["C2", "2025-08-15", "2025-09-16", "Upheld"], // a day late
  ["C3", "2025-07-01", "2025-07-20", "Upheld"],
  ["C4", "2025-07-01", "2025-07-29", "Partially Upheld"], // 20th working day after 1 July is 29 July: on time
  ["C5", "2025-07-01", "2025-07-30", "Partly upheld"], // late
  ["C6", "2025-07-10", "2025-07-15", "partially upheld"],
  ["C7", "2025-07-10", "2025-07-15", "Not upheld"],
  ["C8", "2025-07-10", "2025-07-15", "Not Upheld"],
  ["C9", "2025-07-10", "2025-07-15", "Not upheld"],
  ["C10", "2025-07-10", "2025-07-15", "NOT UPHELD"],
  ["C11", "2025-06-01", "2025-08-30", "Withdrawn"], // late, withdrawn: not in the upheld rate
].map(([id, received, answered, outcome]) => ({
  dataset: "complaints",
  la_code: la,
  record_id: id!,
  record_date: received!,
  end_date: answered!,
  outcome: outcome!,
}))

const local: ReadonlyArray<Row> = [
  ...complaints,
  ...["Letter", "Email", "Email", "Card", "Card", "Card", "Phone"].map((source, i) => ({
    dataset: "compliments",
    la_code: la,
    record_id: `K${i}`,
    record_date: `2025-0${7 + (i % 3)}-0${i + 1}`,
    source,
  })),
  ...Array.from({ length: 5 }, (_, i) => ({
    dataset: "carers-hub",
    la_code: la,
    record_id: `H${i}`,
    record_date: `2025-09-0${i + 1}`,
    source: "Self",
  })),
  ...Array.from({ length: 8 }, (_, i) => ({
    dataset: "carers-hub",
    la_code: la,
    record_id: `HA${i}`,
    record_date: `2025-08-0${i + 1}`,
    source: "GP",
  })),
  ...Array.from({ length: 6 }, (_, i) => ({
    dataset: "feedback",
    la_code: la,
    record_id: `F${i}`,
    record_date: `2025-08-1${i}`,
    category: i < 4 ? "Assessment" : "Review",
  })),
  {
    dataset: "training",
    la_code: la,
    record_id: "T1",
    record_date: "2025-07-31",
    category: "Progression model",
    value: 12,
  },
  {
    dataset: "training",
    la_code: la,
    record_id: "T2",
    record_date: "2025-08-31",
    category: "progression model (refresher)",
    value: 3,
  },
  {
    dataset: "training",
    la_code: la,
    record_id: "T3",
    record_date: "2025-08-31",
    category: "Moving and handling",
    value: 20,
  },
]

const benchmark = (): ReadonlyArray<Row> => {
  const rows: Array<Row> = []
  const v = (
    code: string,
    year: string,
    level: string,
    geo: string,
    outcome: number,
    numerator: number | null = null,
    denominator: number | null = null,
  ) =>
    rows.push({
      framework: "ASCOF",
      measure_code: code,
      year,
      geography_level: level,
      geography_code: geo,
      disaggregation: "",
      outcome,
      numerator,
      denominator,
      source: "DHSC ASCOF 2024-25 (ODS-2425)",
    })
  for (const [code, byCouncil] of Object.entries(gm2024))
    for (const [c, x] of Object.entries(byCouncil)) v(code, "2024-25", "council", c, x)
  v("2A", "2024-25", "england", "England", 77.1, 142525, 184745)
  v("2A", "2024-25", "region", "NW", 78.5, 23925, 30465)
  v("1D", "2024-25", "england", "England", 65.1)
  v("1D", "2024-25", "region", "NW", 65.4)
  for (const [year, x] of Object.entries(bury1D)) if (year !== "2024-25") v("1D", year, "council", "305", x)
  return rows
}

/** Survey responses for council 999 (the stand-in test): 14 of 20 satisfied (q1 = 1 or 2) → 1D = 70.0. */
const survey: ReadonlyArray<Row> = Array.from({ length: 20 }, (_, i) => ({
  survey: "ASCS",
  year: "2024-25",
  la_code: "999",
  respondent_id: `R${i}`,
  weight: null,
  age: 70,
  answers: JSON.stringify({ q1: i < 14 ? (i % 2) + 1 : 4 }),
}))

/** Writes the fixture warehouse into a fresh temp folder; returns its path and a cleanup. */
export const makeWarehouse = (): {
  readonly path: string
  readonly dir: string
  readonly cleanup: () => void
} => {
  const dir = mkdtempSync(join(tmpdir(), "asckit-highlight-"))
  const path = join(dir, "warehouse.sqlite")
  Effect.runSync(
    Effect.scoped(
      Effect.flatMap(Warehouse.make({ path }), (w) =>
        w.use("fixture", (_db, sqlite) => {
          sqlite.transaction(() => {
            insertAll(sqlite, "event", events)
            insertAll(sqlite, "work_item", workItems)
            insertAll(sqlite, "contact", contacts)
            insertAll(sqlite, "safeguarding_concern", concerns)
            insertAll(sqlite, "safeguarding_enquiry", enquiries)
            insertAll(sqlite, "dols_application", dols)
            insertAll(sqlite, "local_record", local)
            insertAll(sqlite, "benchmark_value", benchmark())
            insertAll(sqlite, "survey_response", survey)
          })()
          sqlite.pragma("wal_checkpoint(TRUNCATE)")
        }),
      ),
    ),
  )
  return { path, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** The test configuration: Bury's code (its published values are loaded), every kind of measure. */
export const testConfig = (extra: Partial<HighlightReport.Config.HighlightConfigInput> = {}) =>
  HighlightReport.Config.defaultConfig("305", {
    obsessions: [
      {
        id: "O1",
        title: "Nobody waits too long",
        measures: [
          { measure: "LOCAL:NA-WAITING-LIST", target: 2 },
          { measure: "LOCAL:NA-MEDIAN-DAYS" },
          { measure: "LOCAL:OT-WAITING-LIST" },
          { measure: "LOCAL:OVERDUE-REVIEWS" },
          { measure: "LOCAL:DOLS-AWAITING-ALLOCATION" },
        ],
      },
      {
        id: "O2",
        title: "Independent at home",
        measures: [
          { measure: "LOCAL:FIRST-CONTACT-RESOLUTION", target: 60 },
          { measure: "LOCAL:ASSESSMENTS-COMPLETED" },
          { measure: "LOCAL:LTS-CLIENTS" },
          { measure: "LOCAL:AT-HOME-91-DAYS" },
          { measure: "ASCOF-2023:2A", target: 80 },
        ],
      },
      {
        id: "O3",
        title: "Safe",
        measures: [
          { measure: "LOCAL:SAFEGUARDING-CONCERNS" },
          { measure: "LOCAL:MSP-ASKED" },
          { measure: "LOCAL:MSP-OUTCOMES-MET" },
        ],
      },
      { id: "O4", title: "Carers", measures: [{ measure: "LOCAL:NEW-CARERS" }] },
      {
        id: "O5",
        title: "We listen",
        measures: [
          { measure: "LOCAL:FEEDBACK-RECEIVED" },
          { measure: "LOCAL:COMPLAINTS-UPHELD" },
          { measure: "LOCAL:COMPLAINTS-ON-TIME", target: 75 },
          { measure: "LOCAL:COMPLIMENTS" },
          { measure: "ASCOF-2023:1D" },
        ],
      },
      { id: "O6", title: "Workforce", measures: [{ measure: "LOCAL:PROGRESSION-MODEL-TRAINED" }] },
    ],
    ...extra,
  })
