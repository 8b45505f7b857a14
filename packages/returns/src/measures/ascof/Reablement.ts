/**
 * ASCOF 2A — the proportion of people who received reablement during the year, who previously were not receiving
 * services, where no further request was made for ongoing support — by DHSC's 2024-25-onward method, rule by rule:
 * DHSC ASC-CLD-LA-Dashboard `ASCOF_measures/Create_ASCOF_2A_2425_Onwards.sql` (the Release 2 version, commit
 * 280a89f), cited in the SQL below as `2A "…"` by the script's own section names.
 *
 * The unit counted is the reablement episode (an ST-Max cluster), not the person: DHSC counts `ST_Max_Cluster_ID`s.
 *
 * Ambiguities, decided and documented:
 * - DHSC breaks ties between rows with `Der_unique_record_id`; we use the warehouse `row_key` (deterministic, but not
 *   DHSC's order — it only matters for two versions of an event with the same dates and outcome rank).
 * - Event outcomes that are blank or invalid in the warehouse are null; DHSC's `COALESCE(…, 'Invalid and not mapped')`
 *   gives them hierarchy 999, which we reproduce.
 * - DHSC's R2 hierarchy (`REF_Event_Outcome_Hierarchy_R2`) is not in the repository; we use the order of
 *   `Cld.EventOutcome` (domain.md §3.3), which documents it.
 * - Open requests, assessments and reviews a later submission closed (`event.superseded`) are kept: DHSC's joined
 *   submissions keep both versions too (their unique-event key includes the end date).
 * - The script's "prior request" flag (a request in the 28 days before) is informational there and not computed.
 *
 * @category measures
 */
import { Cld } from "@asckit/core"
import type { EtlError, WarehouseReader } from "@asckit/etl"
import { type SQL, sql } from "drizzle-orm"
import { Effect } from "effect"
import * as Dialect from "../dialect.js"
import { type Context, list, lit, longTermTypes, num, ok, type Result, serviceHierarchy } from "./common.js"
import * as PersonDetails from "./PersonDetails.js"

const STMAX = "Short term support: ST-Max"

/** Outcomes that cannot be a sequel: their hierarchy gets +100 so usable outcomes win (2A "Pull through cleaned
 * event outcome"). */
export const unusableOutcomes: ReadonlyArray<string> = [
  "Continuation of support or services",
  "Progress to support planning or services",
  "Progress to assessment, review or reassessment",
  "Progress to reablement/ST-Max",
  "Release 1 specification only: Not mapped",
]

/** The event-outcome hierarchy as 2A uses it: DHSC rank (1–17), +100 when unusable, 999 for blank or invalid. */
export const outcomeHierarchy = (label: string | null): number => {
  if (label === null) return 999
  const i = (Cld.EventOutcome as ReadonlyArray<string>).indexOf(label)
  if (i < 0) return 999
  return unusableOutcomes.includes(label) ? i + 101 : i + 1
}

const hierarchySql = (column: SQL): SQL =>
  sql`case ${column} ${sql.join(
    Cld.EventOutcome.map((o) => sql`when ${lit(o)} then ${sql.raw(String(outcomeHierarchy(o)))}`),
    sql` `,
  )} else 999 end`

const labelOfHierarchy = (column: SQL): SQL =>
  sql`case ${column} ${sql.join(
    Cld.EventOutcome.map((o) => sql`when ${sql.raw(String(outcomeHierarchy(o)))} then ${lit(o)}`),
    sql` `,
  )} else 'Invalid and not mapped' end`

/** The final outcomes counted in the denominator (2A "Create final output tables": `Included_In_Denom`). */
export const denominatorOutcomes: ReadonlyArray<string> = [
  "Long term support: Community",
  "Long term support: Nursing care",
  "Long term support: Residential care",
  "Long term support: Prison",
  "Short term support: Ongoing low level",
  "Short term support: Other short term",
  "Short term support: Residential or Nursing care",
  "NFA: Information and advice or signposting",
  "NFA: Support ended as planned",
  "NFA: Responsibility moved to another local authority",
  "NFA: Other",
  "NFA: No services offered for other reason",
  "NFA: Support ended for other reason",
  "NFA: Referral to other service within the local authority",
]

/** The final outcomes counted in the numerator (`Included_In_Num`): the denominator's, less long-term support and
 * short-term residential or nursing care. */
