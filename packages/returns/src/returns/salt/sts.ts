/**
 * The short-term support tables from CLD: STS001 (requests from new clients by sequel), STS002a (new clients'
 * completed ST-Max episodes by sequel), STS002b (existing clients' completed ST-Max episodes) and STS004 (older
 * people at home 91 days after discharge into reablement, when hospital data is loaded).
 *
 * STS001, STS002a and STS002b follow NHS England's central transformation code rule by rule (NHSE-CTP:
 * `NHSDigital/ASC-Client-Level-Data-SALT-ASCOF-transformations`, "SALT STS001/STS001 replication code.txt",
 * "SALT STS002a/…", "SALT STS002b/…", frozen at 2023-24), restated as set-based SQL over the warehouse. Where the
 * T-SQL leaves a choice open (ties, NULL joins, `GETDATE()`), the choice made here is written beside the rule.
 *
 * @category returns
 */
import { type SQL, sql } from "drizzle-orm"
import type { Dialect } from "../../measures/dialect.js"
import {
  CLIENT,
  longTerm,
  outcomeHierarchy,
  ST,
  sts001OutcomeMap,
  sts001ServiceHierarchy,
  sts002aOutcomeMap,
  sts002aServiceHierarchy,
} from "./labels.js"
import { ageAt, caseMap, cldEvents, list, OPEN_END, rankOf, workingAgeBand } from "./sql.js"

/** The council and the period a query covers (ISO dates, both inclusive). */
export interface Window {
  readonly la: string
  readonly start: string
  readonly end: string
}

/** A grouped count from a table query. */
export interface CountRow {
  readonly band: string
  readonly col: string
  readonly cat: string
  readonly n: number
}

/**
 * Islands of events: a new cluster starts when the previous event (in start, then end order) ended more than
 * `gapDays` before this one starts — NHS England's "islands and gaps" (`CASE WHEN PreviousEndDate >=
 * DATEADD(DAY, -gap, Event_Start_Date) THEN 0 ELSE 1 END`, summed in order). `from` must have pid, st and en (open
 * ends already replaced by `OPEN_END`); the result adds `island`.
 */
const islands = (d: Dialect, from: string, gapDays: number): SQL => sql`
  select x.*, sum(case when x.prev_en >= ${d.addDays(sql`x.st`, -gapDays)} then 0 else 1 end)
      over (partition by x.pid order by x.st, x.en rows between unbounded preceding and current row) as island
  from (select f.*, lag(f.en) over (partition by f.pid order by f.st, f.en) as prev_en from ${sql.raw(from)} f) x`

/**
 * The sequel search shared by STS001 and STS002a (NHSE-CTP "FIND THE CORRECT SEQUEL"): the events after a cluster
 * ends, chained while gaps are at most 3 days; the chain is out of scope when its first event starts more than
 * `firstGap` days after the cluster (28 for requests, 3 for ST-Max), and stops at the first event that would start a
 * new cluster (`breaker`: another request; another ST-Max). Reads CTE `${p}one` (pid, island, cl_start, cl_end,
 * outcome) and `events` (the chronology); defines `${p}seq` (the chronology after the self-match is removed) and
 * `${p}wb` (the in-scope chain, with the service hierarchy `h`, 99 for non-services).
 */
