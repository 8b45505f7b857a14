/**
 * The sections after the highlight table — contacts, waiting lists, reviews, assessments, services, safeguarding,
 * DoLS, complaints and compliments, care-market quality, feedback and carers — each a few tables and charts over
 * the last months, from one set-based query per table. A section whose extract is not loaded says so (`gaps`)
 * instead of showing zeros.
 *
 * Small numbers: with `suppressSmallNumbers` (the default; the report reaches cabinet papers), counts of 1–4 in the
 * safeguarding, DoLS and complaints tables — breakdowns by team or outcome that could identify people — are shown as
 * `[c]` (the Local catalogue's advice for breakdowns published outside the council); charts leave them out.
 *
 * @category measures
 */
import { type Period, Rounding, type Value } from "@asckit/core"
import type { EtlError } from "@asckit/etl"
import { type SQL, sql } from "drizzle-orm"
import { Effect } from "effect"
import { inCouncilArea } from "../measures/other/index.js"
import { type Cell, count, measure, type Query, type Row, type Table } from "../ReturnDocument.js"
import type { SectionId } from "./Config.js"
import { computations } from "./Measures.js"
import type { Chart, Section } from "./Model.js"
import {
  type Coverage,
  type Ctx,
  complaintClass,
  gap,
  longTermOpenOn,
  num,
  type Source,
  shortLabel,
  sources,
  text,
  type Window,
  window,
  windows,
} from "./Sql.js"

/** What a section builder is given. */
export interface SectionContext {
  readonly ctx: Ctx
  /** The report quarter. */
  readonly quarter: Period.Quarter
  /** The months of history, oldest first, ending with the quarter's last month. */
  readonly months: ReadonlyArray<Window>
  /** The last four quarters, oldest first, ending with the report quarter. */
  readonly quarters: ReadonlyArray<Window>
  readonly councilName: string
  readonly suppress: boolean
  /** Coverage of a source (read once per report). */
  readonly coverage: (source: Source) => Effect.Effect<Coverage, EtlError.WarehouseError>
  /** Registers a query (for the Notes sheet) and returns its id. */
  readonly register: (id: string, query: Query) => string
}

/** The titles of the sections. */
export const titles: Readonly<Record<SectionId, string>> = {
  contacts: "Contacts",
  waiting: "Waiting lists",
  reviews: "Reviews",
  assessments: "Assessments",
  services: "Services",
  safeguarding: "Safeguarding",
  dols: "Deprivation of Liberty Safeguards",
  complaints: "Complaints and compliments",
  market: "Care-market quality",
  feedback: "Feedback and carers",
}

type Rows = ReadonlyArray<Record<string, unknown>>

const run = (s: SectionContext, id: string, description: string, query: SQL) =>
  Effect.map(s.ctx.reader.all<Record<string, unknown>>(id, query), (rows) => ({
    rows: rows as Rows,
    query: s.register(id, { description, sql: text(query) }),
  }))

/** A count cell, `[c]` for 1–4 when `small` suppression applies. */
/**
 * A count cell. With `small` (a breakdown that could identify people), the SAC publication convention: 1–4 is `[c]`
 * and every other count is rounded to the nearest 5, totals included, so a suppressed cell cannot be worked out from
 * its row's total.
 */
const n = (v: number | null, query: string, small = false): Cell => {
  if (!small || v === null || v === 0) return count(v, query)
  if (v < 5) return { ...count(null, query), marker: "[c]" }
  return count(Rounding.roundToNearest(v, 5), query)
}

/** A percentage from exact counts (rounded once, half away from zero); `[c]` when `small` and the base is below 5. */
const pct = (num_: number, den: number, query: string, small = false): Cell =>
  den === 0
    ? measure(null, "percent1", query, "[x]")
    : small && den < 5
      ? measure(null, "percent1", query, "[c]")
      : measure(Rounding.roundRatio(num_, den, 100, 1) ?? null, "percent1", query)

/** The note of a table whose counts follow the small-number convention. */
const smallNote =
  "Counts below 5 are shown as [c] and the others rounded to the nearest 5 (totals too); percentages come from the exact counts."

const chartValue = (c: Cell): number | null =>
  typeof c.value === "number" && c.marker === undefined ? c.value : null

/** Pivots rows `{ k, g, n }` into a months × groups table (groups in `order`, then any others), with a total. */
const pivot = (
  ws: ReadonlyArray<Window>,
  rows: Rows,
  order: ReadonlyArray<string>,
  query: string,
  options: { small?: boolean; total?: boolean; labels?: Readonly<Record<string, string>> } = {},
): {
  columns: ReadonlyArray<string>
  rows: ReadonlyArray<Row>
  values: ReadonlyArray<ReadonlyArray<Cell>>
} => {
  const groups = [...order]
  for (const r of rows) {
    const g = r.g === null || r.g === undefined ? "Not recorded" : String(r.g)
    if (!groups.includes(g)) groups.push(g)
  }
  const at = new Map(
    rows.map((r) => [
      `${String(r.k)}\u0000${r.g === null || r.g === undefined ? "Not recorded" : String(r.g)}`,
      num(r.n),
    ]),
  )
  const values = ws.map((w) => {
    const cells = groups.map((g) => n(at.get(`${w.key}\u0000${g}`) ?? 0, query, options.small))
    if (options.total !== false) {
      const total = groups.reduce((a, g) => a + (at.get(`${w.key}\u0000${g}`) ?? 0), 0)
      cells.push(n(total, query, options.small))
    }
    return cells
  })
  const columns = [
    ...groups.map((g) => options.labels?.[g] ?? g),
    ...(options.total === false ? [] : ["Total"]),
  ]
  return { columns, rows: ws.map((w, i) => ({ header: [shortLabel(w.period)], cells: values[i]! })), values }
}

