/**
 * The measures the highlight report computes from the warehouse itself, for any set of windows (months, quarters or
 * years) in one set-based query each: the example local framework (`Catalogue.local`), the Safeguarding Adults
 * Collection counts and rates that need no population, and the DoLS measures. ASCOF measures come from
 * `measures/ascof`, `measures/survey` and `measures/other` (see `Ascof.ts`).
 *
 * Rules, decided here and documented (the package README repeats them):
 * - **Waiting lists** (`work_item`): an item waits at a month end when it entered the tray on or before that day and
 *   was neither allocated nor closed by it; people are counted once (an item without a person counts alone). The
 *   median wait is over waiting items, in whole days from entering the tray to the month end (a median, as the
 *   catalogue says, not a mean).
 * - **Overdue reviews** (CLD `event`): people in long-term support at the month end (a long-term service open that
 *   day) whose last completed review (any reason, end date on or before the month end) — or, with none, the start of
 *   their earliest long-term service open that day — is more than 12 months before the month end (Local catalogue
 *   OVERDUE-REVIEWS; the Care Act guidance's "at least every 12 months" [U]). `event.due_date` is not used: CLD does
 *   not carry it, and one rule for every source keeps months comparable.
 * - **Contacts resolved at first contact**: outcome `resolved-equipment` or `resolved-other` (the LAS source's
 *   contact outcome list) over all contacts received in the window.
 * - **Assessments completed**: needs assessments of service users (CLD client type) ending in the window; carers'
 *   assessments are counted in the assessments section, not here.
 * - **DoLS awaiting allocation**: applications received, not signed off and with no assessment done by the month end
 *   (`last_assessment_date` empty or later). The DoLS collection has no allocation date, so "no assessment yet"
 *   stands for "not allocated" [P]. Withdrawn applications with no sign-off date are left out: their end is unknown.
 * - **Complaints**: outcome classes read from the log's text (`not upheld`, `part…`, `upheld`, `withdrawn`); the
 *   upheld rate is (upheld + partly upheld) / (upheld + partly + not upheld) of complaints closed in the window —
 *   withdrawn complaints have no finding, so they are left out of both [ambiguous: the catalogue says "complaints
 *   closed"]. Within 20 working days: the response (`end_date`) on or before the 20th working day after receipt
 *   (`record_date`), England and Wales bank holidays excluded (`@asckit/core` `WorkingDays`).
 * - **Progression model trained**: `training` records whose category mentions "progression", summing their value
 *   (default 1).
 *
 * @category measures
 */
import { LocalDate, type Measure, Outcome, Rounding, Value, WorkingDays } from "@asckit/core"
import type { EtlError } from "@asckit/etl"
import { type SQL, sql } from "drizzle-orm"
import { Effect } from "effect"
import * as Ascof from "../measures/ascof/index.js"
import {
  type Ctx,
  complaintClass,
  longTermOpenOn,
  num,
  type Source,
  sources,
  text,
  type Window,
  windows,
} from "./Sql.js"

/** A window's counts: a numerator, and a denominator or a median where the measure has one. */
export interface Counts {
  readonly numerator: number
  readonly denominator?: number
  readonly median?: number
}

/** A computed series: each window's value, and the query behind it. */
export interface Computed {
  readonly values: ReadonlyMap<string, Value.Value>
  readonly description: string
  readonly sql: string
}

/** How a measure is computed from the warehouse. */
export interface Computation {
  /** The source table (its coverage decides which windows can have a value). */
  readonly source: Source
  readonly description: string
  /** One query for all windows, returning rows `{ k, n, d?, m? }`. */
  readonly query?: (ctx: Ctx, ws: ReadonlyArray<Window>) => Effect.Effect<SQL, EtlError.WarehouseError>
  /** Or a computation window by window (the reablement rules of ASCOF 2A). */
  readonly perWindow?: (
    ctx: Ctx,
    w: Window,
    measure: Measure.Measure,
  ) => Effect.Effect<{ value: Value.Value; sql: string }, EtlError.WarehouseError>
}

const q = (f: (ctx: Ctx, ws: ReadonlyArray<Window>) => SQL) => (ctx: Ctx, ws: ReadonlyArray<Window>) =>
  Effect.succeed(f(ctx, ws))

// ---------------------------------------------------------------------------------------------------------------
// the queries