const sequelChain = (
  d: Dialect,
  p: string,
  events: string,
  firstGap: number,
  selfMatch: SQL,
  breaker: SQL,
  hierarchy: ReadonlyArray<string>,
): SQL => sql`
  ${sql.raw(p)}seq_all as (
    select c.pid, c.island, c.cl_start, c.cl_end, s.type as s_type, s.st as s_st, s.en as s_en,
      s.stype as s_stype, s.outcome as s_outcome,
      dense_rank() over (partition by c.pid, c.island order by s.st) as rn
    from ${sql.raw(p)}one c join ${sql.raw(events)} s on s.pid = c.pid and s.st >= c.cl_end
  ),
  -- the cluster itself can reappear in its own chronology (same start, or same end): removed
  ${sql.raw(p)}seq as (
    select * from ${sql.raw(p)}seq_all where (case when ${selfMatch} then 1 else 0 end) = 0
  ),
  ${sql.raw(p)}seq_flag as (
    select s.*, case when ${d.daysBetween(
      sql`lag(s.s_en) over (partition by s.pid, s.island order by s.s_st, case when s.s_en is null then 1 else 0 end, s.s_en)`,
      sql`s.s_st`,
    )} > 3 then 0 else 1 end as flag
    from ${sql.raw(p)}seq s
  ),
  ${sql.raw(p)}seq_chain as (
    select s.*,
      case when s.s_en is null and s.rn = 1 then 1
           when ${d.daysBetween(sql`s.cl_end`, sql`s.s_st`)} > ${firstGap} and s.rn = 1 then 0
           else min(s.flag) over (partition by s.pid, s.island order by s.s_st) end as in_chain
    from ${sql.raw(p)}seq_flag s
  ),
  ${sql.raw(p)}seq_scope as (
    select s.*,
      min(s.in_chain) over (partition by s.pid, s.island order by s.s_st) as in_scope,
      min(case when ${breaker} then 0 else 1 end) over (partition by s.pid, s.island order by s.s_st) as no_break,
      ${rankOf(sql`s.s_stype`, hierarchy)} as h
    from ${sql.raw(p)}seq_chain s
  ),
  ${sql.raw(p)}wb as materialized (select * from ${sql.raw(p)}seq_scope where in_scope = 1 and no_break = 1),
  ${sql.raw(p)}wb_min as (select pid, island, min(h) as mh from ${sql.raw(p)}wb group by pid, island),
  ${sql.raw(p)}oth as (
    select distinct w.pid, w.island, w.s_type, w.s_st, w.s_en, w.s_outcome
    from ${sql.raw(p)}wb w join ${sql.raw(p)}wb_min m on m.pid = w.pid and m.island = w.island
    where m.mh = 99
  ),
  -- latest end first; open (NULL) ends last, as T-SQL sorts NULL in DESC order
  ${sql.raw(p)}oth_rn as (
    select o.*, dense_rank() over (partition by o.pid, o.island
      order by case when o.s_en is null then 1 else 0 end, o.s_en desc) as rn2
    from ${sql.raw(p)}oth o
  )`

/**
 * The STS001 CTEs (NHSE-CTP STS001), ending in `sts001` (pid, island, age, route, cat) and `sts002a_cohort` (pid,
 * s_st, route, age): the ST-Max services found as the sequel of a request, the cohort of STS002a.
 */