const table = (
  id: string,
  title: string,
  rowHeader: string,
  columns: ReadonlyArray<string>,
  rows: ReadonlyArray<Row>,
  notes?: ReadonlyArray<string>,
): Table => ({
  id,
  title,
  rowHeaders: [rowHeader],
  columnHeaders: [columns],
  rows,
  ...(notes === undefined || notes.length === 0 ? {} : { notes }),
})

const column = (t: Table, name: string): ReadonlyArray<number | null> => {
  const i = t.columnHeaders.at(-1)!.indexOf(name)
  return t.rows.map((r) => (i < 0 ? null : chartValue(r.cells[i]!)))
}

const categories = (ws: ReadonlyArray<Window>) => ws.map((w) => shortLabel(w.period))

const section = (
  id: SectionId,
  tables: ReadonlyArray<Table>,
  charts: ReadonlyArray<Chart>,
  gaps: ReadonlyArray<string>,
): Omit<Section, "commentary"> => ({ id, title: titles[id], tables, charts, gaps })

/** The gap of a source for the section's windows, or `undefined` when data is loaded for them. */
const missing = (s: SectionContext, source: Source, ws: ReadonlyArray<Window>) =>
  Effect.map(s.coverage(source), (c) => {
    if (c.rows === 0) return gap(c, ws[0]!, s.ctx.laCode)
    const outside = ws.filter((w) => gap(c, w, s.ctx.laCode) !== undefined)
    return outside.length === ws.length ? gap(c, ws.at(-1)!, s.ctx.laCode) : undefined
  })

// ---------------------------------------------------------------------------------------------------------------
// sections

const contactOutcomes = [
  "new-case",
  "existing-case",
  "safeguarding",
  "dols",
  "resolved-equipment",
  "resolved-other",
]
const contactLabels: Record<string, string> = {
  "new-case": "New case",
  "existing-case": "Existing case",
  safeguarding: "Safeguarding",
  dols: "DoLS",
  "resolved-equipment": "Resolved: equipment",
  "resolved-other": "Resolved: other",
}

const contacts = (s: SectionContext) =>
  Effect.gen(function* () {
    const why = yield* missing(s, sources.contact, s.months)
    if (why !== undefined) return section("contacts", [], [], [why])
    const { rows, query } = yield* run(
      s,
      "contacts-by-outcome",
      "Contacts received in each month, by outcome (contact)",
      sql`with ${windows(s.months)}
select p.k as k, c.outcome as g, count(*) as n
from p join contact c on c.la_code = ${s.ctx.laCode} and c.contact_date >= p.p_start and c.contact_date <= p.p_end
group by p.k, c.outcome`,
    )
    const t = pivot(s.months, rows, contactOutcomes, query, { labels: contactLabels })
    const resolvedIdx = [
      contactOutcomes.indexOf("resolved-equipment"),
      contactOutcomes.indexOf("resolved-other"),
    ]
    const withShare = t.rows.map((r) => {
      const total = chartValue(r.cells.at(-1)!) ?? 0
      const resolved = resolvedIdx.reduce((a, i) => a + (chartValue(r.cells[i]!) ?? 0), 0)
      return { ...r, cells: [...r.cells, pct(resolved, total, query)] }
    })
    const tbl = table(
      "contacts",
      "Contacts received by outcome",
      "Month",
      [...t.columns, "Resolved at first contact (%)"],
      withShare,
    )
    return section(
      "contacts",
      [tbl],
      [
        {
          id: "contacts-outcomes",
          title: "Contacts by outcome",
          kind: "stacked",
          categories: categories(s.months),
          series: t.columns.slice(0, -1).map((c) => ({ name: c, values: column(tbl, c) })),
        },
        {
          id: "contacts-resolved",
          title: "Contacts resolved at first contact",
          kind: "line",
          unit: "%",
          categories: categories(s.months),
          series: [
            { name: "Resolved at first contact", values: column(tbl, "Resolved at first contact (%)") },
          ],
        },
      ],
      [],
    )
  })

const workLabels: Record<string, string> = {
  "needs-assessment": "Needs assessment",
  "ot-assessment": "OT assessment",
  "carer-assessment": "Carer's assessment",
  review: "Review",
  other: "Other",
}

