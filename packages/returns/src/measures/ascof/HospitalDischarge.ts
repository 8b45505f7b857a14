/**
 * ASCOF 2D — people aged 65 and over discharged from hospital into reablement: 2D(1) the proportion who remained in
 * the community within 12 weeks (84 days) of discharge, 2D(2) the proportion of all qualifying discharges who went
 * into reablement — by DHSC's method: DHSC ASC-CLD-LA-Dashboard `ASCOF_measures/Create_ASCOF_2D.sql`, cited below as
 * "2D stage n" by the script's stages. It needs a hospital-discharge (SUS-like) extract in `hospital_episode`;
 * without one the measures are not available.
 *
 * Ambiguities, decided and documented:
 * - The extract is one row per hospital spell's last episode (DHSC filters SUS on `APCS_Last_Ep_Ind = 1`), the age
 *   is the age at discharge the extract gives (DHSC derives it from SUS birth month and year), and the council is
 *   the extract's (DHSC maps the patient's LSOA to the council).
 * - DHSC's code filters discharges with `NOT IN (…)`, which under SQL's three-valued logic also drops a discharge
 *   whose admission method, discharge method, destination or treatment function is blank; we keep that as written.
 * - DHSC runs 2D three months behind the other measures, so that every discharge has its 84 days of follow-up; we
 *   compute it for the period asked and say in the note when the loaded data do not yet cover the follow-up.
 *
 * @category measures
 */
import { LocalDate } from "@asckit/core"
import type { EtlError, WarehouseReader } from "@asckit/etl"
import { type SQL, sql } from "drizzle-orm"
import { Effect } from "effect"
import * as Dialect from "../dialect.js"
import { type Context, list, notAvailable, num, ok, type Result } from "./common.js"
import * as PersonDetails from "./PersonDetails.js"

/** Admission methods excluded (2D stage 2). */
export const excludedAdmissionMethods: ReadonlyArray<string> = ["31", "32", "82", "83"]
/** Discharge methods excluded: died, stillbirth (2D stage 2). */
export const excludedDischargeMethods: ReadonlyArray<string> = ["4", "5"]
/** Discharge destinations excluded (2D stage 2). */
export const excludedDestinations: ReadonlyArray<string> = ["49", "50", "51", "52", "79", "87", "88"]
/** Treatment functions excluded (2D stage 2), besides any starting 65 or 7 (mental health, learning disability). */
export const excludedTreatmentFunctions: ReadonlyArray<string> = [
  "199",
  "223",
  "290",
  "291",
  "331",
  "344",
  "345",
  "346",
  "424",
  "499",
  "501",
  "504",
  "560",
  "660",
  "661",
  "662",
  "840",
  "920",
]

/**
 * DHSC's qualifying discharge (2D stage 2), for a row of `hospital_episode` aliased `h`: aged 65+ at discharge,
 * discharged in the period, none of the excluded admission methods, discharge methods, destinations or treatment
 * functions, admitted since CLD began (1 April 2023) and before the discharge, and not in long-term nursing,
 * residential or prison support when admitted.
 */
const qualifying = (ctx: Context): SQL => sql`h.la_code = ${ctx.laCode} and h.age_at_discharge >= 65
    and h.admission_method not in ${list(excludedAdmissionMethods)}
    and h.discharge_method not in ${list(excludedDischargeMethods)}
    and h.discharge_destination not in ${list(excludedDestinations)}
    and h.treatment_function not in ${list(excludedTreatmentFunctions)}
    and h.treatment_function not like '65%' and h.treatment_function not like '7%'
    and h.admission_date >= '2023-04-01' and h.admission_date < h.discharge_date
    and h.discharge_date >= ${ctx.start} and h.discharge_date <= ${ctx.end}
    and not exists (
      select 1 from event l
      where l.la_code = ${ctx.laCode} and l.person_id = h.person_id and l.event_type = 'Service'
        and l.client_type = 'Service user' and (l.derived_end_date is null or l.derived_end_date >= l.start_date)
        and l.service_type in ${list(["Long term support: Nursing care", "Long term support: Residential care", "Long term support: Prison"])}
        and h.admission_date >= l.start_date and h.admission_date <= coalesce(l.derived_end_date, '9999-01-01')
        and (${PersonDetails.field(ctx, sql`l.person_id`, "date_of_death")} is null
          or ${PersonDetails.field(ctx, sql`l.person_id`, "date_of_death")} >= ${ctx.start})
    )`