export const sts001Ctes = (d: Dialect, w: Window): SQL => {
  const stsHierarchy = sts001ServiceHierarchy.map(([s]) => s)
  const mapped = (col: string) => caseMap(sql.raw(col), sts001OutcomeMap, null)
  return sql`
  ev as materialized (${cldEvents(w.la)}),
  -- #ALL_EVENTS_BUILD: service users' events starting by the period end, with a known month and year of birth, not
  -- dead before the period starts; age at the period end (DHSC proxy date of birth)
  allev as materialized (
    select ev.*, ${ageAt(d, w.end)} as age from ev
    where client = ${CLIENT.serviceUser} and st <= ${w.end}
      and birth_y is not null and birth_m is not null and (dod is null or dod >= ${w.start})
  ),
  req as (
    select pid, age, st, coalesce(en, ${OPEN_END}) as en, route, outcome from allev where type = 'Request'
  ),
  -- request clusters: a gap of up to 4 days joins two requests (NHSE-CTP "ISLANDS AND GAPS", DATEADD(DAY, -4, …))
  req_isl as (${islands(d, "req", 4)}),
  req_cl as (select r.*, min(r.st) over (partition by r.pid, r.island) as cl_start from req_isl r),
  -- clusters with a request ending in the period; the cluster ends at its latest end in the period, and takes the
  -- route and outcome of that request (#REQUESTS: DENSE_RANK by end date, after the period filter)
  req_in as (
    select r.*, max(r.en) over (partition by r.pid, r.island) as cl_end
    from req_cl r where r.en between ${w.start} and ${w.end}
  ),
  req_last as (
    select r.pid, r.island, r.age, r.cl_start, r.cl_end, r.route, r.outcome,
      ${rankOf(sql`r.outcome`, outcomeHierarchy)} as orank
    from req_in r where r.en = r.cl_end
  ),
  -- new clients: no long-term service open when the cluster started (#ONGOING); NHS England's anti-join also
  -- compares route and outcome and so keeps a cluster whose outcome is NULL: here NULLs do not escape the rule
  lt as materialized (select pid, st, en from allev where type = 'Service' and stype in ${list(longTerm)}),
  req_new as (
    select r.* from req_last r
    where not exists (
      select 1 from lt where lt.pid = r.pid
        and ((r.cl_start between lt.st and lt.en) or (lt.en is null and r.cl_start >= lt.st))
    )
  ),
  -- one outcome per cluster: the highest in NHS England's outcome hierarchy (#REQUESTS_NEW_CLIENTS_DeDupe); a tie
  -- between two routes on the same day is broken by route name (NHS England's code keeps both rows)
  req_one as materialized (
    select * from (
      select r.*, row_number() over (partition by r.pid, r.island
        order by r.orank, case when r.route is null then 1 else 0 end, r.route, r.outcome) as pick
      from req_new r
    ) x where pick = 1
  ),
  ${sequelChain(
    d,
    "req_",
    "allev",
    28,
    sql`s_type = 'Request' and (s_st = cl_start or s_en = cl_end)`,
    sql`s.s_type = 'Request'`,
    stsHierarchy,
  )},
  -- record type 2: a service in the chain: the highest in the hierarchy
  r2 as (
    select w.pid, w.island, min(${caseMap(sql`w.s_stype`, sts001ServiceHierarchy, "unclassified")}) as cat
    from req_wb w join req_wb_min m on m.pid = w.pid and m.island = w.island and w.h = m.mh
    where m.mh < 99 group by w.pid, w.island
  ),
  -- the STS002a cohort: ST-Max services found as a request's sequel (NHSE-CTP "TABLE BUILD FOR STS002A")
  sts002a_cohort as materialized (
    select distinct w.pid, w.s_st, c.route, c.age
    from req_wb w
    join req_wb_min m on m.pid = w.pid and m.island = w.island and w.h = m.mh
    join req_one c on c.pid = w.pid and c.island = w.island
    where m.mh = 1 and w.s_stype = ${ST.stMax}
  ),
  -- record type 3: no service, but an NFA-type outcome (mapping code 1) in the chain: the latest one; conflicting
  -- outcomes on that date become "No Services Provided - other reason"
  req_oth_m as (select o.*, ${mapped("o.s_outcome")} as mapped from req_oth_rn o),
  req_nfa_min as (
    select pid, island, min(rn2) as m from req_oth_m where mapped is not null group by pid, island
  ),
  r3 as (
    select o.pid, o.island, case when count(*) = 1 then max(o.mapped) else 'nfa-other' end as cat
    from req_oth_m o join req_nfa_min n on n.pid = o.pid and n.island = o.island and o.rn2 = n.m
    group by o.pid, o.island
  ),
  -- record type 4: no usable outcome in the chain: the request's own outcome, mapped, else "No service found"
  r4 as (
    select c.pid, c.island, coalesce(${mapped("c.outcome")}, 'no-service-found') as cat
    from req_one c
    where exists (select 1 from req_oth o where o.pid = c.pid and o.island = c.island)
      and not exists (select 1 from r3 where r3.pid = c.pid and r3.island = c.island)
  ),
  -- record types 1 and 5: no chronology, or none in scope: the request's outcome, mapped, else unclassifiable
  r15 as (
    select c.pid, c.island, coalesce(${mapped("c.outcome")}, 'unclassified') as cat
    from req_one c
    where not exists (select 1 from req_wb w where w.pid = c.pid and w.island = c.island)
  ),
  sts001 as (
    select c.pid, c.island, c.age, c.route, x.cat
    from req_one c join (
      select pid, island, cat from r2 union all select pid, island, cat from r3
      union all select pid, island, cat from r4 union all select pid, island, cat from r15
    ) x on x.pid = c.pid and x.island = c.island
  )`
}

/** STS001: requests from new clients by age band (18–64, 65+; others `other`), route of access and sequel. */
export const sts001 = (d: Dialect, w: Window): SQL => sql`
  with ${sts001Ctes(d, w)}
  select band, col, cat, count(*) as n from (
    select ${workingAgeBand(sql`age`)} as band, coalesce(route, 'not-recorded') as col, cat from sts001
  ) t group by band, col, cat`

/**
 * The STS002a CTEs (NHSE-CTP STS002a), after the STS001 ones: the cohort's ST-Max services clustered (1-day gaps),
 * clusters ending in the period, their sequel; ends in `sts002a` (pid, island, cat, route, age).
 */