const waiting = (type: string) =>
  q(
    (ctx, ws) => sql`with ${windows(ws)}
select p.k as k, count(distinct coalesce(w.person_id, w.item_id)) as n
from p left join work_item w on w.la_code = ${ctx.laCode} and w.work_type = ${type}
  and w.entered_date <= p.p_end
  and (w.allocated_date is null or w.allocated_date > p.p_end)
  and (w.closed_date is null or w.closed_date > p.p_end)
group by p.k`,
  )

const waitingMedian = (type: string) =>
  q(
    (ctx, ws) => sql`with ${windows(ws)},
waits as (
  select p.k as k, ${ctx.dialect.daysBetween(sql`w.entered_date`, sql`p.p_end`)} as days
  from p join work_item w on w.la_code = ${ctx.laCode} and w.work_type = ${type}
    and w.entered_date <= p.p_end
    and (w.allocated_date is null or w.allocated_date > p.p_end)
    and (w.closed_date is null or w.closed_date > p.p_end)
),
ranked as (
  select k, days, row_number() over (partition by k order by days) as rn, count(*) over (partition by k) as c from waits
)
select k, avg(days) as m, max(c) as d from ranked where rn = (c + 1) / 2 or rn = (c + 2) / 2 group by k`,
  )

const overdueReviews = q(
  (ctx, ws) => sql`with ${windows(ws)},
lts as (
  select p.k as k, p.p_end as p_end, p.p_cut as p_cut, e.person_id as person_id, min(e.start_date) as support_start
  from p join event e on e.la_code = ${ctx.laCode} and ${longTermOpenOn(sql`p.p_end`)}
  group by p.k, p.p_end, p.p_cut, e.person_id
),
reviewed as (
  select l.k as k, l.person_id as person_id, max(r.end_date) as last_review
  from lts l join event r on r.la_code = ${ctx.laCode} and r.person_id = l.person_id
    and r.event_type = 'Review' and r.end_date is not null and r.end_date <= l.p_end
  group by l.k, l.person_id
)
select l.k as k,
  sum(case when coalesce(v.last_review, l.support_start) < l.p_cut then 1 else 0 end) as n,
  count(*) as d
from lts l left join reviewed v on v.k = l.k and v.person_id = l.person_id
group by l.k`,
)

const dolsAwaiting = q(
  (ctx, ws) => sql`with ${windows(ws)}
select p.k as k, count(d.application_ref) as n
from p left join dols_application d on d.la_code = ${ctx.laCode} and d.received_date <= p.p_end
  and (d.signed_off_date is null or d.signed_off_date > p.p_end)
  and not (d.status = 'withdrawn' and d.signed_off_date is null)
  and (d.last_assessment_date is null or d.last_assessment_date > p.p_end)
group by p.k`,
)

const firstContact = q(
  (ctx, ws) => sql`with ${windows(ws)}
select p.k as k, sum(case when c.outcome like 'resolved%' then 1 else 0 end) as n, count(c.contact_id) as d
from p left join contact c on c.la_code = ${ctx.laCode} and c.contact_date >= p.p_start and c.contact_date <= p.p_end
group by p.k`,
)

const assessmentsCompleted = q(
  (ctx, ws) => sql`with ${windows(ws)}
select p.k as k, count(e.person_id) as n
from p left join event e on e.la_code = ${ctx.laCode} and e.event_type = 'Assessment'
  and (e.client_type is null or e.client_type = 'Service user')
  and e.end_date >= p.p_start and e.end_date <= p.p_end
group by p.k`,
)

const ltsClients = q(
  (ctx, ws) => sql`with ${windows(ws)}
select p.k as k, count(distinct e.person_id) as n
from p left join event e on e.la_code = ${ctx.laCode} and ${longTermOpenOn(sql`p.p_end`)}
group by p.k`,
)

const concerns = q(
  (ctx, ws) => sql`with ${windows(ws)}
select p.k as k, count(c.concern_id) as n
from p left join safeguarding_concern c on c.la_code = ${ctx.laCode}
  and c.received_date >= p.p_start and c.received_date <= p.p_end
group by p.k`,
)

const enquiriesStarted = (kind: "s42" | "other" | "both", per: "concerns" | "enquiries" | "none") =>
  q((ctx, ws) => {
    const counted =
      kind === "both"
        ? sql`count(s.enquiry_id)`
        : sql`sum(case when s.enquiry_type = ${kind} then 1 else 0 end)`
    const base =
      per === "concerns"
        ? sql`(select count(*) from safeguarding_concern c where c.la_code = ${ctx.laCode} and c.received_date >= p.p_start and c.received_date <= p.p_end)`
        : per === "enquiries"
          ? sql`count(s.enquiry_id)`
          : sql`null`
    return sql`with ${windows(ws)}
select p.k as k, ${counted} as n, ${base} as d
from p left join safeguarding_enquiry s on s.la_code = ${ctx.laCode}
  and s.start_date >= p.p_start and s.start_date <= p.p_end
group by p.k, p.p_start, p.p_end`
  })