export const numeratorOutcomes: ReadonlyArray<string> = [
  "Short term support: Ongoing low level",
  "Short term support: Other short term",
  "NFA: Information and advice or signposting",
  "NFA: Support ended as planned",
  "NFA: Responsibility moved to another local authority",
  "NFA: Other",
  "NFA: No services offered for other reason",
  "NFA: Support ended for other reason",
  "NFA: Referral to other service within the local authority",
]

/** Step 3's outcome of a service key (service hierarchy × 10 + 1 for short-term residential or nursing care, else 2). */
const serviceOutcomes: ReadonlyArray<readonly [number, string]> = [
  ...longTermTypes,
  STMAX,
  "Short term support: Ongoing low level",
  "Short term support: Other short term",
].flatMap((type, i) => [
  [
    (i + 1) * 10 + 1,
    type === "Short term support: Other short term"
      ? "Short term support: Residential or Nursing care"
      : type,
  ] as const,
  [(i + 1) * 10 + 2, type] as const,
])

const ST_RES_NURS = list(["Short term residential care", "Short term nursing care"])

/**
 * The episodes of the period with their final outcome (one row per ST-Max cluster): `person_id` (pseudonymised),
 * `cluster`, `episode_start`, `episode_end`, `outcome`, `step` (DHSC's `Sequel_Type`: 1, 2, 3, 4 — DHSC's 4a, 4b and
 * 4c —, 5, 6).
 *
 * One pipeline, its only joins through indexes: the ST-Max events are clustered with window functions; each episode
 * of the period looks up its person's details and the events it needs (`event_person` index); every sequel rule is
 * then a per-event flag aggregated per episode.
 */