/** The 2D counts: qualifying discharges, discharges into reablement, and those who remained in the community. */
export const countsQuery = (ctx: Context): SQL => {
  const d = ctx.dialect
  return sql`with
-- 2D stage 1: service users' reablement (ST-Max services with a reablement component), a valid end or open
-- (9999-01-01), clustered as in 2A (≤ 7 days apart; DHSC also orders by outcome rank, which cannot change which
-- cluster an event joins).
reab as (
  select e.person_id, e.start_date, coalesce(e.derived_end_date, '9999-01-01') as end_date, e.row_key as rid
  from event e
  where e.la_code = ${ctx.laCode} and e.client_type = 'Service user' and e.event_type = 'Service'
    and e.service_type = 'Short term support: ST-Max' and e.service_component = 'Reablement'
    and (e.derived_end_date is null or e.derived_end_date >= e.start_date)
),
prev as (
  select r.*, max(end_date) over (partition by person_id order by start_date, end_date, rid desc
    rows between unbounded preceding and 1 preceding) as prev_end
  from reab r
),
clustered as (
  select p.*, sum(case when prev_end is not null and ${d.daysBetween(sql`prev_end`, sql`start_date`)} <= 7 then 0 else 1 end)
    over (partition by person_id order by start_date, end_date, rid desc rows between unbounded preceding and current row) as cluster
  from prev p
),
clusters as (
  select person_id, cluster, min(start_date) as c_start, max(end_date) as c_end from clustered group by person_id, cluster
),
-- 2D stage 1: people who died before the period are left out; the date of death comes from the latest details.
live as (
  select c.*, ${PersonDetails.field(ctx, sql`c.person_id`, "date_of_death")} as dod from clusters c
),
-- 2D stage 3 (part 1 denominator, part 2 numerator): a qualifying discharge from 7 days before to 3 days after a
-- reablement cluster starts (admitted by its start); the latest such discharge is the cluster's.
linked as (
  select c.person_id, c.cluster, c.c_start, c.dod, h.discharge_date,
    max(h.discharge_date) over (partition by c.person_id, c.cluster) as latest_discharge
  from live c
  join hospital_episode h on h.la_code = ${ctx.laCode} and h.person_id = c.person_id
    and h.discharge_date >= ${d.addDays(sql`c.c_start`, -7)} and h.discharge_date <= ${d.addDays(sql`c.c_start`, 3)}
  where (c.dod is null or c.dod >= ${ctx.start}) and h.admission_date <= c.c_start and ${qualifying(ctx)}
),
-- 2D stage 4 (part 1 numerator): within 84 days of the discharge, an emergency readmission (after both the
-- discharge and the reablement start), a death, or a new long-term residential or nursing service.
outcomes as (
  select r.person_id, r.cluster,
    case when exists (
      select 1 from hospital_episode a
      where a.la_code = ${ctx.laCode} and a.person_id = r.person_id and a.admission_date < a.discharge_date
        and a.management_type in ('EM', 'NE') and a.discharge_method not in ('5') and a.admission_date >= ${ctx.start}
        and a.admission_date > r.c_start and a.admission_date > r.discharge_date
        and a.admission_date <= ${d.addDays(sql`r.discharge_date`, 84)}
    ) then 1 else 0 end as readmitted,
    case when r.dod is not null and r.dod >= r.discharge_date and r.dod <= ${d.addDays(sql`r.discharge_date`, 84)} then 1 else 0 end as died,
    case when exists (
      select 1 from event l
      where l.la_code = ${ctx.laCode} and l.person_id = r.person_id and l.event_type = 'Service'
        and l.client_type = 'Service user' and (l.derived_end_date is null or l.derived_end_date >= l.start_date)
        and l.service_type in ${list(["Long term support: Residential care", "Long term support: Nursing care"])}
        and l.start_date >= r.discharge_date and l.start_date <= ${d.addDays(sql`r.discharge_date`, 84)}
    ) then 1 else 0 end as care_home
  from linked r
  where r.discharge_date = r.latest_discharge
),
per_cluster as (
  select person_id, cluster, max(readmitted) as readmitted, max(died) as died, max(care_home) as care_home
  from outcomes group by person_id, cluster
)
select
  (select count(*) from per_cluster) as into_reablement,
  (select count(*) from per_cluster where readmitted = 0 and died = 0 and care_home = 0) as remained,
  (select count(*) from per_cluster where readmitted = 1) as readmitted,
  (select count(*) from per_cluster where died = 1) as died,
  (select count(*) from per_cluster where care_home = 1) as care_home,
  (select count(distinct h.episode_id) from hospital_episode h where ${qualifying(ctx)}) as discharges`
}