const waiting = (s: SectionContext) =>
  Effect.gen(function* () {
    const why = yield* missing(s, sources.work, s.months)
    if (why !== undefined) return section("waiting", [], [], [why])
    const d = s.ctx.dialect
    const waitingOn = sql`w.la_code = ${s.ctx.laCode} and w.entered_date <= p.p_end
  and (w.allocated_date is null or w.allocated_date > p.p_end) and (w.closed_date is null or w.closed_date > p.p_end)`
    const counts = yield* run(
      s,
      "waiting-by-type",
      "People waiting at each month end, by type of work (work_item; each person once per type)",
      sql`with ${windows(s.months)}
select p.k as k, w.work_type as g, count(distinct coalesce(w.person_id, w.item_id)) as n
from p join work_item w on ${waitingOn}
group by p.k, w.work_type`,
    )
    const medians = yield* run(
      s,
      "waiting-median",
      "Median whole days waited at each month end, by type of work (work_item)",
      sql`with ${windows(s.months)},
waits as (
  select p.k as k, w.work_type as g, ${d.daysBetween(sql`w.entered_date`, sql`p.p_end`)} as days
  from p join work_item w on ${waitingOn}
),
ranked as (select k, g, days, row_number() over (partition by k, g order by days) as rn, count(*) over (partition by k, g) as c from waits)
select k, g, avg(days) as m from ranked where rn = (c + 1) / 2 or rn = (c + 2) / 2 group by k, g`,
    )
    const med = new Map(medians.rows.map((r) => [`${String(r.k)}\u0000${String(r.g)}`, num(r.m)]))
    const at = new Map(counts.rows.map((r) => [`${String(r.k)}\u0000${String(r.g)}`, num(r.n)]))
    const shownTypes = ["needs-assessment", "ot-assessment", "carer-assessment", "review"]
    const cols = shownTypes.flatMap((t) => [`${workLabels[t]}: waiting`, `${workLabels[t]}: median days`])
    const rows = s.months.map((w) => ({
      header: [shortLabel(w.period)],
      cells: shownTypes.flatMap((t) => {
        const c = at.get(`${w.key}\u0000${t}`) ?? 0
        const m = med.get(`${w.key}\u0000${t}`)
        return [
          count(c, counts.query),
          m === undefined
            ? measure(null, "integer", medians.query, "[z]")
            : measure(Math.round(m), "integer", medians.query),
        ]
      }),
    }))
    const byMonth = table("waiting", "Waiting at each month end", "Month", cols, rows, [
      "Waiting: entered the work tray on or before the month end, not allocated or closed by it. [z]: nobody waiting.",
    ])
    const last = s.months.at(-1)!
    const teams = yield* run(
      s,
      "waiting-by-team",
      `Waiting at ${last.end} by type of work and team: people, average and longest wait in days (work_item)`,
      sql`with ${windows([last])},
waits as (
  select w.work_type as work_type, coalesce(w.team, 'Not recorded') as team, coalesce(w.person_id, w.item_id) as who,
    ${d.daysBetween(sql`w.entered_date`, sql`p.p_end`)} as days
  from p join work_item w on ${waitingOn}
)
select work_type, team, count(distinct who) as n, avg(days) as mean, max(days) as longest from waits
group by work_type, team order by work_type, team`,
    )
    const teamRows: Array<Row> = teams.rows.map((r) => ({
      header: [workLabels[String(r.work_type)] ?? String(r.work_type), String(r.team)],
      cells: [
        count(num(r.n), teams.query),
        measure(Math.round(num(r.mean) * 10) / 10, "decimal1", teams.query),
        measure(num(r.longest), "integer", teams.query),
      ],
    }))
    const byTeam: Table = {
      id: "waiting-teams",
      title: `Waiting at ${last.end} by team`,
      rowHeaders: ["Work", "Team"],
      columnHeaders: [["People waiting", "Average days", "Longest (days)"]],
      rows: teamRows,
    }
    return section(
      "waiting",
      [byMonth, byTeam],
      [
        {
          id: "waiting-counts",
          title: "People waiting at month end",
          kind: "line",
          categories: categories(s.months),
          series: shownTypes
            .slice(0, 3)
            .map((t) => ({ name: workLabels[t]!, values: column(byMonth, `${workLabels[t]}: waiting`) })),
        },
        {
          id: "waiting-median",
          title: "Median days waited for a needs assessment",
          kind: "line",
          unit: "days",
          categories: categories(s.months),
          series: [{ name: "Median days", values: column(byMonth, "Needs assessment: median days") }],
        },
      ],
      [],
    )
  })

const reviews = (s: SectionContext) =>
  Effect.gen(function* () {
    const why = yield* missing(s, sources.cld, s.months)
    if (why !== undefined) return section("reviews", [], [], [why])
    const overdue = yield* run(
      s,
      "reviews-overdue",
      "People in long-term support at each month end, and those whose last review (or, with none, the start of support) is more than 12 months old (CLD)",
      sql`with ${windows(s.months)},
lts as (
  select p.k as k, p.p_end as p_end, p.p_cut as p_cut, e.person_id as person_id, min(e.start_date) as support_start
  from p join event e on e.la_code = ${s.ctx.laCode} and ${longTermOpenOn(sql`p.p_end`)}
  group by p.k, p.p_end, p.p_cut, e.person_id
),
reviewed as (
  select l.k as k, l.person_id as person_id, max(r.end_date) as last_review
  from lts l join event r on r.la_code = ${s.ctx.laCode} and r.person_id = l.person_id
    and r.event_type = 'Review' and r.end_date is not null and r.end_date <= l.p_end
  group by l.k, l.person_id
)
select l.k as k, count(*) as people,
  sum(case when coalesce(v.last_review, l.support_start) < l.p_cut then 1 else 0 end) as overdue,
  sum(case when v.last_review is null then 1 else 0 end) as never
from lts l left join reviewed v on v.k = l.k and v.person_id = l.person_id
group by l.k`,
    )
    const done = yield* run(
      s,
      "reviews-completed",
      "Reviews completed in each month, planned or unplanned (CLD review reason)",
      sql`with ${windows(s.months)}
select p.k as k, case when e.review_reason like 'Unplanned%' then 'Unplanned' when e.review_reason like 'Review of short term%' then 'Short-term support' else 'Planned' end as g, count(*) as n
from p join event e on e.la_code = ${s.ctx.laCode} and e.event_type = 'Review' and e.end_date >= p.p_start and e.end_date <= p.p_end
group by p.k, case when e.review_reason like 'Unplanned%' then 'Unplanned' when e.review_reason like 'Review of short term%' then 'Short-term support' else 'Planned' end`,
    )
    const o = new Map(overdue.rows.map((r) => [String(r.k), r]))
    const t = pivot(s.months, done.rows, ["Planned", "Unplanned", "Short-term support"], done.query)
    const rows = s.months.map((w, i) => {
      const r = o.get(w.key)
      const people = num(r?.people)
      const od = num(r?.overdue)
      return {
        header: [shortLabel(w.period)],
        cells: [
          count(people, overdue.query),
          count(od, overdue.query),
          pct(od, people, overdue.query),
          count(num(r?.never), overdue.query),
          ...t.values[i]!,
        ],
      }
    })
    const cols = [
      "In long-term support",
      "Review overdue",
      "Overdue (%)",
      "Never reviewed",
      ...t.columns.map((c) => `Reviews completed: ${c}`),
    ]
    const tbl = table("reviews", "Reviews", "Month", cols, rows, [
      "Overdue: in long-term support at the month end, last completed review (or, with none, the start of support) more than 12 months earlier.",
    ])
    return section(
      "reviews",
      [tbl],
      [
        {
          id: "reviews-overdue",
          title: "People whose review is overdue",
          kind: "line",
          categories: categories(s.months),
          series: [{ name: "Review overdue", values: column(tbl, "Review overdue") }],
        },
        {
          id: "reviews-completed",
          title: "Reviews completed",
          kind: "stacked",
          categories: categories(s.months),
          series: t.columns
            .slice(0, -1)
            .map((c) => ({ name: c, values: column(tbl, `Reviews completed: ${c}`) })),
        },
      ],
      [],
    )
  })