export const episodesQuery = (ctx: Context): SQL => {
  const d = ctx.dialect
  const days = d.daysBetween
  const h = (column: SQL) => serviceHierarchy(column)
  return sql`with
-- 2A "Initial build table" and "Select ST-Max events": service users' ST-Max services with a valid end (or open:
-- 9999-01-01).
stmax as (
  select e.person_id, e.start_date, coalesce(e.derived_end_date, '9999-01-01') as end_date,
    coalesce(e.event_outcome, 'Invalid and not mapped') as event_outcome, ${hierarchySql(sql`e.event_outcome`)} as eoh,
    e.row_key as rid
  from event e
  where e.la_code = ${ctx.laCode} and e.event_type = 'Service' and e.service_type = ${lit(STMAX)}
    and e.client_type = 'Service user' and (e.derived_end_date is null or e.derived_end_date >= e.start_date)
),
-- 2A "Cluster ST-Max events together": an event no more than 7 days after the latest end so far, or overlapping it,
-- joins the cluster (DATEDIFF(DAY, Previous_End_Date, Event_Start_Date) <= 7).
prev as (
  select s.*, max(end_date) over (partition by person_id order by start_date, end_date, eoh, rid desc
    rows between unbounded preceding and 1 preceding) as prev_end
  from stmax s
),
clustered as (
  select p.*, sum(case when prev_end is not null and ${days(sql`prev_end`, sql`start_date`)} <= 7 then 0 else 1 end)
    over (partition by person_id order by start_date, end_date, eoh, rid desc rows between unbounded preceding and current row) as cluster
  from prev p
),
-- 2A step 3 of clustering: a cluster's outcome is the one on its latest-ending event, the hierarchy breaking ties.
clusters as (
  select person_id, cluster, c_start, c_end, event_outcome as c_eo, eoh as c_eoh from (
    select person_id, cluster, event_outcome, eoh,
      min(start_date) over (partition by person_id, cluster) as c_start,
      max(end_date) over (partition by person_id, cluster) as c_end,
      row_number() over (partition by person_id, cluster order by end_date desc, eoh, rid desc) as rn
    from clustered
  ) x where rn = 1
),
-- 2A "Select ST-Max events ending in the year", with the person's latest details.
in_period as (
  select c.*,
    ${PersonDetails.field(ctx, sql`c.person_id`, "birth_year")} as birth_year,
    ${PersonDetails.field(ctx, sql`c.person_id`, "birth_month")} as birth_month,
    ${PersonDetails.field(ctx, sql`c.person_id`, "date_of_death")} as dod
  from clusters c
  where c.c_end >= ${ctx.start} and c.c_end <= ${ctx.end}
),
-- 2A: "Exclude under 18s but include unknown ages" (age at the cluster end); "Exclude people who died before cluster
-- start date"; "Identify new clients": no long-term service that started before the cluster and ended fewer than
-- 91 days before it started, or is still open.
episodes as (
  select i.* from in_period i
  where (i.birth_year is null or i.birth_month is null or ${d.dhscAge(sql`i.birth_year`, sql`i.birth_month`, sql`i.c_end`)} >= 18)
    and (i.dod is null or i.dod >= i.c_start)
    and not exists (
      select 1 from event b
      where b.la_code = ${ctx.laCode} and b.person_id = i.person_id and b.event_type = 'Service'
        and b.service_type in ${list(longTermTypes)} and b.client_type = 'Service user'
        and (b.derived_end_date is null or b.derived_end_date >= b.start_date)
        and b.start_date < i.c_start
        and ${days(sql`coalesce(b.derived_end_date, '9999-01-01')`, sql`i.c_start`)} < 91
    )
),
-- 2A "Join ST-Max clusters to all other events for the same person": the episode's own ST-Max events (starting
-- within it) are left out; an episode with no other event keeps one row with no event (rid is null).
joined as (
  select e.person_id, e.cluster, e.c_start, e.c_end, e.c_eo, e.c_eoh, e.dod,
    b.event_type, b.start_date, coalesce(b.derived_end_date, '9999-01-01') as end_date, b.service_type,
    b.service_component, coalesce(b.event_outcome, 'Invalid and not mapped') as event_outcome,
    ${hierarchySql(sql`b.event_outcome`)} as eoh, b.row_key as rid
  from episodes e
  left join event b on b.la_code = ${ctx.laCode} and b.person_id = e.person_id and b.client_type = 'Service user'
    and (b.derived_end_date is null or b.derived_end_date >= b.start_date)
    and (b.event_type <> 'Service' or b.service_type is null or b.service_type <> ${lit(STMAX)}
      or b.start_date < e.c_start or b.start_date > e.c_end)
),
-- 2A "Prep steps 3 & 4": events that started in the episode or up to 7 days after it ended and run past its end
-- (the window), up to (not including) the first ST-Max among them; events nested in the episode (start in it, end
-- after its start, end by its end).
flagged as (
  select j.*,
    case when rid is not null and start_date >= c_start and end_date > c_end and ${days(sql`c_end`, sql`start_date`)} <= 7 then 1 else 0 end as w0,
    case when rid is not null and start_date >= c_start and end_date > c_start and end_date <= c_end then 1 else 0 end as nested
  from joined j
),
windowed as (
  select f.*,
    min(case when w0 = 1 and service_type = ${lit(STMAX)} then start_date end) over (partition by person_id, cluster) as first_stmax,
    max(case when nested = 1 and event_type in ('Assessment', 'Review') and ${days(sql`end_date`, sql`c_end`)} < 14 and eoh < 100 then end_date end)
      over (partition by person_id, cluster) as nested_ar_end
  from flagged f
),
in_window as (
  select w.*, case when w0 = 1 and (first_stmax is null or start_date < first_stmax) then 1 else 0 end as in_w from windowed w
),
per_episode as (
  select person_id, cluster, c_start, c_end, c_eo, c_eoh, dod,
    sum(in_w) as n_window,
    -- step 3: the highest service in the window (long term above short term; short-term residential or nursing
    -- care first within a type).
    min(case when in_w = 1 and ${h(sql`service_type`)} < 99
      then ${h(sql`service_type`)} * 10 + case when service_component in ${ST_RES_NURS} then 1 else 2 end end) as s3,
    -- step 4 (b): the episode's and later non-service events' outcomes in the window ("NFA: Support ended as
    -- planned" on a later event ignored); (c): the latest assessment or review nested in the episode and ending
    -- within 14 days of its end.
    min(case
      when in_w = 1 and event_type <> 'Service' and event_outcome <> 'NFA: Support ended as planned' and (c_eoh < 100 or eoh < 100)
        then case when eoh < c_eoh then eoh else c_eoh end
      when nested = 1 and event_type in ('Assessment', 'Review') and ${days(sql`end_date`, sql`c_end`)} < 14 and eoh < 100 and end_date = nested_ar_end
        then eoh
    end) as s4bc,
    -- step 5: equipment delivered during the episode.
    max(case when nested = 1 and event_type = 'Service' and service_component = 'Equipment' then 1 else 0 end) as s5
  from in_window
  group by person_id, cluster, c_start, c_end, c_eo, c_eoh, dod
),
-- step 4 (a): the episode's own outcome when nothing follows it in the window.
steps as (
  select p.*, case when n_window = 0 and c_eoh < 100 then c_eoh end as s4a from per_episode p
),
decided as (
  select s.*, case when s4a is null then s4bc when s4bc is null then s4a when s4a < s4bc then s4a else s4bc end as s4 from steps s
)
-- 2A steps 1–6 in order: death before or within 7 days of the end; "Admitted to hospital" on the episode; a service;
-- an outcome; equipment; else the episode's own outcome ("unable to classify").
select person_id, cluster, c_start as episode_start, c_end as episode_end,
  case
    when dod is not null and ${days(sql`c_end`, sql`dod`)} <= 7 then 'NFA: Deceased'
    when c_eo = 'Admitted to hospital' then c_eo
    when s3 is not null then case s3 ${sql.join(
      serviceOutcomes.map(([k, o]) => sql`when ${sql.raw(String(k))} then ${lit(o)}`),
      sql` `,
    )} end
    when s4 is not null then ${labelOfHierarchy(sql`s4`)}
    when s5 = 1 then 'Short term support: Ongoing low level'
    else c_eo
  end as outcome,
  case
    when dod is not null and ${days(sql`c_end`, sql`dod`)} <= 7 then '1'
    when c_eo = 'Admitted to hospital' then '2'
    when s3 is not null then '3'
    when s4 is not null then '4'
    when s5 = 1 then '5'
    else '6'
  end as step
from decided`
}

