/**
 * The long-term support tables from CLD: LTS001a (people in long-term support during the year), LTS001b (at the
 * snapshot), LTS001c (continuously for more than 12 months at the snapshot), LTS002a/b (reviews), LTS003 (carers)
 * and LTS004 (working-age clients with a learning disability: employment and accommodation).
 *
 * LTS001a/b/c, LTS003 and LTS004 follow NHS England's central transformation code rule by rule (NHSE-CTP,
 * `NHSDigital/ASC-Client-Level-Data-SALT-ASCOF-transformations`, "SALT LTS001a/…", "SALT LTS001b/…",
 * "SALT LTS001c/…", "SALT LTS003/…", "SALT LTS004/…"). NHS England published no CLD method for LTS002a/b; the method
 * here is asckit's, built from SALT's definitions and the central principles (see `lts002`).
 *
 * NHS England reads only each council's latest submission covering the period (`#Latest_Submission`); the warehouse
 * holds every submission de-duplicated to the latest version of each event, which is what that step is for.
 *
 * @category returns
 */
import { type SQL, sql } from "drizzle-orm"
import type { Dialect } from "../../measures/dialect.js"
import { CLIENT, DM, LD, longTerm, ltsSettings, OUTCOME, ST } from "./labels.js"
import { ageAt, caseMap, cldEvents, list, OPEN_END, workingAgeBand } from "./sql.js"
import type { Window } from "./sts.js"

/** The setting/delivery-mechanism hierarchy rank of a long-term service row (NHSE-CTP `#REF_Service_Type_Delivery_Mech`). */
const settingRank = (): SQL => {
  const whens = ltsSettings.map((s, i) =>
    s.dm === null
      ? sql`when stype = ${s.stype} then ${i + 1}`
      : sql`when stype = ${s.stype} and dm_clean = ${s.dm} then ${i + 1}`,
  )
  return sql`(case ${sql.join(whens, sql` `)} else 99 end)`
}

/**
 * Delivery mechanism kept only where one is expected and valid for the setting (community: the three; prison:
 * managed personal budget or commissioned support); otherwise blank (NHSE-CTP "OVER-WRITE ANY INVALID OR UNEXPECTED
 * ENTRIES IN THE DELIVERY MECHANISM COLUMN").
 */
const dmClean = sql`(case
  when stype = ${ST.community} and dm in ${list([DM.directPayment, DM.managedBudget, DM.commissioned])} then dm
  when stype = ${ST.prison} and dm in ${list([DM.managedBudget, DM.commissioned])} then dm
  else null end)`

/**
 * NHS England's de-duplication of a person's rows to one row per table (NHSE-CTP LTS001a–c "PROCESSING, FILTERING
 * AND DE-DUPLICATION"): the highest setting in the hierarchy, then rows with the attribute known (if any), then the
 * latest start date; conflicting attribute values left after that become `conflict`, a missing one `missing`.
 * `from` has pid, h, known, st, attr; defines `${name}_f` (pid, h, attr).
 */
const dedupe = (name: string, from: SQL, conflict: string, missing: string): SQL => {
  const n = (s: string) => sql.raw(`${name}${s}`)
  return sql`
  ${n("_b")} as (${from}),
  ${n("_r1")} as (select x.* from (select b.*, min(b.h) over (partition by b.pid) as mh from ${n("_b")} b) x where x.h = x.mh),
  ${n("_r2")} as (select x.* from (select r.*, max(r.known) over (partition by r.pid) as mk from ${n("_r1")} r) x where x.known = x.mk),
  ${n("_r3")} as (select x.* from (select r.*, max(r.st) over (partition by r.pid) as ms from ${n("_r2")} r) x where x.st = x.ms),
  ${n("_f")} as (
    select pid, min(h) as h,
      case when count(distinct coalesce(attr, '~')) > 1 then ${conflict} else coalesce(max(attr), ${missing}) end as attr
    from ${n("_r3")} group by pid
  )`
}