const assessments = (s: SectionContext) =>
  Effect.gen(function* () {
    const why = yield* missing(s, sources.cld, s.months)
    if (why !== undefined) return section("assessments", [], [], [why])
    const byType = yield* run(
      s,
      "assessments-by-type",
      "Assessments completed (ended) in each month, by assessment type (CLD)",
      sql`with ${windows(s.months)}
select p.k as k, e.assessment_type as g, count(*) as n
from p join event e on e.la_code = ${s.ctx.laCode} and e.event_type = 'Assessment' and e.end_date >= p.p_start and e.end_date <= p.p_end
group by p.k, e.assessment_type`,
    )
    const t = pivot(
      s.months,
      byType.rows,
      ["Long term assessment", "Short term assessment", "Unpaid carer assessment"],
      byType.query,
    )
    const tbl = table("assessments", "Assessments completed", "Month", t.columns, t.rows)
    const q = window(s.quarter)
    const outcomes = yield* run(
      s,
      "assessment-outcomes",
      `Assessments completed in ${q.key}, by outcome (CLD event outcome)`,
      sql`select coalesce(e.event_outcome, 'Not recorded') as outcome, count(*) as n from event e
where e.la_code = ${s.ctx.laCode} and e.event_type = 'Assessment' and e.end_date >= ${q.start} and e.end_date <= ${q.end}
group by coalesce(e.event_outcome, 'Not recorded') order by count(*) desc`,
    )
    const total = outcomes.rows.reduce((a, r) => a + num(r.n), 0)
    const out = table(
      "assessment-outcomes",
      `Outcomes of assessments completed in ${q.key}`,
      "Outcome",
      ["Assessments", "Share (%)"],
      outcomes.rows.map((r) => ({
        header: [String(r.outcome)],
        cells: [count(num(r.n), outcomes.query), pct(num(r.n), total, outcomes.query)],
      })),
    )
    return section(
      "assessments",
      [tbl, out],
      [
        {
          id: "assessments",
          title: "Assessments completed by type",
          kind: "stacked",
          categories: categories(s.months),
          series: t.columns.slice(0, -1).map((c) => ({ name: c, values: column(tbl, c) })),
        },
      ],
      [],
    )
  })

const settings = [
  "Long term support: Community",
  "Long term support: Residential care",
  "Long term support: Nursing care",
  "Long term support: Prison",
]
const settingLabels: Record<string, string> = {
  "Long term support: Community": "Community",
  "Long term support: Residential care": "Residential care",
  "Long term support: Nursing care": "Nursing care",
  "Long term support: Prison": "Prison",
}

