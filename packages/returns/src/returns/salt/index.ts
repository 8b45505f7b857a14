/**
 * The SALT-style tables from CLD — the Short and Long Term support return as councils and DHSC still read it,
 * reproduced from the council's own Client Level Data: STS001, STS002a, STS002b, STS004 (when hospital discharges
 * are loaded), LTS001a, LTS001b, LTS001c, LTS002a, LTS002b, LTS003 and LTS004, with their breakdowns.
 *
 * SALT ended with 2023-24; from 2024-25 DHSC reproduces its tables from CLD by NHS England's central transformation
 * principles (domain.md §2 and §1.5; NHSE-CTP `NHSDigital/ASC-Client-Level-Data-SALT-ASCOF-transformations`, whose
 * replication SQL this follows — see `sts.ts` and `lts.ts`, rule by rule). Figures are "official statistics in
 * development" and not comparable with SALT years.
 *
 * Ambiguities and choices (each also written beside its rule):
 * - NHS England reads each council's latest submission only; the warehouse's de-duplicated events (latest version
 *   of each event, DHSC's end-date corrections) stand in for it.
 * - `GETDATE()` for open events is a fixed far date, so a return is reproducible whenever it is built.
 * - Ties NHS England's T-SQL leaves to chance (two routes or outcomes on one day) are broken by name; NULLs do not
 *   silently escape joins.
 * - Release 1 reference tables are restated on Release 2 labels (`labels.ts`); rows SALT has that CLD cannot give are
 *   shown `[x]` with why.
 * - LTS002a/b and STS004 have no central CLD method: asckit's methods are documented in `lts.ts` and `sts.ts`.
 *
 * @category returns
 */
import { Cld, LocalDate, Period } from "@asckit/core"
import type { EtlError } from "@asckit/etl"
import { WarehouseReader } from "@asckit/etl"
import type { SQL } from "drizzle-orm"
import { Effect, Schema } from "effect"
import * as Dialect from "../../measures/dialect.js"
import * as D from "../../ReturnDocument.js"
import type { ReturnBuildError } from "../../ReturnError.js"
import * as ReturnPlugin from "../../ReturnPlugin.js"
import * as V from "../../Validation.js"
import * as G from "./grid.js"
import {
  carerAgeBands,
  carerSupport,
  ethnicGroups,
  genders,
  ltsSettings,
  psrs,
  type RowDef,
  reviewReasons,
  routes,
  sts001Sequels,
  sts002aSequels,
} from "./labels.js"
import * as L from "./lts.js"
import * as P from "./provenance.js"
import * as S from "./sts.js"
import * as Check from "./validate.js"

/** The SALT return's configuration: the year-on-year thresholds. */
export const Config = Schema.Struct({
  swing: Schema.optionalWith(V.SwingConfig, { default: () => V.defaultSwing }),
})
/** The SALT return's configuration. */
export type Config = typeof Config.Type

/** One table's query, run and described. */
interface Ran {
  readonly id: string
  readonly rows: ReadonlyArray<S.CountRow>
  readonly query: D.Query
}

const run = (
  reader: WarehouseReader.Service,
  id: string,
  description: string,
  query: SQL,
): Effect.Effect<Ran, EtlError.WarehouseError> =>
  Effect.map(reader.all<S.CountRow>(`SALT ${id}`, query), (rows) => ({
    id,
    rows: rows.map((r) => ({ band: String(r.band), col: String(r.col), cat: String(r.cat), n: Number(r.n) })),
    query: { description, sql: Dialect.text(query) },
  }))

const only = (rows: ReadonlyArray<S.CountRow>, band: string) => rows.filter((r) => r.band === band)
const byCatCol = (rows: ReadonlyArray<S.CountRow>) =>
  G.tally(
    rows,
    (r) => r.cat,
    (r) => r.col,
    (r) => r.n,
  )
const defRows = (defs: ReadonlyArray<RowDef>): ReadonlyArray<G.Row> =>
  defs.map((d) => ({ key: d.key, header: [d.label], notAvailable: d.notAvailable }))

const BANDS = [
  { key: "18-64", label: "aged 18-64", table: "1a" },
  { key: "65+", label: "aged 65 and over", table: "1b" },
] as const

const routeColumns: ReadonlyArray<G.Column> = [
  ...routes.map((r) => ({ key: r, header: [r] })),
  { key: "not-recorded", header: ["Not recorded"] },
]