/** The 2A counts query: numerator and denominator over the episodes (2A "Summary table"). */
export const countsQuery = (ctx: Context): SQL => sql`select
  count(case when outcome in ${list(numeratorOutcomes)} then 1 end) as numerator,
  count(case when outcome in ${list(denominatorOutcomes)} then 1 end) as denominator,
  count(*) as episodes
from (${episodesQuery(ctx)}) final`

/** One reablement episode of the period and what followed it. */
export interface Episode {
  /** The person's pseudonymised id. */
  readonly personId: string
  readonly start: string
  readonly end: string
  /** The final outcome (DHSC `Final_Outcome`), Release 2 labels. */
  readonly outcome: string
  /** Which step found it: `1` death, `2` hospital, `3` service, `4` outcome, `5` equipment, `6` unable to classify. */
  readonly step: string
  readonly inNumerator: boolean
  readonly inDenominator: boolean
}

/** The period's reablement episodes of new clients with their outcomes (the rows behind 2A, for drill-down). */
export const episodes = (
  reader: WarehouseReader.Service,
  ctx: Context,
): Effect.Effect<ReadonlyArray<Episode>, EtlError.WarehouseError> =>
  Effect.map(
    reader.all<{
      person_id: string
      episode_start: string
      episode_end: string
      outcome: string
      step: string
    }>("ASCOF 2A episodes", sql`${episodesQuery(ctx)} order by person_id, c_start`),
    (rows) =>
      rows.map((r) => ({
        personId: r.person_id,
        start: r.episode_start,
        end: r.episode_end,
        outcome: r.outcome,
        step: r.step,
        inNumerator: numeratorOutcomes.includes(r.outcome),
        inDenominator: denominatorOutcomes.includes(r.outcome),
      })),
  )

/** ASCOF 2A for a council and period. */
export const compute = (
  reader: WarehouseReader.Service,
  ctx: Context,
): Effect.Effect<Result, EtlError.WarehouseError> => {
  const query = countsQuery(ctx)
  return Effect.map(
    reader.get<{ numerator: unknown; denominator: unknown; episodes: unknown }>("ASCOF 2A", query),
    (row) =>
      ok(
        ctx,
        "2A",
        { numerator: num(row?.numerator), denominator: num(row?.denominator) },
        `Reablement (ST-Max) episodes of new clients ending in the period, counted by episode (${num(row?.episodes)} episodes; ` +
          "those whose outcome was death, hospital, NHS-funded care, self-funding, declined support or unclassifiable are " +
          "in neither count). Method: DHSC ASC-CLD-LA-Dashboard Create_ASCOF_2A_2425_Onwards.sql.",
        "new clients' reablement episodes ending in the period whose sequel needed no further support / those with a counted sequel",
        Dialect.text(query),
      ),
  )
}