/** Counts of a de-duplicated table by band, setting (col) and attribute (cat). */
const countsOf = (name: string, band: string): SQL =>
  sql`select ${band} as band, h as col, attr as cat, count(*) as n from ${sql.raw(`${name}_f`)} group by h, attr`

/**
 * LTS001a: people in long-term support at any point in the period (service start by the period end, end on or after
 * its start or open), not dead before it, with a known month and year of birth; by age at the period end (tables 1a
 * 18–64 and 1b 65+), primary support reason (rows) and setting/delivery mechanism (columns).
 */
export const lts001aCtes = (d: Dialect, w: Window): SQL => sql`
  ev as materialized (${cldEvents(w.la)}),
  la_base as materialized (
    select pid, st, psr, ${ageAt(d, w.end)} as age, stype, dm_clean from (
      select ev.*, ${dmClean} as dm_clean from ev
      where type = 'Service' and client = ${CLIENT.serviceUser} and stype in ${list(longTerm)}
        and st <= ${w.end} and (en >= ${w.start} or en is null) and (dod is null or dod >= ${w.start})
        and birth_y is not null and birth_m is not null
    ) x
  ),
  ${dedupe(
    "la1a",
    sql`select pid, ${settingRank()} as h, case when psr is null then 0 else 1 end as known, st, psr as attr
        from (select * from la_base where age between 18 and 64) x`,
    "conflict",
    "not-recorded",
  )},
  ${dedupe(
    "la1b",
    sql`select pid, ${settingRank()} as h, case when psr is null then 0 else 1 end as known, st, psr as attr
        from (select * from la_base where age >= 65) x`,
    "conflict",
    "not-recorded",
  )}`

/** LTS001a counts: band `18-64`/`65+`, col = setting rank, cat = primary support reason (or conflict/not-recorded). */
export const lts001a = (d: Dialect, w: Window): SQL => sql`
  with ${lts001aCtes(d, w)}
  ${countsOf("la1a", "18-64")} union all ${countsOf("la1b", "65+")}`

/**
 * LTS001b: people in long-term support on the snapshot day (start on or before, end on or after or open), not dead
 * before it, with a known month and year of birth; age at the snapshot. Tables 1a/1b (18–64, 65+) by primary support
 * reason; table 2 (all ages) by whether they have an unpaid carer; tables 3a/3b (men, women; all ages) by ethnicity
 * (conflicting ethnicities become "No data: Undeclared or not known", as NHS England's code); table 3c: people whose
 * gender is "Other" or "Unknown" (not de-duplicated, as NHS England's code). Bands: `18-64`, `65+`, `t2`, `t3a`,
 * `t3b`, `t3c`.
 */
export const lts001b = (d: Dialect, w: Window, snapshot: string): SQL => {
  const from = (attr: SQL, known: SQL, filter: SQL) =>
    sql`select pid, ${settingRank()} as h, ${known} as known, st, ${attr} as attr from (select * from lb_base where ${filter}) x`
  const psrKnown = sql`case when psr is null then 0 else 1 end`
  // Has_Unpaid_Carer: Yes/No are the valid values (NHSE-CTP `#REF_CARER`); "Unknown" or blank are not known
  const carerKnown = sql`case when carer is null or carer = 'Unknown' then 0 else 1 end`
  const carerAttr = sql`case when carer in ('Yes', 'No') then carer else null end`
  const ethKnown = sql`case when ethnicity is null or ethnicity = ${UNDECLARED} then 0 else 1 end`
  return sql`
  with ev as materialized (${cldEvents(w.la)}),
  lb_base as materialized (
    select pid, st, psr, carer, ethnicity, gender, ${ageAt(d, snapshot)} as age, stype, dm_clean from (
      select ev.*, ${dmClean} as dm_clean from ev
      where type = 'Service' and client = ${CLIENT.serviceUser} and stype in ${list(longTerm)}
        and st <= ${snapshot} and (en >= ${snapshot} or en is null) and (dod is null or dod >= ${snapshot})
        and birth_y is not null and birth_m is not null
    ) x
  ),
  ${dedupe("lb1a", from(sql`psr`, psrKnown, sql`age between 18 and 64`), "conflict", "not-recorded")},
  ${dedupe("lb1b", from(sql`psr`, psrKnown, sql`age >= 65`), "conflict", "not-recorded")},
  ${dedupe("lb2", from(carerAttr, carerKnown, sql`1 = 1`), "conflict", "not-recorded")},
  ${dedupe("lb3a", from(sql`ethnicity`, ethKnown, sql`gender = 'Male'`), UNDECLARED, "not-recorded")},
  ${dedupe("lb3b", from(sql`ethnicity`, ethKnown, sql`gender = 'Female'`), UNDECLARED, "not-recorded")}
  ${countsOf("lb1a", "18-64")} union all ${countsOf("lb1b", "65+")} union all ${countsOf("lb2", "t2")}
  union all ${countsOf("lb3a", "t3a")} union all ${countsOf("lb3b", "t3b")}
  union all select 't3c' as band, 'all' as col, 'all' as cat, count(distinct pid) as n
    from lb_base where gender in ('Other', 'Unknown')`
}