const psrRows: ReadonlyArray<G.Row> = [
  ...psrs.map((p) => ({ key: p, header: [p] })),
  { key: "conflict", header: ["Unknown (conflicting records)"] },
  { key: "not-recorded", header: ["Not recorded or invalid"] },
]

const settingColumns: ReadonlyArray<G.Column> = ltsSettings.map((s, i) => ({
  key: String(i + 1),
  header: [s.setting, s.mechanism],
}))

/** A built sheet with the figures validation and the year-on-year checks need. */
interface Built {
  readonly sheet: D.Sheet
  readonly figures: ReadonlyArray<V.KeyFigure>
}

const keyFigure = (
  key: string,
  label: string,
  value: number,
  sheet: string,
  table: string,
  kind: "count" | "percent" = "count",
): V.KeyFigure => ({ key, label, value, kind, sheet, table })

/** Everything computed for one period: sheets, key figures, queries, and the figures the rules compare. */
interface Computed {
  readonly sheets: ReadonlyArray<D.Sheet>
  readonly figures: ReadonlyArray<V.KeyFigure>
  readonly queries: Readonly<Record<string, D.Query>>
  /** The figures the rules compare (`validate.ts`). */
  readonly checks: Check.Figures
  readonly hospital: boolean
}

/** The 1 October – 31 December inside a period (STS004's discharges), if there is one. */
export const sts004Discharges = (p: Period.Period): { from: string; to: string } | undefined => {
  const s = Period.start(p)
  const e = Period.end(p)
  for (let y = Number(s.slice(0, 4)); y <= Number(e.slice(0, 4)); y++) {
    const from = `${y}-10-01`
    const to = `${y}-12-31`
    if (from >= s && to <= e) return { from, to }
  }
  return undefined
}