const sts002aCtes = (d: Dialect, w: Window): SQL => {
  const mapped = (col: string) => caseMap(sql.raw(col), sts002aOutcomeMap, null)
  return sql`
  -- #SUBSET: service users' events starting by the period end (no birth-date or death filter here)
  ev0 as materialized (select * from ev where client = ${CLIENT.serviceUser} and st <= ${w.end}),
  -- #ST_MAX_BUILD: the cohort's ST-Max services (same person, same start), not for people dead before the period
  sm as (
    select distinct s.pid, s.st, coalesce(s.en, ${OPEN_END}) as en, s.outcome from ev0 s
    where s.type = 'Service' and s.stype = ${ST.stMax} and (s.dod is null or s.dod >= ${w.start})
      and exists (select 1 from sts002a_cohort k where k.pid = s.pid and k.s_st = s.st)
  ),
  sm_isl as (${islands(d, "sm", 1)}),
  sm_cl as (
    select s.*, min(s.st) over (partition by s.pid, s.island) as cl_start,
      max(s.en) over (partition by s.pid, s.island) as cl_end
    from sm_isl s
  ),
  -- clusters ending in the period (open ones, ending OPEN_END, never do), with the outcome of the latest row
  sm_last as (
    select s.pid, s.island, s.cl_start, s.cl_end, s.outcome, ${rankOf(sql`s.outcome`, outcomeHierarchy)} as orank
    from sm_cl s where s.en = s.cl_end and s.cl_end between ${w.start} and ${w.end}
  ),
  sm_one as materialized (
    select * from (
      select s.*, row_number() over (partition by s.pid, s.island
        order by s.orank, case when s.outcome is null then 1 else 0 end, s.outcome) as pick
      from sm_last s
    ) x where pick = 1
  ),
  ${sequelChain(
    d,
    "sm_",
    "ev0",
    3,
    sql`s_stype = ${ST.stMax} and (s_st = cl_start or s_en = cl_end)`,
    sql`s.s_stype = ${ST.stMax}`,
    sts002aServiceHierarchy.map(([s]) => s),
  )},
  q2 as (
    select w.pid, w.island, min(${caseMap(sql`w.s_stype`, sts002aServiceHierarchy, "unclassified")}) as cat
    from sm_wb w join sm_wb_min m on m.pid = w.pid and m.island = w.island and w.h = m.mh
    where m.mh < 99 group by w.pid, w.island
  ),
  -- record type 3: NFA outcomes (LIKE 'NFA%') in the chain: the latest; conflicts become "other"
  sm_nfa as (select o.*, ${mapped("o.s_outcome")} as mapped from sm_oth_rn o where o.s_outcome like 'NFA%'),
  sm_nfa_min as (select pid, island, min(rn2) as m from sm_nfa group by pid, island),
  q3 as (
    select o.pid, o.island,
      case when count(*) = 1 then coalesce(max(o.mapped), 'unclassified') else 'nfa-other' end as cat
    from sm_nfa o join sm_nfa_min n on n.pid = o.pid and n.island = o.island and o.rn2 = n.m
    group by o.pid, o.island
  ),
  -- record type 4: the ST-Max outcome if it is an NFA (or "support ended as planned"), else "No service found"
  q4 as (
    select c.pid, c.island,
      case when c.outcome like 'NFA%' then coalesce(${mapped("c.outcome")}, 'unclassified')
           else 'no-service-found' end as cat
    from sm_one c
    where exists (select 1 from sm_oth o where o.pid = c.pid and o.island = c.island)
      and not exists (select 1 from q3 where q3.pid = c.pid and q3.island = c.island)
  ),
  -- record types 1 and 5: the ST-Max outcome, mapped ("support ended as planned" → other), else unclassifiable
  q15 as (
    select c.pid, c.island, coalesce(${mapped("c.outcome")}, 'unclassified') as cat
    from sm_one c
    where not exists (select 1 from sm_wb w where w.pid = c.pid and w.island = c.island)
  ),
  sts002a as (
    select c.pid, c.island, x.cat,
      (select min(k.route) from sts002a_cohort k where k.pid = c.pid and k.s_st = c.cl_start) as route,
      (select min(k.age) from sts002a_cohort k where k.pid = c.pid) as age
    from sm_one c join (
      select pid, island, cat from q2 union all select pid, island, cat from q3
      union all select pid, island, cat from q4 union all select pid, island, cat from q15
    ) x on x.pid = c.pid and x.island = c.island
  )`
}

/** STS002a: new clients' ST-Max episodes ending in the period, by age band, route of access (of the request) and sequel. */
export const sts002a = (d: Dialect, w: Window): SQL => sql`
  with ${sts001Ctes(d, w)}, ${sts002aCtes(d, w)}
  select band, col, cat, count(*) as n from (
    select ${workingAgeBand(sql`age`)} as band, coalesce(route, 'not-recorded') as col, cat from sts002a
  ) t group by band, col, cat`