const mspAsked = q(
  (ctx, ws) => sql`with ${windows(ws)}
select p.k as k, sum(case when s.msp_asked like 'Yes%' then 1 else 0 end) as n, count(s.enquiry_id) as d
from p left join safeguarding_enquiry s on s.la_code = ${ctx.laCode} and s.enquiry_type = 's42'
  and s.concluded_date >= p.p_start and s.concluded_date <= p.p_end
group by p.k`,
)

const mspAchieved = (counted: ReadonlyArray<string>) =>
  q(
    (ctx, ws) => sql`with ${windows(ws)}
select p.k as k,
  sum(case when s.msp_achieved in (${sql.join(
    counted.map((c) => sql`${c}`),
    sql`, `,
  )}) then 1 else 0 end) as n,
  count(s.enquiry_id) as d
from p left join safeguarding_enquiry s on s.la_code = ${ctx.laCode} and s.enquiry_type = 's42'
  and s.concluded_date >= p.p_start and s.concluded_date <= p.p_end
  and s.msp_achieved in ('Fully achieved', 'Partially achieved', 'Not achieved')
group by p.k`,
  )

const localCount = (dataset: string, options: { category?: string; sum?: boolean } = {}) =>
  q(
    (ctx, ws) => sql`with ${windows(ws)}
select p.k as k, ${options.sum ? sql`coalesce(sum(coalesce(r.value, 1)), 0)` : sql`count(r.record_id)`} as n
from p left join local_record r on r.dataset = ${dataset} and r.la_code = ${ctx.laCode}
  and r.record_date >= p.p_start and r.record_date <= p.p_end${
    options.category === undefined
      ? sql``
      : sql` and lower(coalesce(r.category, '')) like ${`%${options.category.toLowerCase()}%`}`
  }
group by p.k`,
  )

const complaintsUpheld = q(
  (ctx, ws) => sql`with ${windows(ws)},
closed as (
  select p.k as k, ${complaintClass(sql`r.outcome`)} as class
  from p join local_record r on r.dataset = 'complaints' and r.la_code = ${ctx.laCode}
    and r.end_date >= p.p_start and r.end_date <= p.p_end
)
select p.k as k,
  sum(case when c.class in ('upheld', 'partly') then 1 else 0 end) as n,
  sum(case when c.class in ('upheld', 'partly', 'not') then 1 else 0 end) as d
from p left join closed c on c.k = p.k
group by p.k`,
)

/** Each receipt date's 20-working-day deadline, from the first receipt of the complaints answered in the windows. */
const deadlines = (ctx: Ctx, ws: ReadonlyArray<Window>, days: number) =>
  Effect.map(
    ctx.reader.get<{ first: string | null }>(
      "complaints: first receipt answered in the windows",
      sql`select min(record_date) as first from local_record where dataset = 'complaints' and la_code = ${ctx.laCode}
        and end_date >= ${ws[0]!.start} and end_date <= ${ws.at(-1)!.end}`,
    ),
    (r) => {
      const first = (r?.first ?? ws[0]!.start) as LocalDate.LocalDate
      const last = ws.at(-1)!.end
      const rows: Array<SQL> = []
      for (let d = first; d <= last; d = LocalDate.addDays(d, 1))
        rows.push(sql`(${d}, ${WorkingDays.addWorkingDays(d, days)})`)
      return sql`due (received, due) as (values ${sql.join(rows, sql`, `)})`
    },
  )

const complaintsOnTime = (ctx: Ctx, ws: ReadonlyArray<Window>) =>
  Effect.map(
    deadlines(ctx, ws, 20),
    (due) => sql`with ${windows(ws)}, ${due}
select p.k as k, sum(case when r.end_date <= due.due then 1 else 0 end) as n, count(r.record_id) as d
from p left join local_record r on r.dataset = 'complaints' and r.la_code = ${ctx.laCode}
  and r.end_date >= p.p_start and r.end_date <= p.p_end
left join due on due.received = r.record_date
group by p.k`,
  )