const compute = (
  reader: WarehouseReader.Service,
  la: string,
  period: Period.Period,
): Effect.Effect<Computed, EtlError.WarehouseError> =>
  Effect.gen(function* () {
    const d = Dialect.of(reader.dialect)
    const w: S.Window = { la, start: Period.start(period), end: Period.end(period) }
    const snapshot = w.end
    const yearBefore = LocalDate.addMonths(snapshot as LocalDate.LocalDate, -12)
    const sheets: Array<D.Sheet> = []
    const figures: Array<V.KeyFigure> = []
    const queries: Record<string, D.Query> = {}
    const add = (b: Built) => {
      sheets.push(b.sheet)
      figures.push(...b.figures)
    }

    // STS001 ---------------------------------------------------------------------------------------------------
    const q1 = yield* run(
      reader,
      "STS001",
      "STS001: requests for support from new clients (no long-term service open when the request started), clustered (gaps ≤ 4 days) and ending in the period, by the sequel found in the following chronology (NHSE-CTP STS001), route of access and age at the period end",
      S.sts001(d, w),
    )
    queries[q1.id] = q1.query
    const sts001Grids = BANDS.map((b) =>
      G.build({
        id: `STS001-${b.table}`,
        title: `STS001 Table ${b.table}: requests for support received from new clients ${b.label}, by sequel to request and route of access`,
        rowHeaders: ["Sequel to request"],
        rows: defRows(sts001Sequels),
        columns: routeColumns,
        counts: byCatCol(only(q1.rows, b.key)),
        query: q1.id,
        totalRow: ["Total"],
        totalColumn: true,
      }),
    )
    add({
      sheet: {
        name: "STS001",
        title: "STS001: requests for support from new clients, by sequel",
        tables: sts001Grids.map((g) => g.table),
      },
      figures: sts001Grids.map((g, i) =>
        keyFigure(
          `sts001-${BANDS[i]!.key}`,
          `STS001 requests from new clients ${BANDS[i]!.label}`,
          g.total,
          "STS001",
          g.table.id,
        ),
      ),
    })
    const unclassified = sts001Grids.reduce(
      (n, g) => n + g.get("no-service-found", G.TOTAL) + g.get("unclassified", G.TOTAL),
      0,
    )

    // STS002a -------------------------------------------------------------------------------------------------
    const q2a = yield* run(
      reader,
      "STS002a",
      "STS002a: ST-Max services found as the sequel of a new client's request (STS001), clustered (gaps ≤ 1 day), ending in the period, by the sequel in the following chronology (NHSE-CTP STS002a), the request's route of access and age",
      S.sts002a(d, w),
    )
    queries[q2a.id] = q2a.query
    const sts002aByAge = G.build({
      id: "STS002a-1",
      title: "STS002a Table 1: new clients who completed an episode of ST-Max, by what happened next and age",
      rowHeaders: ["What happened next"],
      rows: defRows(sts002aSequels),
      columns: [
        { key: "18-64", header: ["18-64"] },
        { key: "65+", header: ["65 and over"] },
      ],
      counts: G.tally(
        q2a.rows.filter((r) => r.band !== "other"),
        (r) => r.cat,
        (r) => r.band,
        (r) => r.n,
      ),
      query: q2a.id,
      totalRow: ["Total"],
      totalColumn: true,
    })
    const sts002aByRoute = G.build({
      id: "STS002a-2",
      title:
        "STS002a Table 2: new clients (18+) who completed an episode of ST-Max, by what happened next and route of access",
      rowHeaders: ["What happened next"],
      rows: defRows(sts002aSequels),
      columns: routeColumns,
      counts: byCatCol(q2a.rows.filter((r) => r.band !== "other")),
      query: q2a.id,
      totalRow: ["Total"],
      totalColumn: true,
    })
    add({
      sheet: {
        name: "STS002a",
        title: "STS002a: new clients' completed ST-Max episodes, by what happened next",
        tables: [sts002aByAge.table, sts002aByRoute.table],
      },
      figures: [
        keyFigure(
          "sts002a",
          "STS002a completed ST-Max episodes (new clients)",
          sts002aByAge.total,
          "STS002a",
          "STS002a-1",
        ),
      ],
    })

    // STS002b -------------------------------------------------------------------------------------------------
    const q2b = yield* run(
      reader,
      "STS002b",
      "STS002b: ST-Max episodes (gaps ≤ 1 day) ending in the period of existing clients — a long-term service open when the episode started (NHSE-CTP STS002b: high-level totals)",
      S.sts002b(d, w),
    )
    queries[q2b.id] = q2b.query
    const sts002b = G.build({
      id: "STS002b-1",
      title: "STS002b Table 1: existing clients (in long-term support) who completed an episode of ST-Max",
      rowHeaders: ["Age band"],
      rows: [
        { key: "18-64", header: ["18-64"] },
        { key: "65+", header: ["65 and over"] },
        { key: "other", header: ["Under 18 or age unknown"] },
      ],
      columns: [{ key: "all", header: ["Completed episodes of ST-Max"] }],
      counts: G.tally(
        q2b.rows,
        (r) => r.band,
        () => "all",
        (r) => r.n,
      ),
      query: q2b.id,
      totalRow: ["Total"],
      notes: [
        "NHS England's central method gives STS002b's total only: sequels for existing clients (move to nursing or residential care, change in long-term support, support ended) are not derived from CLD.",
      ],
    })
    add({
      sheet: {
        name: "STS002b",
        title: "STS002b: existing clients' completed ST-Max episodes",
        tables: [sts002b.table],
      },
      figures: [
        keyFigure(
          "sts002b",
          "STS002b completed ST-Max episodes (existing clients)",
          sts002b.total,
          "STS002b",
          "STS002b-1",
        ),
      ],
    })

    // STS004 --------------------------------------------------------------------------------------------------
    const hospitalRow = yield* reader.get<{ n: number }>("count hospital episodes", S.hospitalLoaded(la))
    const hospital = Number(hospitalRow?.n ?? 0) > 0
    const window = sts004Discharges(period)
    const sts004Rows: ReadonlyArray<G.Row> = [
      {
        key: "denominator",
        header: ["Older people (65+) discharged from hospital into reablement, 1 October to 31 December"],
      },
      { key: "at-home", header: ["Of which: still at home 91 days after discharge"] },
    ]
    let sts004Table: D.Table
    let sts004: Check.Figures["sts004"]
    if (hospital && window !== undefined) {
      const q4 = yield* run(
        reader,
        "STS004",
        `STS004 (asckit's method): people 65+ discharged from hospital ${window.from} to ${window.to} within 7 days before to 3 days after the start of an ST-Max service (DHSC 2D linking), and of them those alive, not in long-term residential or nursing care and not in hospital 91 days after discharge`,
        S.sts004(d, w, window),
      )
      queries[q4.id] = q4.query
      const g = G.build({
        id: "STS004-1",
        title: "STS004: older people (65+) at home 91 days after discharge from hospital into reablement",
        rowHeaders: ["Measure"],
        rows: sts004Rows,
        columns: [{ key: "all", header: ["Aged 65 and over"] }],
        counts: G.tally(
          q4.rows,
          (r) => r.col,
          () => "all",
          (r) => r.n,
        ),
        query: q4.id,
      })
      const den = g.get("denominator", "all")
      const num = g.get("at-home", "all")
      sts004Table = {
        ...g.table,
        rows: [
          ...g.table.rows,
          {
            header: ["Proportion still at home (%)"],
            cells: [
              den === 0
                ? D.measure(null, "percent1", q4.id, "[x]")
                : D.withBasis(D.measure(Math.round((num / den) * 1000) / 10, "percent1", q4.id), {
                    numerator: num,
                    denominator: den,
                  }),
            ],
          },
        ],
        notes: [
          "NHS England's central code has no STS004: this follows SALT's 91-day definition with DHSC's ASCOF 2D linking of discharges to reablement (discharge between 7 days before and 3 days after the ST-Max start).",
        ],
      }
      figures.push(keyFigure("sts004", "STS004 discharges into reablement (65+)", den, "STS004", "STS004-1"))
      sts004 = { discharged: den, atHome: num }
    } else {
      queries.STS004 = {
        description: hospital
          ? "STS004: not available: the period has no 1 October to 31 December"
          : "STS004: not available: no hospital discharges (hospital_episode) are loaded for the council",
      }
      sts004Table = {
        id: "STS004-1",
        title: "STS004: older people (65+) at home 91 days after discharge from hospital into reablement",
        rowHeaders: ["Measure"],
        columnHeaders: [["Aged 65 and over"]],
        rows: sts004Rows.map((r) => ({
          header: r.header,
          cells: [D.measure(null, "integer", "STS004", "[x]")],
        })),
        notes: [
          hospital
            ? "Not available: the period has no 1 October to 31 December of discharges."
            : "Not available: STS004 needs hospital discharges linked to CLD (load a hospital-episode extract into hospital_episode).",
        ],
      }
    }
    add({
      sheet: {
        name: "STS004",
        title: "STS004: at home 91 days after hospital discharge into reablement",
        tables: [sts004Table],
      },
      figures: [],
    })

    // LTS001a -------------------------------------------------------------------------------------------------
    const qa = yield* run(
      reader,
      "LTS001a",
      "LTS001a: service users with a long-term service (nursing, residential, community, prison) at any point in the period, counted once each in the highest setting and delivery mechanism, by primary support reason and age at the period end (NHSE-CTP LTS001a)",
      L.lts001a(d, w),
    )
    queries[qa.id] = qa.query
    const ltsTables = (
      ran: Ran,
      sheet: string,
      what: string,
      prefix: string,
    ): { grids: ReadonlyArray<G.Grid>; figures: ReadonlyArray<V.KeyFigure> } => {
      const grids = BANDS.map((b) =>
        G.build({
          id: `${prefix}-${b.table}`,
          title: `${prefix} Table ${b.table}: ${what} ${b.label}, by primary support reason, support setting and delivery mechanism`,
          rowHeaders: ["Primary support reason"],
          rows: psrRows,
          columns: settingColumns,
          counts: byCatCol(only(ran.rows, b.key)),
          query: ran.id,
          totalRow: ["Total"],
          totalColumn: true,
        }),
      )
      return {
        grids,
        figures: grids.map((g, i) =>
          keyFigure(
            `${prefix.toLowerCase()}-${BANDS[i]!.key}`,
            `${prefix} ${what} ${BANDS[i]!.label}`,
            g.total,
            sheet,
            g.table.id,
          ),
        ),
      }
    }
    const lta = ltsTables(qa, "LTS001a", "clients accessing long-term support during the year", "LTS001a")
    add({
      sheet: {
        name: "LTS001a",
        title: "LTS001a: clients accessing long-term support during the year",
        tables: lta.grids.map((g) => g.table),
      },
      figures: lta.figures,
    })

    // LTS001b -------------------------------------------------------------------------------------------------
    const qb = yield* run(
      reader,
      "LTS001b",
      `LTS001b: service users in long-term support on ${snapshot}, counted once each per table (NHSE-CTP LTS001b): by primary support reason (18-64, 65+), whether they have an unpaid carer, and ethnicity (men, women)`,
      L.lts001b(d, w, snapshot),
    )
    queries[qb.id] = qb.query
    const lb = ltsTables(qb, "LTS001b", `clients in long-term support on ${snapshot}`, "LTS001b")
    const carerRows: ReadonlyArray<G.Row> = [
      { key: "Yes", header: ["Yes"] },
      { key: "No", header: ["No"] },
      { key: "conflict", header: ["Unknown (conflicting records)"] },
      { key: "not-recorded", header: ["Unknown or not recorded"] },
    ]
    const lb2 = G.build({
      id: "LTS001b-2",
      title: `LTS001b Table 2: clients in long-term support on ${snapshot} (all ages), by support from an unpaid carer, support setting and delivery mechanism`,
      rowHeaders: ["Support from an unpaid carer"],
      rows: carerRows,
      columns: settingColumns,
      counts: byCatCol(only(qb.rows, "t2")),
      query: qb.id,
      totalRow: ["Total"],
      totalColumn: true,
    })
    const ethnicityRows: ReadonlyArray<G.Row> = [
      ...ethnicGroupsRows(),
      { key: "not-recorded", header: ["Not recorded or invalid", ""] },
    ]
    const lb3 = (band: string, table: string, who: string) =>
      G.build({
        id: `LTS001b-${table}`,
        title: `LTS001b Table ${table}: ${who} in long-term support on ${snapshot} (all ages), by ethnicity, support setting and delivery mechanism`,
        rowHeaders: ["Ethnic group", "Ethnicity"],
        rows: ethnicityRows,
        columns: settingColumns,
        counts: byCatCol(only(qb.rows, band)),
        query: qb.id,
        totalRow: ["Total", ""],
        totalColumn: true,
      })
    const lb3a = lb3("t3a", "3a", "men")
    const lb3b = lb3("t3b", "3b", "women")
    const lb3c = G.build({
      id: "LTS001b-3c",
      title: `LTS001b Table 3c: other clients (gender "Other" or "Unknown") in long-term support on ${snapshot}`,
      rowHeaders: ["Clients"],
      rows: [{ key: "all", header: ["Gender other or unknown"] }],
      columns: [{ key: "all", header: ["Number of clients"] }],
      counts: G.tally(
        only(qb.rows, "t3c"),
        () => "all",
        () => "all",
        (r) => r.n,
      ),
      query: qb.id,
    })
    add({
      sheet: {
        name: "LTS001b",
        title: `LTS001b: clients in long-term support on ${snapshot}`,
        tables: [...lb.grids.map((g) => g.table), lb2.table, lb3a.table, lb3b.table, lb3c.table],
      },
      figures: [
        ...lb.figures,
        keyFigure(
          "lts001b-2",
          "LTS001b clients on the snapshot (all ages)",
          lb2.total,
          "LTS001b",
          "LTS001b-2",
        ),
      ],
    })

    // LTS001c -------------------------------------------------------------------------------------------------
    const qc = yield* run(
      reader,
      "LTS001c",
      `LTS001c: service users in long-term support on ${snapshot} whose unbroken chain of long-term services (gaps ≤ 1 day) started before ${yearBefore}, counted once each (NHSE-CTP LTS001c)`,
      L.lts001c(d, w, snapshot, yearBefore),
    )
    queries[qc.id] = qc.query
    const lc = ltsTables(
      qc,
      "LTS001c",
      `clients in long-term support for more than 12 months on ${snapshot}`,
      "LTS001c",
    )
    add({
      sheet: {
        name: "LTS001c",
        title: `LTS001c: clients in long-term support for more than 12 months on ${snapshot}`,
        tables: lc.grids.map((g) => g.table),
      },
      figures: lc.figures,
    })
    const psrGaps = [...lta.grids, ...lb.grids, ...lc.grids].reduce(
      (n, g) => n + g.get("conflict", G.TOTAL) + g.get("not-recorded", G.TOTAL),
      0,
    )

    // LTS002a / LTS002b ---------------------------------------------------------------------------------------
    const seqColumns: ReadonlyArray<G.Column> = [
      { key: "to-nursing", header: ["Move to nursing care (from community)"] },
      { key: "to-residential", header: ["Move to residential care (from community)"] },
      { key: "between-care-homes", header: ["Move between residential and nursing care"] },
      { key: "to-community", header: ["Move to community (from residential or nursing care)"] },
      { key: "same", header: ["Long-term support continued in the same setting"] },
      { key: "ended", header: ["All long-term support ended"] },
    ]
    const settings = [
      { key: "community", label: "Community" },
      { key: "residential", label: "Residential" },
      { key: "nursing", label: "Nursing" },
      { key: "prison", label: "Prison" },
      { key: "none", label: "No long-term support open at the review" },
    ]
    const events = [
      ...reviewReasons.filter((r) => r.startsWith("Unplanned")).map((r) => ({ key: r, label: r })),
      { key: "Planned", label: "Planned review leading to residential or nursing care" },
    ]
    const q2a2 = yield* run(
      reader,
      "LTS002a",
      "LTS002a (asckit's method): LTS001a's clients (18+) with an unplanned review ending in the period, or a planned review followed within 28 days by a move into residential or nursing care; each once, by their latest such review, setting at the review, significant event (review reason) and sequel (long-term setting in the 28 days after)",
      L.lts002a(d, w),
    )
    queries[q2a2.id] = q2a2.query
    const lts002aGrids = BANDS.map((b) =>
      G.build({
        id: `LTS002a-${b.table}`,
        title: `LTS002a Table ${b.table}: clients ${b.label} in long-term support with an unplanned review (or a planned review leading to a care home), by setting, significant event and sequel`,
        rowHeaders: ["Setting at the review", "Significant event (review reason)"],
        rows: settings.flatMap((s) =>
          events.map((e) => ({ key: `${s.key}|${e.key}`, header: [s.label, e.label] })),
        ),
        columns: seqColumns,
        counts: byCatCol(only(q2a2.rows, b.key)),
        query: q2a2.id,
        totalRow: ["Total", ""],
        totalColumn: true,
        notes: [
          "NHS England published no CLD method for LTS002a: this is asckit's (see the Notes sheet). CLD cannot tell whether long-term support increased, stayed the same or decreased after a review: those are one column.",
        ],
      }),
    )
    const q2b2 = yield* run(
      reader,
      "LTS002b",
      "LTS002b (asckit's method): LTS001c's clients (in long-term support for more than 12 months) with a planned or unplanned review ending in the period; each once, by their latest review, setting at the review and sequel",
      L.lts002b(d, w, snapshot, yearBefore),
    )
    queries[q2b2.id] = q2b2.query
    const lts002bGrids = BANDS.map((b) =>
      G.build({
        id: `LTS002b-${b.table}`,
        title: `LTS002b Table ${b.table}: clients ${b.label} in long-term support for more than 12 months who were reviewed, by setting and sequel`,
        rowHeaders: ["Setting at the review"],
        rows: settings.map((s) => ({ key: s.key, header: [s.label] })),
        columns: seqColumns,
        counts: byCatCol(only(q2b2.rows, b.key)),
        query: q2b2.id,
        totalRow: ["Total"],
        totalColumn: true,
      }),
    )
    add({
      sheet: {
        name: "LTS002a",
        title: "LTS002a: unplanned reviews of clients in long-term support",
        tables: lts002aGrids.map((g) => g.table),
      },
      figures: lts002aGrids.map((g, i) =>
        keyFigure(
          `lts002a-${BANDS[i]!.key}`,
          `LTS002a reviewed clients ${BANDS[i]!.label}`,
          g.total,
          "LTS002a",
          g.table.id,
        ),
      ),
    })
    add({
      sheet: {
        name: "LTS002b",
        title: "LTS002b: reviews of clients in long-term support for more than 12 months",
        tables: lts002bGrids.map((g) => g.table),
      },
      figures: lts002bGrids.map((g, i) =>
        keyFigure(
          `lts002b-${BANDS[i]!.key}`,
          `LTS002b reviewed clients ${BANDS[i]!.label}`,
          g.total,
          "LTS002b",
          g.table.id,
        ),
      ),
    })

    // LTS003 --------------------------------------------------------------------------------------------------
    const q3 = yield* run(
      reader,
      "LTS003",
      "LTS003: unpaid carers (and carers known by association) with support, an assessment or review, or information and advice in the period, counted once each in the highest support category (NHSE-CTP LTS003), by age at the period end",
      L.lts003(d, w),
    )
    queries[q3.id] = q3.query
    const lts003 = G.build({
      id: "LTS003-1",
      title: "LTS003 Table 1: carers supported during the year, by support provided and age of carer",
      rowHeaders: ["Support provided"],
      rows: defRows(carerSupport),
      columns: carerAgeBands.map((a) => ({ key: a.key, header: [a.label] })),
      counts: G.tally(
        q3.rows,
        (r) => r.cat,
        (r) => r.band,
        (r) => r.n,
      ),
      query: q3.id,
      totalRow: ["Total"],
      totalColumn: true,
    })
    add({
      sheet: { name: "LTS003", title: "LTS003: carers supported during the year", tables: [lts003.table] },
      figures: [keyFigure("lts003", "LTS003 carers supported", lts003.total, "LTS003", "LTS003-1")],
    })

    // LTS004 --------------------------------------------------------------------------------------------------
    const employment = employmentStatuses
    const accommodation = accommodationStatuses
    const q4b = yield* run(
      reader,
      "LTS004",
      "LTS004: service users aged 18-64 with a learning-disability primary support reason and long-term support in the period, counted once each by their latest service's employment and accommodation status (NHSE-CTP LTS004), by gender",
      L.lts004(d, w, employment, accommodation),
    )
    queries[q4b.id] = q4b.query
    const genderColumns: ReadonlyArray<G.Column> = [
      ...genders.map((g) => ({ key: g, header: [g] })),
      { key: "not-recorded", header: ["Not recorded"] },
    ]
    const t1 = G.build({
      id: "LTS004-1",
      title:
        "LTS004 Table 1: clients aged 18-64 with a learning disability in long-term support, by employment status and gender",
      rowHeaders: ["Employment status"],
      rows: [
        ...employment.map((e) => ({ key: e, header: [e] })),
        { key: "invalid", header: ["Not recorded or invalid"] },
      ],
      columns: genderColumns,
      counts: byCatCol(only(q4b.rows, "t1")),
      query: q4b.id,
      totalRow: ["Total"],
      totalColumn: true,
    })
    const accommodationTable = (id: string, what: string, settled: boolean) =>
      G.build({
        id,
        title: `LTS004 Table ${id.slice(-2)}: clients aged 18-64 with a learning disability in long-term support in ${what} accommodation, by accommodation status and gender`,
        rowHeaders: ["Accommodation status"],
        rows: accommodation
          .filter((a) => settledAccommodation(a) === settled)
          .map((a) => ({ key: a, header: [a] })),
        columns: genderColumns,
        counts: byCatCol(only(q4b.rows, "t2")),
        query: q4b.id,
        totalRow: ["Total"],
        totalColumn: true,
      })
    const t2a = accommodationTable("LTS004-2a", "settled", true)
    const t2b = accommodationTable("LTS004-2b", "unsettled", false)
    const t2invalid = G.build({
      id: "LTS004-2c",
      title: "LTS004: clients whose accommodation status is not recorded or invalid",
      rowHeaders: ["Accommodation status"],
      rows: [{ key: "invalid", header: ["Not recorded or invalid"] }],
      columns: genderColumns,
      counts: byCatCol(only(q4b.rows, "t2")),
      query: q4b.id,
      totalColumn: true,
    })
    const cohort = only(q4b.rows, "cohort").reduce((n, r) => n + r.n, 0)
    add({
      sheet: {
        name: "LTS004",
        title: "LTS004: working-age clients with a learning disability: employment and accommodation",
        tables: [t1.table, t2a.table, t2b.table, t2invalid.table],
      },
      figures: [
        keyFigure(
          "lts004",
          "LTS004 clients aged 18-64 with a learning disability",
          cohort,
          "LTS004",
          "LTS004-1",
        ),
      ],
    })
    const byBand = (grids: ReadonlyArray<G.Grid>, value = (g: G.Grid) => g.total): Check.ByBand => ({
      "18-64": value(grids[0]!),
      "65+": value(grids[1]!),
    })
    const checks: Check.Figures = {
      period: Period.format(period),
      snapshot,
      keyFigures: figures,
      sts001StMax: byBand(sts001Grids, (g) => g.get("st-max", G.TOTAL)),
      sts001Unclassified: unclassified,
      sts002a: { "18-64": sts002aByAge.get(G.TOTAL, "18-64"), "65+": sts002aByAge.get(G.TOTAL, "65+") },
      sts004,
      lts001a: byBand(lta.grids),
      lts001b: byBand(lb.grids),
      lts001bAllAges: lb2.total,
      lts001bByGender: lb3a.total + lb3b.total + lb3c.total,
      lts001c: byBand(lc.grids),
      psrUnknown: psrGaps,
      lts002a: byBand(lts002aGrids),
      lts002b: byBand(lts002bGrids),
      lts004: { cohort, table1: t1.total, table2: t2a.total + t2b.total + t2invalid.total },
    }
    return { sheets, figures, queries, checks, hospital }
  })