/** ASCOF 2D(1) and 2D(2) for a council and period; not available when no hospital-discharge data are loaded. */
export const compute = (
  reader: WarehouseReader.Service,
  ctx: Context,
): Effect.Effect<readonly [Result, Result], EtlError.WarehouseError> =>
  Effect.gen(function* () {
    const query = countsQuery(ctx)
    const text = Dialect.text(query)
    const loaded = yield* reader.get<{ n: unknown; last: string | null }>(
      "hospital-discharge data loaded",
      sql`select count(*) as n, max(discharge_date) as last from hospital_episode where la_code = ${ctx.laCode}`,
    )
    if (num(loaded?.n) === 0) {
      const reason = "no hospital-discharge data loaded"
      return [
        notAvailable(
          ctx.laCode,
          ctx.period,
          "2D(1)",
          reason,
          "discharges into reablement remaining at home after 84 days",
          text,
        ),
        notAvailable(
          ctx.laCode,
          ctx.period,
          "2D(2)",
          reason,
          "discharges aged 65+ into reablement / all qualifying discharges",
          text,
        ),
      ] as const
    }
    const r = yield* reader.get<
      Record<"into_reablement" | "remained" | "readmitted" | "died" | "care_home" | "discharges", unknown>
    >("ASCOF 2D", query)
    const needed = LocalDate.addDays(ctx.end as LocalDate.LocalDate, 84)
    const covered = [loaded?.last ?? "", ...(ctx.cldEnd === undefined ? [] : [ctx.cldEnd])].sort()[0] ?? ""
    const gap =
      covered < needed
        ? ` The loaded data end on ${covered}, before ${needed} (84 days after the period): outcomes of the latest discharges are incomplete (DHSC publishes 2D three months later for this reason).`
        : ""
    const into = num(r?.into_reablement)
    const note =
      `${num(r?.discharges)} qualifying discharges aged 65+; ${into} followed by reablement (within 7 days before to 3 days ` +
      `after it started); within 84 days ${num(r?.readmitted)} were readmitted as an emergency, ${num(r?.died)} died, ` +
      `${num(r?.care_home)} began long-term residential or nursing care.${gap} Method: DHSC ASC-CLD-LA-Dashboard Create_ASCOF_2D.sql.`
    return [
      ok(
        ctx,
        "2D(1)",
        { numerator: num(r?.remained), denominator: into },
        note,
        "people 65+ discharged into reablement with no emergency readmission, death or care-home admission within 84 days / all discharged into reablement",
        text,
      ),
      ok(
        ctx,
        "2D(2)",
        { numerator: into, denominator: num(r?.discharges) },
        note,
        "discharges of people 65+ followed by reablement / all qualifying discharges of people 65+",
        text,
      ),
    ] as const
  })