/** The Release 2 "undeclared" ethnicity. */
export const UNDECLARED = "No data: Undeclared or not known"

/**
 * The LTS001c CTEs: long-term services chained with gaps of at most one day (NHSE-CTP LTS001c "CREATING THE
 * UNBROKEN CHAIN/CLUSTERS OF LONG TERM SUPPORT", `LAG` of the previous row's end, open ends as today — here
 * `OPEN_END`); rows of a chain that started more than 12 months before the snapshot (`Chain_Start_Date <` the same
 * day a year earlier) and still run on the snapshot; then NHS England's de-duplication (tables 1a/1b by primary
 * support reason). Ends in `lc1a_f`, `lc1b_f`.
 */
export const lts001cCtes = (d: Dialect, snapshot: string, yearBefore: string): SQL => sql`
  lc_src as materialized (
    select pid, st, coalesce(en, ${OPEN_END}) as en, psr, stype, dm_clean, ${ageAt(d, snapshot)} as age from (
      select ev.*, ${dmClean} as dm_clean from ev
      where type = 'Service' and client = ${CLIENT.serviceUser} and stype in ${list(longTerm)}
        and st <= ${snapshot} and (dod is null or dod >= ${snapshot})
        and birth_y is not null and birth_m is not null
    ) x
  ),
  lc_isl as (${islandsOf(d, "lc_src", 1)}),
  lc_base as materialized (
    select x.* from (
      select i.*, min(i.st) over (partition by i.pid, i.island) as chain_start from lc_isl i
    ) x where x.chain_start < ${yearBefore} and x.en >= ${snapshot}
  ),
  ${dedupe(
    "lc1a",
    sql`select pid, ${settingRank()} as h, case when psr is null then 0 else 1 end as known, st, psr as attr
        from (select * from lc_base where age between 18 and 64) x`,
    "conflict",
    "not-recorded",
  )},
  ${dedupe(
    "lc1b",
    sql`select pid, ${settingRank()} as h, case when psr is null then 0 else 1 end as known, st, psr as attr
        from (select * from lc_base where age >= 65) x`,
    "conflict",
    "not-recorded",
  )}`

/** LTS001c counts: band `18-64`/`65+`, col = setting rank, cat = primary support reason. */
export const lts001c = (d: Dialect, w: Window, snapshot: string, yearBefore: string): SQL => sql`
  with ev as materialized (${cldEvents(w.la)}), ${lts001cCtes(d, snapshot, yearBefore)}
  ${countsOf("lc1a", "18-64")} union all ${countsOf("lc1b", "65+")}`