const ethnicGroupsRows = (): ReadonlyArray<G.Row> =>
  ethnicities.map((e) => ({
    key: e,
    header: [
      ethnicGroups.find((g) => e.startsWith(`${g.prefix}:`))?.group ?? "",
      e.slice(e.indexOf(":") + 1).trim(),
    ],
  }))

const ethnicities: ReadonlyArray<string> = Cld.Ethnicity
const employmentStatuses: ReadonlyArray<string> = Cld.EmploymentStatus
const accommodationStatuses: ReadonlyArray<string> = Cld.AccommodationStatus
const settledAccommodation = (label: string): boolean => Cld.settledAccommodation(label)

/** The SALT rules as a pure function of a period's figures, and last year's (see `validate.ts`). */
export { type Figures, validate } from "./validate.js"

/** Builds the SALT-style return for a council and period (see the module docs), with its validation. */
export const build = (
  config: Config,
  period: Period.Period,
  context: ReturnPlugin.BuildContext,
): Effect.Effect<D.Document, ReturnBuildError | EtlError.WarehouseError, WarehouseReader.WarehouseReader> =>
  Effect.gen(function* () {
    const reader = yield* WarehouseReader.WarehouseReader
    const la = context.laCode
    const current = yield* compute(reader, la, period)
    const previousPeriod = Period.sameLastYear(period)
    const previous = yield* compute(reader, la, previousPeriod)
    const periods = { current: Period.format(period), previous: Period.format(previousPeriod) }
    const compared = V.hasData(previous.checks.keyFigures)
    const draft: D.Document = {
      returnId: plugin.id,
      title: `SALT-style tables from CLD — ${la}`,
      period: periods.current,
      sheets: current.sheets,
      findings: [],
      notes: [
        ...(yield* P.notes(reader, {
          period,
          la,
          version: context.version,
          sources: [P.ofCouncil("event", la), P.ofCouncil("person", la), P.ofCouncil("hospital_episode", la)],
        })),
        {
          label: "Method",
          value:
            "NHS England's central transformation principles for reproducing SALT from CLD (NHSDigital/ASC-Client-Level-Data-SALT-ASCOF-transformations, 2023-24), on Release 2 labels. Official statistics in development: not comparable with SALT years.",
        },
        {
          label: "Methods without a central CLD version",
          value: `LTS002a/b: reviews ending in the period; sequel = the long-term setting in the ${L.REVIEW_SEQUEL_DAYS} days after the review compared with the setting at its start (asckit). STS004: SALT's 91-day definition with DHSC's ASCOF 2D discharge-to-reablement linking (asckit).`,
        },
        {
          label: "STS004",
          value: current.hospital
            ? "hospital discharges loaded"
            : "not available: no hospital discharges loaded",
        },
        {
          label: "Year-on-year checks",
          value: compared
            ? `against ${periods.previous}, built from the same warehouse: counts moving ≥ ${config.swing.percent}% and ≥ ${config.swing.minimum}, percentages moving ≥ ${config.swing.points} points, are queries`
            : `skipped: the warehouse holds no data for ${periods.previous}`,
        },
      ],
      queries: current.queries,
    }
    const findings = [
      ...Check.rules(current.checks),
      ...V.impossibleValues(draft),
      ...V.mandatoryCells(draft, [
        "LTS001a-1a",
        "LTS001a-1b",
        "LTS001b-1a",
        "LTS001b-1b",
        "LTS001c-1a",
        "LTS001c-1b",
      ]),
      ...Check.yearOnYear(current.checks, previous.checks, config.swing),
    ]
    return V.withFindings(draft, findings)
  })

/** The SALT-style return plugin (`salt`). */
export const plugin: ReturnPlugin.ReturnPlugin<Config> = ReturnPlugin.make<Config>({
  id: "salt",
  title: "SALT-style tables from CLD",
  description:
    "STS001, STS002a/b, STS004, LTS001a/b/c, LTS002a/b, LTS003 and LTS004 from the council's Client Level Data, by NHS England's central transformation principles",
  periodKind: ["FinancialYear", "Rolling12"],
  config: Config,
  build: (config, period, context) => build(config, period, context),
})