const services = (s: SectionContext) =>
  Effect.gen(function* () {
    const why = yield* missing(s, sources.cld, s.months)
    if (why !== undefined) return section("services", [], [], [why])
    const firsts = s.months.map((w) => ({ ...w, end: w.start }))
    const lts = yield* run(
      s,
      "services-long-term",
      "People with a long-term service open on the 1st of each month, by setting; a person in two settings counts in each, once in the total (CLD)",
      sql`with ${windows(firsts)}
select p.k as k, e.service_type as g, count(distinct e.person_id) as n
from p join event e on e.la_code = ${s.ctx.laCode} and ${longTermOpenOn(sql`p.p_start`)}
group by p.k, e.service_type
union all
select p.k as k, 'Total' as g, count(distinct e.person_id) as n
from p join event e on e.la_code = ${s.ctx.laCode} and ${longTermOpenOn(sql`p.p_start`)}
group by p.k`,
    )
    const t = pivot(
      s.months,
      lts.rows.filter((r) => r.g !== "Total"),
      settings,
      lts.query,
      { total: false, labels: settingLabels },
    )
    const totals = new Map(lts.rows.filter((r) => r.g === "Total").map((r) => [String(r.k), num(r.n)]))
    const ltRows = t.rows.map((r, i) => ({
      ...r,
      header: [`1 ${s.months[i]!.key}`],
      cells: [...r.cells, count(totals.get(s.months[i]!.key) ?? 0, lts.query)],
    }))
    const ltTable = table(
      "services-long-term",
      "People in long-term support on the 1st of the month, by setting",
      "Day",
      [...t.columns, "People"],
      ltRows,
    )
    const stmax = yield* run(
      s,
      "services-st-max",
      "Reablement (ST-Max) services ending in each month, by the event outcome recorded on the service (CLD)",
      sql`with ${windows(s.months)}
select p.k as k, case
    when e.event_outcome = 'NFA: Support ended as planned' then 'Ended as planned'
    when e.event_outcome in ('Progress to support planning or services', 'Continuation of support or services') then 'Went on to further support'
    when e.event_outcome in ('Admitted to hospital', 'NFA: Deceased') then 'Hospital or died'
    else 'Other or not recorded' end as g,
  count(*) as n
from p join event e on e.la_code = ${s.ctx.laCode} and e.event_type = 'Service' and e.service_type = 'Short term support: ST-Max'
  and ${sql`coalesce(e.derived_end_date, e.end_date)`} >= p.p_start and ${sql`coalesce(e.derived_end_date, e.end_date)`} <= p.p_end
group by p.k, case
    when e.event_outcome = 'NFA: Support ended as planned' then 'Ended as planned'
    when e.event_outcome in ('Progress to support planning or services', 'Continuation of support or services') then 'Went on to further support'
    when e.event_outcome in ('Admitted to hospital', 'NFA: Deceased') then 'Hospital or died'
    else 'Other or not recorded' end`,
    )
    const st = pivot(
      s.months,
      stmax.rows,
      ["Ended as planned", "Went on to further support", "Hospital or died", "Other or not recorded"],
      stmax.query,
    )
    const stTable = table(
      "services-st-max",
      "Intermediate care (reablement, ST-Max) completions",
      "Month",
      st.columns,
      st.rows,
      [
        "The outcome recorded on the reablement service itself; ASCOF 2A's sequel rules are on the highlight table.",
      ],
    )
    return section(
      "services",
      [ltTable, stTable],
      [
        {
          id: "services-long-term",
          title: "People in long-term support by setting (1st of month)",
          kind: "stacked",
          categories: ltRows.map((r) => r.header[0]!),
          series: t.columns.map((c) => ({ name: c, values: column(ltTable, c) })),
        },
        {
          id: "services-st-max",
          title: "Reablement completions",
          kind: "stacked",
          categories: categories(s.months),
          series: st.columns.slice(0, -1).map((c) => ({ name: c, values: column(stTable, c) })),
        },
      ],
      [],
    )
  })

const concernOutcomes = ["s42-enquiry", "other-enquiry", "no-enquiry", "open"]
const concernLabels: Record<string, string> = {
  "s42-enquiry": "Section 42 enquiry",
  "other-enquiry": "Other enquiry",
  "no-enquiry": "No enquiry",
  open: "Decision pending",
}

const safeguarding = (s: SectionContext) =>
  Effect.gen(function* () {
    const gaps: Array<string> = []
    const tables: Array<Table> = []
    const charts: Array<Chart> = []
    const whyConcerns = yield* missing(s, sources.concern, s.months)
    if (whyConcerns !== undefined) gaps.push(whyConcerns)
    else {
      const c = yield* run(
        s,
        "safeguarding-concerns",
        "Safeguarding concerns received in each month, by what they led to (safeguarding_concern)",
        sql`with ${windows(s.months)}
select p.k as k, c.outcome as g, count(*) as n
from p join safeguarding_concern c on c.la_code = ${s.ctx.laCode} and c.received_date >= p.p_start and c.received_date <= p.p_end
group by p.k, c.outcome`,
      )
      const t = pivot(s.months, c.rows, concernOutcomes, c.query, {
        small: s.suppress,
        labels: concernLabels,
      })
      const tbl = table(
        "safeguarding-concerns",
        "Safeguarding concerns received",
        "Month",
        t.columns,
        t.rows,
        s.suppress ? [smallNote] : [],
      )
      tables.push(tbl)
      charts.push({
        id: "safeguarding-concerns",
        title: "Safeguarding concerns received",
        kind: "stacked",
        categories: categories(s.months),
        series: t.columns.slice(0, -1).map((x) => ({ name: x, values: column(tbl, x) })),
      })
    }
    const whyEnquiries = yield* missing(s, sources.enquiry, s.months)
    if (whyEnquiries !== undefined) gaps.push(whyEnquiries)
    else {
      const end = window(s.quarter).end
      const open = yield* run(
        s,
        "safeguarding-open-enquiries",
        `Enquiries open on ${end} by team: count, average and longest days open (safeguarding_enquiry)`,
        sql`select coalesce(team, 'Not recorded') as team, count(*) as n,
  avg(${s.ctx.dialect.daysBetween(sql`start_date`, sql`${end}`)}) as mean,
  max(${s.ctx.dialect.daysBetween(sql`start_date`, sql`${end}`)}) as longest
from safeguarding_enquiry where la_code = ${s.ctx.laCode} and start_date <= ${end} and (concluded_date is null or concluded_date > ${end})
group by coalesce(team, 'Not recorded') order by coalesce(team, 'Not recorded')`,
      )
      const small = (r: Record<string, unknown>) => s.suppress && num(r.n) > 0 && num(r.n) < 5
      tables.push({
        id: "safeguarding-open",
        title: `Enquiries open on ${end}, by team`,
        rowHeaders: ["Team"],
        columnHeaders: [["Open enquiries", "Average days open", "Longest (days)"]],
        rows: open.rows.map((r) => ({
          header: [String(r.team)],
          cells: small(r)
            ? [
                n(num(r.n), open.query, true),
                measure(null, "decimal1", open.query, "[c]"),
                measure(null, "integer", open.query, "[c]"),
              ]
            : [
                n(num(r.n), open.query, s.suppress),
                measure(Math.round(num(r.mean) * 10) / 10, "decimal1", open.query),
                measure(num(r.longest), "integer", open.query),
              ],
        })),
        notes: [
          "Days open: from the start of the enquiry to the end of the quarter.",
          ...(s.suppress
            ? ["Teams with fewer than 5 open enquiries are shown as [c]; counts rounded to the nearest 5."]
            : []),
        ],
      })
      const msp = yield* run(
        s,
        "safeguarding-msp",
        "Concluded s42 enquiries in each quarter: asked about desired outcomes; outcomes fully, partly, not achieved (SAC SG4a)",
        sql`with ${windows(s.quarters)}
select p.k as k, count(e.enquiry_id) as concluded,
  sum(case when e.msp_asked like 'Yes%' then 1 else 0 end) as asked,
  sum(case when e.msp_asked = 'Yes - outcomes expressed' then 1 else 0 end) as expressed,
  sum(case when e.msp_achieved = 'Fully achieved' then 1 else 0 end) as fully,
  sum(case when e.msp_achieved = 'Partially achieved' then 1 else 0 end) as partly,
  sum(case when e.msp_achieved = 'Not achieved' then 1 else 0 end) as notmet
from p left join safeguarding_enquiry e on e.la_code = ${s.ctx.laCode} and e.enquiry_type = 's42'
  and e.concluded_date >= p.p_start and e.concluded_date <= p.p_end
group by p.k`,
      )
      const m = new Map(msp.rows.map((r) => [String(r.k), r]))
      const mspTable = table(
        "safeguarding-msp",
        "Making Safeguarding Personal (concluded section 42 enquiries)",
        "Quarter",
        [
          "Concluded",
          "Asked (%)",
          "Outcomes expressed",
          "Fully or partly achieved (%)",
          "Fully achieved (%)",
        ],
        s.quarters.map((w) => {
          const r = m.get(w.key)
          const met = num(r?.fully) + num(r?.partly)
          const base = met + num(r?.notmet)
          return {
            header: [shortLabel(w.period)],
            cells: [
              n(num(r?.concluded), msp.query, s.suppress),
              pct(num(r?.asked), num(r?.concluded), msp.query, s.suppress),
              n(num(r?.expressed), msp.query, s.suppress),
              pct(met, base, msp.query, s.suppress),
              pct(num(r?.fully), base, msp.query, s.suppress),
            ],
          }
        }),
        [
          "Asked: 'Yes - outcomes expressed' or 'Yes - no outcomes expressed' over all concluded s42 enquiries.",
          ...(s.suppress ? [smallNote] : []),
        ],
      )
      tables.push(mspTable)
      charts.push({
        id: "safeguarding-msp",
        title: "Making Safeguarding Personal",
        kind: "line",
        unit: "%",
        categories: s.quarters.map((w) => shortLabel(w.period)),
        series: [
          { name: "Asked about outcomes", values: column(mspTable, "Asked (%)") },
          {
            name: "Outcomes fully or partly achieved",
            values: column(mspTable, "Fully or partly achieved (%)"),
          },
        ],
      })
    }
    return section("safeguarding", tables, charts, gaps)
  })