const dolsReceived = (urgentShare: boolean) =>
  q(
    (ctx, ws) => sql`with ${windows(ws)}
select p.k as k, ${urgentShare ? sql`sum(case when d.urgent = 1 then 1 else 0 end)` : sql`count(d.application_ref)`} as n,
  count(d.application_ref) as d
from p left join dols_application d on d.la_code = ${ctx.laCode}
  and d.received_date >= p.p_start and d.received_date <= p.p_end
group by p.k`,
  )

/** Completed = signed off (granted or not granted) in the window. */
const dolsCompleted = (what: "count" | "granted" | "within21" | "meanDays") =>
  q((ctx, ws) => {
    const days = ctx.dialect.daysBetween(sql`d.received_date`, sql`d.signed_off_date`)
    const standard = sql`(d.urgent is null or d.urgent = 0)`
    const [n, den] =
      what === "count"
        ? [sql`count(d.application_ref)`, sql`null`]
        : what === "granted"
          ? [sql`sum(case when d.status = 'granted' then 1 else 0 end)`, sql`count(d.application_ref)`]
          : what === "within21"
            ? [
                sql`sum(case when ${standard} and ${days} <= 21 then 1 else 0 end)`,
                sql`sum(case when ${standard} then 1 else 0 end)`,
              ]
            : [sql`coalesce(sum(${days}), 0)`, sql`count(d.application_ref)`]
    return sql`with ${windows(ws)}
select p.k as k, ${n} as n, ${den} as d
from p left join dols_application d on d.la_code = ${ctx.laCode} and d.status in ('granted', 'not-granted')
  and d.signed_off_date >= p.p_start and d.signed_off_date <= p.p_end
group by p.k`
  })

const dolsNotCompleted = q(
  (ctx, ws) => sql`with ${windows(ws)}
select p.k as k, count(d.application_ref) as n
from p left join dols_application d on d.la_code = ${ctx.laCode} and d.received_date <= p.p_end
  and (d.signed_off_date is null or d.signed_off_date > p.p_end)
  and not (d.status = 'withdrawn' and d.signed_off_date is null)
group by p.k`,
)

/** The local in-year version of ASCOF 2A: the 2A rules on reablement episodes ending in each window. */
const reablement: Computation["perWindow"] = (ctx, w, measure) =>
  Effect.map(
    Ascof.Reablement.compute(ctx.reader, {
      laCode: ctx.laCode,
      period: w.period,
      start: w.start,
      end: w.end,
      dialect: ctx.dialect,
    }),
    (r) => ({
      value:
        r.status === "ok"
          ? toValue(measure, { numerator: r.numerator ?? 0, denominator: r.denominator ?? 0 })
          : r.value,
      sql: r.sql,
    }),
  )

// ---------------------------------------------------------------------------------------------------------------
// the registry