/** Islands with a gap of `gapDays` (the same rule as the STS clusters). */
const islandsOf = (d: Dialect, from: string, gapDays: number): SQL => sql`
  select x.*, sum(case when x.prev_en >= ${d.addDays(sql`x.st`, -gapDays)} then 0 else 1 end)
      over (partition by x.pid order by x.st, x.en rows between unbounded preceding and current row) as island
  from (select f.*, lag(f.en) over (partition by f.pid order by f.st, f.en) as prev_en from ${sql.raw(from)} f) x`

/** The setting of a long-term service as a rank: nursing 1, residential 2, community 3, prison 4. */
const ltRank = (col: string): SQL =>
  caseMap(
    sql.raw(col),
    [
      [ST.nursing, 1],
      [ST.residential, 2],
      [ST.community, 3],
      [ST.prison, 4],
    ],
    null,
  )

/** The days after a review in which a change of setting counts as its sequel (LTS002). */
export const REVIEW_SEQUEL_DAYS = 28

/**
 * Reviews with their sequel (LTS002, asckit's method — NHS England published no CLD method for LTS002a/b):
 * service users' reviews ending in the period (DHSC: reviews count when they end in the period), planned or
 * unplanned (the review type DHSC derives from the reason's prefix; reviews of short-term support excluded), of people
 * not dead before it with a known month and year of birth. The setting at the review is the highest long-term
 * setting (nursing > residential > community > prison) open on the review's start date; the setting after is the
 * highest of the long-term services open at any time in the 28 days after the review ends (28 days, the window NHS
 * England's SALT principles use for a request's sequel). Sequels: `ended` (no long-term service after), `to-nursing`
 * / `to-residential` (from community, prison or none), `between-care-homes`, `to-community` (from residential or
 * nursing), `same` (same setting: CLD cannot say whether support increased, stayed or decreased).
 */
const reviewCtes = (d: Dialect, w: Window): SQL => sql`
  lt_all as materialized (
    select pid, st, en, stype from ev
    where type = 'Service' and client = ${CLIENT.serviceUser} and stype in ${list(longTerm)}
  ),
  rev as (
    select pid, st, en, reason, ${ageAt(d, w.end)} as age from ev
    where type = 'Review' and client = ${CLIENT.serviceUser} and en between ${w.start} and ${w.end}
      and (dod is null or dod >= ${w.start}) and birth_y is not null and birth_m is not null
      and reason is not null and reason <> 'Review of short term support'
  ),
  rev_set as (
    select r.pid, r.st, r.en, r.reason, r.age,
      min(case when s.st <= r.st and coalesce(s.en, ${OPEN_END}) >= r.st then ${ltRank("s.stype")} end) as before_h,
      min(case when s.st <= ${d.addDays(sql`r.en`, REVIEW_SEQUEL_DAYS)} and coalesce(s.en, ${OPEN_END}) > r.en
        then ${ltRank("s.stype")} end) as after_h
    from rev r left join lt_all s on s.pid = r.pid
    group by r.pid, r.st, r.en, r.reason, r.age
  ),
  rev_cat as materialized (
    select r.*,
      case when r.after_h is null then 'ended'
           when r.after_h = 1 and (r.before_h is null or r.before_h >= 3) then 'to-nursing'
           when r.after_h = 2 and (r.before_h is null or r.before_h >= 3) then 'to-residential'
           when r.after_h <= 2 and r.before_h <= 2 and r.after_h <> r.before_h then 'between-care-homes'
           when r.after_h >= 3 and r.before_h <= 2 then 'to-community'
           else 'same' end as seq,
      case r.before_h when 1 then 'nursing' when 2 then 'residential' when 3 then 'community' when 4 then 'prison'
           else 'none' end as setting,
      case when r.reason like 'Unplanned%' then 'unplanned' else 'planned' end as kind
    from rev_set r
  )`

/**
 * LTS002a: LTS001a's people (18+) with an unplanned review in the period, or a planned review followed by a move into
 * residential or nursing care (SALT LTS002a); each person once, by their latest such review. band = age band,
 * col = sequel, cat = `setting|reason` (reason: the review reason, "Planned" for planned reviews).
 */