const dols = (s: SectionContext) =>
  Effect.gen(function* () {
    const why = yield* missing(s, sources.dols, s.months)
    if (why !== undefined) return section("dols", [], [], [why])
    const flow = yield* run(
      s,
      "dols-flow",
      "DoLS applications received, signed off and active at the end of each month (dols_application)",
      sql`with ${windows(s.months)}
select p.k as k,
  (select count(*) from dols_application d where d.la_code = ${s.ctx.laCode} and d.received_date >= p.p_start and d.received_date <= p.p_end) as received,
  (select count(*) from dols_application d where d.la_code = ${s.ctx.laCode} and d.signed_off_date >= p.p_start and d.signed_off_date <= p.p_end) as completed,
  (select count(*) from dols_application d where d.la_code = ${s.ctx.laCode} and d.received_date <= p.p_end
     and (d.signed_off_date is null or d.signed_off_date > p.p_end) and not (d.status = 'withdrawn' and d.signed_off_date is null)) as active
from p`,
    )
    const f = new Map(flow.rows.map((r) => [String(r.k), r]))
    const flowTable = table(
      "dols-flow",
      "DoLS applications",
      "Month",
      ["Received", "Signed off", "Active at month end"],
      s.months.map((w) => {
        const r = f.get(w.key)
        return {
          header: [shortLabel(w.period)],
          cells: [
            n(num(r?.received), flow.query, s.suppress),
            n(num(r?.completed), flow.query, s.suppress),
            n(num(r?.active), flow.query, s.suppress),
          ],
        }
      }),
      s.suppress ? [smallNote] : [],
    )
    const end = window(s.quarter).end
    const active = yield* run(
      s,
      "dols-active",
      `DoLS applications active on ${end}, by stage and urgency (dols_application)`,
      sql`select case when d.last_assessment_date is null or d.last_assessment_date > ${end} then 'Awaiting allocation' else 'Assessed, awaiting sign-off' end as stage,
  case when d.urgent = 1 then 'Urgent' else 'Standard' end as urgency, count(*) as n
from dols_application d where d.la_code = ${s.ctx.laCode} and d.received_date <= ${end}
  and (d.signed_off_date is null or d.signed_off_date > ${end}) and not (d.status = 'withdrawn' and d.signed_off_date is null)
group by case when d.last_assessment_date is null or d.last_assessment_date > ${end} then 'Awaiting allocation' else 'Assessed, awaiting sign-off' end,
  case when d.urgent = 1 then 'Urgent' else 'Standard' end`,
    )
    const stages = ["Awaiting allocation", "Assessed, awaiting sign-off"]
    const cell = (stage: string, urgency: string) =>
      num(active.rows.find((r) => r.stage === stage && r.urgency === urgency)?.n)
    const activeTable = table(
      "dols-active",
      `Active DoLS applications on ${end}, by stage and urgency`,
      "Stage",
      ["Urgent", "Standard", "Total"],
      stages.map((st) => ({
        header: [st],
        cells: [
          n(cell(st, "Urgent"), active.query, s.suppress),
          n(cell(st, "Standard"), active.query, s.suppress),
          n(cell(st, "Urgent") + cell(st, "Standard"), active.query, s.suppress),
        ],
      })),
      [
        "Awaiting allocation: no assessment done by the date (the collection has no allocation date).",
        ...(s.suppress ? [smallNote] : []),
      ],
    )
    return section(
      "dols",
      [flowTable, activeTable],
      [
        {
          id: "dols-flow",
          title: "DoLS applications received and signed off",
          kind: "bar",
          categories: categories(s.months),
          series: [
            { name: "Received", values: column(flowTable, "Received") },
            { name: "Signed off", values: column(flowTable, "Signed off") },
          ],
        },
        {
          id: "dols-active",
          title: "Active DoLS applications at month end",
          kind: "line",
          categories: categories(s.months),
          series: [{ name: "Active", values: column(flowTable, "Active at month end") }],
        },
      ],
      [],
    )
  })