/** How each measure the report computes itself is computed, by catalogue id. */
export const computations: Readonly<Record<string, Computation>> = {
  "LOCAL:NA-WAITING-LIST": {
    source: sources.work,
    description: "People waiting for a needs assessment at each month end (work_item, needs-assessment)",
    query: waiting("needs-assessment"),
  },
  "LOCAL:NA-MEDIAN-DAYS": {
    source: sources.work,
    description: "Median whole days waited by needs-assessment items waiting at each month end (work_item)",
    query: waitingMedian("needs-assessment"),
  },
  "LOCAL:OT-WAITING-LIST": {
    source: sources.work,
    description:
      "People waiting for an occupational therapy assessment at each month end (work_item, ot-assessment)",
    query: waiting("ot-assessment"),
  },
  "LOCAL:OVERDUE-REVIEWS": {
    source: sources.cld,
    description:
      "People in long-term support at each month end whose last completed review (or, with none, the start of " +
      "their support) is more than 12 months old (CLD events)",
    query: overdueReviews,
  },
  "LOCAL:DOLS-AWAITING-ALLOCATION": {
    source: sources.dols,
    description: "DoLS applications active at each month end with no assessment done yet (dols_application)",
    query: dolsAwaiting,
  },
  "LOCAL:FIRST-CONTACT-RESOLUTION": {
    source: sources.contact,
    description:
      "Contacts received resolved at first contact (outcome resolved-*) / all contacts received (contact)",
    query: firstContact,
  },
  "LOCAL:ST-NO-FURTHER-REQUEST": {
    source: sources.cld,
    description:
      "ASCOF 2A's rules (new clients, reablement episodes, sequels; measures/ascof Reablement) on episodes ending in " +
      "each quarter",
    perWindow: reablement,
  },
  "LOCAL:ASSESSMENTS-COMPLETED": {
    source: sources.cld,
    description: "Needs assessments of service users ending in each month (CLD events)",
    query: assessmentsCompleted,
  },
  "LOCAL:LTS-CLIENTS": {
    source: sources.cld,
    description: "People with a long-term service open on the last day of each month (CLD events)",
    query: ltsClients,
  },
  "LOCAL:SAFEGUARDING-CONCERNS": {
    source: sources.concern,
    description: "Safeguarding concerns received in each month (safeguarding_concern)",
    query: concerns,
  },
  "LOCAL:MSP-ASKED": {
    source: sources.enquiry,
    description:
      "Concluded s42 enquiries where the person was asked about desired outcomes / all concluded s42",
    query: mspAsked,
  },
  "LOCAL:MSP-OUTCOMES-MET": {
    source: sources.enquiry,
    description:
      "Concluded s42 enquiries with outcomes fully or partly achieved / fully + partly + not achieved",
    query: mspAchieved(["Fully achieved", "Partially achieved"]),
  },
  "LOCAL:NEW-CARERS": {
    source: sources.carers,
    description: "Carers registered in each month (local_record carers-hub)",
    query: localCount("carers-hub"),
  },
  "LOCAL:FEEDBACK-RECEIVED": {
    source: sources.feedback,
    description: "Feedback returns received in each quarter (local_record feedback)",
    query: localCount("feedback"),
  },
  "LOCAL:COMPLAINTS-UPHELD": {
    source: sources.complaints,
    description:
      "Complaints closed upheld or partly upheld / closed with a finding (local_record complaints)",
    query: complaintsUpheld,
  },
  "LOCAL:COMPLAINTS-ON-TIME": {
    source: sources.complaints,
    description:
      "Complaints answered within 20 working days of receipt (England and Wales bank holidays excluded) / complaints " +
      "answered (local_record complaints)",
    query: complaintsOnTime,
  },
  "LOCAL:COMPLIMENTS": {
    source: sources.compliments,
    description: "Compliments received in each quarter (local_record compliments)",
    query: localCount("compliments"),
  },
  "LOCAL:PROGRESSION-MODEL-TRAINED": {
    source: sources.training,
    description:
      "People trained in the progression model in each quarter (local_record training, summed values)",
    query: localCount("training", { category: "progression", sum: true }),
  },
  "SAC:CONCERNS": {
    source: sources.concern,
    description: "Safeguarding concerns received (safeguarding_concern)",
    query: concerns,
  },
  "SAC:S42-ENQUIRIES": {
    source: sources.enquiry,
    description: "Section 42 enquiries started (safeguarding_enquiry)",
    query: enquiriesStarted("s42", "none"),
  },
  "SAC:OTHER-ENQUIRIES": {
    source: sources.enquiry,
    description: "Other enquiries started (safeguarding_enquiry)",
    query: enquiriesStarted("other", "none"),
  },
  "SAC:CONVERSION-RATE": {
    source: sources.enquiry,
    description: "(s42 + other enquiries started) / concerns received",
    query: enquiriesStarted("both", "concerns"),
  },
  "SAC:CONVERSION-RATE-S42": {
    source: sources.enquiry,
    description: "s42 enquiries started / concerns received",
    query: enquiriesStarted("s42", "concerns"),
  },
  "SAC:S42-PROPORTION": {
    source: sources.enquiry,
    description: "s42 enquiries / (s42 + other enquiries) started",
    query: enquiriesStarted("s42", "enquiries"),
  },
  "SAC:MSP-ASKED": {
    source: sources.enquiry,
    description:
      "Concluded s42 enquiries where the person was asked about desired outcomes / all concluded s42",
    query: mspAsked,
  },
  "SAC:MSP-FULLY-ACHIEVED": {
    source: sources.enquiry,
    description: "Concluded s42 enquiries with outcomes fully achieved / fully + partly + not achieved",
    query: mspAchieved(["Fully achieved"]),
  },
  "SAC:MSP-ACHIEVED": {
    source: sources.enquiry,
    description:
      "Concluded s42 enquiries with outcomes fully or partly achieved / fully + partly + not achieved",
    query: mspAchieved(["Fully achieved", "Partially achieved"]),
  },
  "DoLS:APPLICATIONS-RECEIVED": {
    source: sources.dols,
    description: "DoLS applications received (dols_application)",
    query: dolsReceived(false),
  },
  "DoLS:APPLICATIONS-COMPLETED": {
    source: sources.dols,
    description: "DoLS applications signed off, granted or not granted (dols_application)",
    query: dolsCompleted("count"),
  },
  "DoLS:NOT-COMPLETED": {
    source: sources.dols,
    description: "DoLS applications received and not signed off at the end of the window (dols_application)",
    query: dolsNotCompleted,
  },
  "DoLS:COMPLETED-WITHIN-21-DAYS": {
    source: sources.dols,
    description:
      "Standard applications signed off within 21 days of receipt / standard applications signed off",
    query: dolsCompleted("within21"),
  },
  "DoLS:MEAN-DAYS-TO-COMPLETE": {
    source: sources.dols,
    description: "Days from receipt to sign-off, summed / applications signed off",
    query: dolsCompleted("meanDays"),
  },
  "DoLS:URGENT-SHARE": {
    source: sources.dols,
    description: "Applications received with an urgent authorisation / applications received",
    query: dolsReceived(true),
  },
  "DoLS:GRANTED": {
    source: sources.dols,
    description: "Applications signed off as granted / applications signed off",
    query: dolsCompleted("granted"),
  },
}