export const lts002a = (d: Dialect, w: Window): SQL => sql`
  with ${lts001aCtes(d, w)}, ${reviewCtes(d, w)},
  pick as (
    select x.* from (
      select r.*, row_number() over (partition by r.pid order by r.en desc, r.st desc, r.reason) as rn
      from rev_cat r
      where r.pid in (select pid from la_base where age >= 18)
        and (r.kind = 'unplanned' or r.seq in ('to-nursing', 'to-residential'))
    ) x where x.rn = 1
  )
  select band, col, cat, count(*) as n from (
    select ${workingAgeBand(sql`age`)} as band, seq as col, setting || '|' || reason as cat from pick
  ) t group by band, col, cat`

/**
 * LTS002b: LTS001c's people (in long-term support for more than 12 months at the snapshot) with a planned or
 * unplanned review in the period (SALT LTS002b); each person once, by their latest review. band = age band, col =
 * sequel, cat = setting at the review.
 */
export const lts002b = (d: Dialect, w: Window, snapshot: string, yearBefore: string): SQL => sql`
  with ev as materialized (${cldEvents(w.la)}), ${lts001cCtes(d, snapshot, yearBefore)}, ${reviewCtes(d, w)},
  pick as (
    select x.* from (
      select r.*, row_number() over (partition by r.pid order by r.en desc, r.st desc, r.reason) as rn
      from rev_cat r
      where r.pid in (select pid from lc1a_f union select pid from lc1b_f)
    ) x where x.rn = 1
  )
  select band, col, cat, count(*) as n from (
    select ${workingAgeBand(sql`age`)} as band, seq as col, setting as cat from pick
  ) t group by band, col, cat`

/**
 * LTS003: unpaid carers supported in the period (NHSE-CTP LTS003): carers' and carers-known-by-association events
 * active in the period, not dead before it — information-and-advice outcomes without a service, carer support
 * services, and assessments or reviews; each carer once, in the highest support category (direct payment only >
 * managed personal budget > commissioned support > direct support with unknown mechanism > information and advice >
 * no direct support). Age at the period end from the carer's latest recorded month and year of birth (NHS England
 * keeps carers without one, as "Unknown"). band = carer age band, cat = support.
 */
export const lts003 = (d: Dialect, w: Window): SQL => sql`
  with ev as materialized (${cldEvents(w.la)}),
  c_base as materialized (
    select * from ev
    where client in ${list([CLIENT.carer, CLIENT.carerByAssociation])}
      and st <= ${w.end} and (en >= ${w.start} or en is null) and (dod is null or dod >= ${w.start})
      and ((stype is null and outcome = ${OUTCOME.advice})
        or stype in ${list([ST.carerDirect, ST.carerInvolving])}
        or (type in ('Assessment', 'Review') and stype is null))
  ),
  c_sup as (
    select pid, case
      when stype = ${ST.carerDirect} and dm = ${DM.directPayment} then 1
      when stype = ${ST.carerDirect} and dm = ${DM.managedBudget} then 2
      when stype = ${ST.carerDirect} and dm = ${DM.commissioned} then 3
      when stype = ${ST.carerDirect} then 4
      when stype = ${ST.carerInvolving} then 6
      when type in ('Assessment', 'Review') and (outcome is null or outcome <> ${OUTCOME.advice}) then 6
      when type in ('Assessment', 'Review') then 5
      when type = 'Request' then 5
      else 99 end as r
    from c_base
  ),
  c_rank as (select pid, min(r) as r from c_sup group by pid having min(r) < 99),
  c_birth as (
    select pid, birth_y, birth_m from (
      select pid, birth_y, birth_m, row_number() over (partition by pid order by asat desc) as rn
      from c_base where birth_y is not null and birth_m is not null
    ) x where x.rn = 1
  ),
  c_age as (
    select c.pid, c.r, ${d.dhscAge(sql`b.birth_y`, sql`b.birth_m`, sql`${w.end}`)} as age
    from c_rank c left join c_birth b on b.pid = c.pid
  )
  select band, 'all' as col, cat, count(*) as n from (
    select case when age is null then 'unknown' when age < 18 then 'u18' when age <= 25 then '18-25'
             when age <= 64 then '26-64' when age <= 84 then '65-84' else '85+' end as band,
      ${caseMap(
        sql`r`,
        [
          [1, "dp"],
          [2, "pb"],
          [3, "cs"],
          [4, "unknown-dm"],
          [5, "advice"],
          [6, "none"],
        ],
        "none",
      )} as cat
    from c_age
  ) t group by band, cat`