const complaints = (s: SectionContext) =>
  Effect.gen(function* () {
    const gaps: Array<string> = []
    const tables: Array<Table> = []
    const charts: Array<Chart> = []
    const why = yield* missing(s, sources.complaints, s.months)
    if (why !== undefined) gaps.push(why)
    else {
      const c = yield* run(
        s,
        "complaints",
        "Complaints received, and closed by outcome, in each month (local_record complaints)",
        sql`with ${windows(s.months)}
select p.k as k, 'Received' as g, count(*) as n
from p join local_record r on r.dataset = 'complaints' and r.la_code = ${s.ctx.laCode} and r.record_date >= p.p_start and r.record_date <= p.p_end
group by p.k
union all
select p.k as k, ${complaintClass(sql`r.outcome`)} as g, count(*) as n
from p join local_record r on r.dataset = 'complaints' and r.la_code = ${s.ctx.laCode} and r.end_date >= p.p_start and r.end_date <= p.p_end
group by p.k, ${complaintClass(sql`r.outcome`)}`,
      )
      const labels = {
        upheld: "Closed: upheld",
        partly: "Closed: partly upheld",
        not: "Closed: not upheld",
        withdrawn: "Closed: withdrawn",
        other: "Closed: other",
      }
      const t = pivot(
        s.months,
        c.rows,
        ["Received", "upheld", "partly", "not", "withdrawn", "other"],
        c.query,
        {
          small: s.suppress,
          total: false,
          labels,
        },
      )
      // answered within 20 working days, by the month of the answer (the measure's own query)
      const onTimeSql = yield* computations["LOCAL:COMPLAINTS-ON-TIME"]!.query!(s.ctx, s.months)
      const onTime = yield* run(
        s,
        "complaints-on-time",
        "Complaints answered in each month, and those answered within 20 working days of receipt (England and Wales bank holidays excluded)",
        onTimeSql,
      )
      const ot = new Map(onTime.rows.map((r) => [String(r.k), r]))
      const rows = t.rows.map((r, i) => {
        const x = ot.get(s.months[i]!.key)
        return {
          ...r,
          cells: [
            ...r.cells,
            n(num(x?.d), onTime.query, s.suppress),
            pct(num(x?.n), num(x?.d), onTime.query, s.suppress),
          ],
        }
      })
      const tbl = table(
        "complaints",
        "Complaints",
        "Month",
        [...t.columns, "Answered", "Answered within 20 working days (%)"],
        rows,
        [
          "Outcome classes read from the complaints log's outcome text. Within 20 working days: answered by the 20th working day after receipt.",
          ...(s.suppress ? [smallNote] : []),
        ],
      )
      tables.push(tbl)
      charts.push({
        id: "complaints",
        title: "Complaints received",
        kind: "bar",
        categories: categories(s.months),
        series: [{ name: "Received", values: column(tbl, "Received") }],
      })
    }
    const whyC = yield* missing(s, sources.compliments, s.quarters)
    if (whyC !== undefined) gaps.push(whyC)
    else {
      const c = yield* run(
        s,
        "compliments-by-source",
        "Compliments received in each quarter, by source (local_record compliments)",
        sql`with ${windows(s.quarters)}
select p.k as k, coalesce(r.source, 'Not recorded') as g, count(*) as n
from p join local_record r on r.dataset = 'compliments' and r.la_code = ${s.ctx.laCode} and r.record_date >= p.p_start and r.record_date <= p.p_end
group by p.k, coalesce(r.source, 'Not recorded')`,
      )
      const t = pivot(s.quarters, c.rows, [], c.query)
      const tbl = table("compliments", "Compliments by source", "Quarter", t.columns, t.rows)
      tables.push(tbl)
      charts.push({
        id: "compliments",
        title: "Compliments by source",
        kind: "stacked",
        categories: s.quarters.map((w) => shortLabel(w.period)),
        series: t.columns.slice(0, -1).map((x) => ({ name: x, values: column(tbl, x) })),
      })
    }
    return section("complaints", tables, charts, gaps)
  })