/**
 * STS002b: ST-Max episodes ending in the period of existing clients — people with a long-term service open when the
 * episode started (NHSE-CTP STS002b, which produces the high-level total only: "Further development would be
 * needed in order to categorise the outcomes of these reablement periods into the STS002b SALT categories"). By age
 * band, from the person's latest known month and year of birth (NHS England's STS002b has no age).
 */
export const sts002b = (d: Dialect, w: Window): SQL => sql`
  with ev as materialized (${cldEvents(w.la)}),
  ev0 as materialized (select * from ev where client = ${CLIENT.serviceUser} and st <= ${w.end}),
  sb as (
    select distinct pid, st, coalesce(en, ${OPEN_END}) as en from ev0
    where type = 'Service' and stype = ${ST.stMax} and (dod is null or dod >= ${w.start})
  ),
  sb_isl as (${islands(d, "sb", 1)}),
  sb_cl as (
    select s.pid, s.island, min(s.st) over (partition by s.pid, s.island) as cl_start,
      max(s.en) over (partition by s.pid, s.island) as cl_end
    from sb_isl s
  ),
  sb_one as materialized (select distinct pid, island, cl_start, cl_end from sb_cl where cl_end between ${w.start} and ${w.end}),
  sb_existing as (
    select b.* from sb_one b
    where exists (
      select 1 from ev0 s where s.pid = b.pid and s.stype in ${list(longTerm)}
        and ((b.cl_start between s.st and s.en) or (s.en is null and b.cl_start >= s.st))
    )
  ),
  birth as (
    select pid, birth_y, birth_m from (
      select pid, birth_y, birth_m, row_number() over (partition by pid order by asat desc) as r
      from ev0 where birth_y is not null and birth_m is not null
    ) x where r = 1
  )
  select band, 'all' as col, 'all' as cat, count(*) as n from (
    select ${workingAgeBand(d.dhscAge(sql`b.birth_y`, sql`b.birth_m`, sql`${w.end}`))} as band
    from sb_existing e left join birth b on b.pid = e.pid
  ) t group by band`

/**
 * STS004 (asckit's method; NHS England's central code has no STS004): people aged 65+ at discharge, discharged
 * from hospital between 1 October and 31 December, linked to reablement when the discharge falls between 7 days
 * before and 3 days after the start of an ST-Max episode (DHSC's ASCOF 2D linking, domain.md §1.5); at home 91 days
 * after discharge when, on that day, they are alive, in no long-term residential or nursing service and not in
 * hospital. Counts: `denominator` and `at-home` (col), by cat `all`.
 */
export const sts004 = (
  d: Dialect,
  w: Window,
  discharges: { readonly from: string; readonly to: string },
): SQL => {
  const day91 = d.addDays(sql`h.discharge_date`, 91)
  return sql`
  with ev as materialized (${cldEvents(w.la)}),
  stmax as materialized (
    select distinct pid, st from ev where client = ${CLIENT.serviceUser} and type = 'Service' and stype = ${ST.stMax}
  ),
  linked as materialized (
    select distinct h.person_id as pid, h.episode_id, h.discharge_date, ${day91} as day91
    from hospital_episode h
    where h.la_code = ${w.la} and h.age_at_discharge >= 65
      and h.discharge_date between ${discharges.from} and ${discharges.to}
      and exists (
        select 1 from stmax s where s.pid = h.person_id
          and h.discharge_date between ${d.addDays(sql`s.st`, -7)} and ${d.addDays(sql`s.st`, 3)}
      )
  ),
  home as (
    select l.* from linked l
    where not exists (select 1 from ev where ev.pid = l.pid and ev.dod is not null and ev.dod <= l.day91)
      and not exists (
        select 1 from ev where ev.pid = l.pid and ev.type = 'Service'
          and ev.stype in ${list([ST.nursing, ST.residential])}
          and ev.st <= l.day91 and coalesce(ev.en, ${OPEN_END}) >= l.day91
      )
      and not exists (
        select 1 from hospital_episode h2
        where h2.la_code = ${w.la} and h2.person_id = l.pid and h2.admission_date <= l.day91
          and coalesce(h2.discharge_date, ${OPEN_END}) > l.day91
      )
  )
  select '65+' as band, 'denominator' as col, 'all' as cat, count(*) as n from linked
  union all
  select '65+' as band, 'at-home' as col, 'all' as cat, count(*) as n from home`
}

/** Whether any hospital episode of the council is loaded (STS004 is not available without one). */
export const hospitalLoaded = (la: string): SQL =>
  sql`select count(*) as n from hospital_episode where la_code = ${la}`