/**
 * LTS004: service users aged 18–64 at the period end with a learning-disability primary support reason (on the
 * service's row) and long-term support in the period (NHSE-CTP LTS004). Table 1 by employment status, tables 2a/2b
 * by settled and unsettled accommodation; each only over rows with a valid status; per person the latest service's
 * row, a known status preferred, conflicting statuses "Unknown". NHS England counts a person under each gender their
 * rows hold; here conflicting genders are "Unknown" so each person is counted once. People whose statuses are all
 * blank or invalid are counted as `invalid`. band: `t1`, `t2`, `cohort`; col: gender; cat: status or `invalid`.
 */
export const lts004 = (
  d: Dialect,
  w: Window,
  employment: ReadonlyArray<string>,
  accommodation: ReadonlyArray<string>,
): SQL => {
  const table = (name: string, col: string, valid: ReadonlyArray<string>) => {
    const n = (s: string) => sql.raw(`${name}${s}`)
    const c = sql.raw(col)
    return sql`
  ${n("_rows")} as (select * from l4 where ${c} in ${list(valid)}),
  ${n("_latest")} as (
    select x.* from (select r.*, max(r.st) over (partition by r.pid) as ms from ${n("_rows")} r) x where x.st = x.ms
  ),
  ${n("_known")} as (
    select x.* from (
      select r.*, case when r.${c} = 'Unknown' then 0 else 1 end as k,
        max(case when r.${c} = 'Unknown' then 0 else 1 end) over (partition by r.pid) as mk
      from ${n("_latest")} r
    ) x where x.k = x.mk
  ),
  ${n("_f")} as (
    select pid, case when count(distinct ${c}) > 1 then 'Unknown' else max(${c}) end as attr,
      case when count(distinct coalesce(gender, '~')) > 1 then 'Unknown' else coalesce(max(gender), 'not-recorded') end as g
    from ${n("_known")} group by pid
  ),
  ${n("_invalid")} as (
    select pid, case when count(distinct coalesce(gender, '~')) > 1 then 'Unknown' else coalesce(max(gender), 'not-recorded') end as g
    from l4 where pid not in (select pid from ${n("_f")}) group by pid
  )`
  }
  return sql`
  with ev as materialized (${cldEvents(w.la)}),
  l4 as materialized (
    select pid, st, gender, employment, accommodation from ev
    where type = 'Service' and client = ${CLIENT.serviceUser} and stype in ${list(longTerm)} and psr = ${LD}
      and st <= ${w.end} and (en >= ${w.start} or en is null) and (dod is null or dod >= ${w.start})
      and birth_y is not null and birth_m is not null and ${ageAt(d, w.end)} between 18 and 64
  ),
  ${table("t1", "employment", employment)},
  ${table("t2", "accommodation", accommodation)}
  select 't1' as band, g as col, attr as cat, count(*) as n from t1_f group by g, attr
  union all select 't1' as band, g as col, 'invalid' as cat, count(*) as n from t1_invalid group by g
  union all select 't2' as band, g as col, attr as cat, count(*) as n from t2_f group by g, attr
  union all select 't2' as band, g as col, 'invalid' as cat, count(*) as n from t2_invalid group by g
  union all select 'cohort' as band, 'all' as col, 'all' as cat, count(distinct pid) as n from l4`
}