const market = (s: SectionContext) =>
  Effect.gen(function* () {
    const end = window(s.quarter).end
    const ratings = yield* run(
      s,
      "market-ratings",
      `Care providers' CQC ratings from the latest CQC directory download on or before ${end}, by area, type of care and rating (provider_rating)`,
      sql`select local_authority as area, coalesce(care_type, 'other') as care_type, coalesce(rating, 'Not yet rated') as rating, count(*) as n
from provider_rating where as_at = (select max(as_at) from provider_rating where as_at <= ${end})
group by local_authority, coalesce(care_type, 'other'), coalesce(rating, 'Not yet rated')`,
    )
    const inArea = inCouncilArea(s.ctx.laCode, [s.councilName])
    const mine = ratings.rows.filter((r) => inArea(String(r.area ?? "")))
    if (mine.length === 0) {
      return section(
        "market",
        [],
        [],
        [
          ratings.rows.length === 0
            ? `no CQC care directory download on or before ${end} is loaded (provider_rating)`
            : `the CQC care directory loaded lists no providers in ${s.councilName}'s area`,
        ],
      )
    }
    const order = ["Outstanding", "Good", "Requires improvement", "Inadequate", "Not yet rated"]
    const types = ["residential", "community", "other"].filter((t) => mine.some((r) => r.care_type === t))
    const at = (t: string, rating: string) =>
      num(mine.find((r) => r.care_type === t && r.rating === rating)?.n)
    const tbl = table(
      "market-ratings",
      `CQC ratings of providers in ${s.councilName}`,
      "Type of care",
      [...order, "Total", "Good or outstanding (%)"],
      types.map((t) => {
        const total = order.reduce((a, r) => a + at(t, r), 0)
        return {
          header: [t === "residential" ? "Care homes" : t === "community" ? "Community services" : "Other"],
          cells: [
            ...order.map((r) => count(at(t, r), ratings.query)),
            count(total, ratings.query),
            pct(at(t, "Good") + at(t, "Outstanding"), total, ratings.query),
          ],
        }
      }),
      ["Not yet rated locations are in the total (as ASCOF 6B counts them)."],
    )
    return section(
      "market",
      [tbl],
      [
        {
          id: "market-ratings",
          title: "Providers by CQC rating",
          kind: "stacked",
          categories: tbl.rows.map((r) => r.header[0]!),
          series: order.map((r, i) => ({
            name: r,
            values: tbl.rows.map((row) => chartValue(row.cells[i]!)),
          })),
        },
      ],
      [],
    )
  })

const feedback = (s: SectionContext) =>
  Effect.gen(function* () {
    const gaps: Array<string> = []
    const tables: Array<Table> = []
    const charts: Array<Chart> = []
    const whyF = yield* missing(s, sources.feedback, s.months)
    if (whyF !== undefined) gaps.push(whyF)
    else {
      const f = yield* run(
        s,
        "feedback",
        "Feedback returns received in each month, by their category (local_record feedback)",
        sql`with ${windows(s.months)}
select p.k as k, coalesce(r.category, 'Not recorded') as g, count(*) as n
from p join local_record r on r.dataset = 'feedback' and r.la_code = ${s.ctx.laCode} and r.record_date >= p.p_start and r.record_date <= p.p_end
group by p.k, coalesce(r.category, 'Not recorded')`,
      )
      const t = pivot(s.months, f.rows, [], f.query)
      const ratings = yield* run(
        s,
        "feedback-rating",
        "Average overall rating (1 very poor – 5 excellent) of the feedback returns received in each month (local_record feedback value)",
        sql`with ${windows(s.months)}
select p.k as k, avg(r.value) as mean, count(r.value) as rated
from p left join local_record r on r.dataset = 'feedback' and r.la_code = ${s.ctx.laCode} and r.record_date >= p.p_start and r.record_date <= p.p_end
group by p.k`,
      )
      const rt = new Map(ratings.rows.map((r) => [String(r.k), r]))
      const tbl = table(
        "feedback",
        "Feedback received",
        "Month",
        [...t.columns, "Average rating (1–5)"],
        t.rows.map((r, i) => {
          const x = rt.get(s.months[i]!.key)
          return {
            ...r,
            cells: [
              ...r.cells,
              num(x?.rated) === 0
                ? measure(null, "decimal1", ratings.query, "[x]")
                : measure(Math.round(num(x?.mean) * 10) / 10, "decimal1", ratings.query),
            ],
          }
        }),
      )
      tables.push(tbl)
      charts.push({
        id: "feedback",
        title: "Feedback received",
        kind: "stacked",
        categories: categories(s.months),
        series: t.columns.slice(0, -1).map((x) => ({ name: x, values: column(tbl, x) })),
      })
    }
    const whyC = yield* missing(s, sources.carers, s.months)
    if (whyC !== undefined) gaps.push(whyC)
    else {
      const c = yield* run(
        s,
        "carers-registered",
        "Carers newly registered in each month, by source of registration (local_record carers-hub)",
        sql`with ${windows(s.months)}
select p.k as k, coalesce(r.source, 'Not recorded') as g, count(*) as n
from p join local_record r on r.dataset = 'carers-hub' and r.la_code = ${s.ctx.laCode} and r.record_date >= p.p_start and r.record_date <= p.p_end
group by p.k, coalesce(r.source, 'Not recorded')`,
      )
      const t = pivot(s.months, c.rows, [], c.query)
      const tbl = table("carers", "New carers registered", "Month", t.columns, t.rows)
      tables.push(tbl)
      charts.push({
        id: "carers",
        title: "New carers registered",
        kind: "bar",
        categories: categories(s.months),
        series: [{ name: "New carers", values: column(tbl, "Total") }],
      })
    }
    return section("feedback", tables, charts, gaps)
  })

/** The section builders, by id. */
export const builders: Readonly<
  Record<
    SectionId,
    (s: SectionContext) => Effect.Effect<Omit<Section, "commentary">, EtlError.WarehouseError>
  >
> = {
  contacts,
  waiting,
  reviews,
  assessments,
  services,
  safeguarding,
  dols,
  complaints,
  market,
  feedback,
}

/** `Value` → number for charts (suppressed and missing values are gaps). */
export const chartNumber = (v: Value.Value): number | null => (v._tag === "Available" ? v.value : null)