/** Measures of the local framework the report cannot compute, and why (a stated reason, never a blank). */
export const notComputed: Readonly<Record<string, string>> = {
  "LOCAL:AT-HOME-91-DAYS":
    "not computed by the highlight report: it needs hospital discharges linked to reablement and residence 91 days " +
    "later; ASCOF 2D(1) (12 weeks, CLD linked to hospital episodes) is the computed equivalent",
  "LOCAL:EASY-TO-FIND-INFO":
    "asckit has no source for a local survey yet; ASCOF 3C(1) is the national equivalent from the ASCS",
  "LOCAL:SOCIAL-CONTACT":
    "asckit has no source for a local survey yet; ASCOF 5A(1) is the national equivalent from the ASCS",
}

/** A window's value from its counts, by the measure's unit (a median for the median measures). */
export const toValue = (measure: Measure.Measure, c: Counts): Value.Value => {
  if (c.median !== undefined) {
    return c.denominator === 0
      ? Value.notApplicable("nobody was waiting")
      : Value.available(Rounding.roundHalfAwayFromZero(c.median, measure.decimals), undefined, c.denominator)
  }
  if (measure.unit === "count") return Outcome.compute(measure, { numerator: c.numerator })
  const denominator = c.denominator ?? 0
  if (denominator === 0)
    return Value.notAvailable(`nothing to divide by in this period (${measure.denominator ?? ""})`)
  return Outcome.compute(measure, { numerator: c.numerator, denominator })
}

/** Runs a computation's query over the windows: the counts of each window that has a row. */
export const run = (
  ctx: Ctx,
  measure: Measure.Measure,
  computation: Computation,
  ws: ReadonlyArray<Window>,
): Effect.Effect<Computed, EtlError.WarehouseError> =>
  Effect.gen(function* () {
    if (ws.length === 0) return { values: new Map(), description: computation.description, sql: "" }
    if (computation.perWindow !== undefined) {
      const values = new Map<string, Value.Value>()
      let last = ""
      for (const w of ws) {
        const r = yield* computation.perWindow(ctx, w, measure)
        values.set(w.key, r.value)
        last = r.sql
      }
      return { values, description: computation.description, sql: last }
    }
    const query = yield* computation.query!(ctx, ws)
    const rows = yield* ctx.reader.all<{ k: string; n: unknown; d?: unknown; m?: unknown }>(measure.id, query)
    const values = new Map<string, Value.Value>()
    const isMedian = measure.id.endsWith("MEDIAN-DAYS")
    for (const r of rows) {
      const counts: Counts = {
        numerator: num(r.n),
        ...(r.d === undefined || r.d === null ? {} : { denominator: num(r.d) }),
        ...(isMedian ? { median: num(r.m), denominator: num(r.d) } : {}),
      }
      values.set(String(r.k), toValue(measure, counts))
    }
    // A median window with nobody waiting has no row: say so.
    for (const w of ws)
      if (!values.has(w.key))
        values.set(
          w.key,
          toValue(measure, { numerator: 0, denominator: 0, ...(isMedian ? { median: 0 } : {}) }),
        )
    return { values, description: computation.description, sql: text(query) }
  })
