/**
 * The Safeguarding Adults Collection (SAC) from the warehouse: SG1a–SG1f, SG2a, SG2b, SG2c, SG2e, SG3a, SG4a and the
 * Safeguarding Adults Reviews of SG5, with the derived measures NHS England publishes (conversion rate — both
 * definitions —, proportion of section 42 enquiries, rates per 100,000 adults, Making Safeguarding Personal
 * percentages, ASCOF 4B).
 *
 * Counting rules (domain.md §4, SAC guidance; labels from NHS England's SAC code,
 * `NHSDigital/ASC-Safeguarding-Adults`):
 * - SG1a–SG1d count **individuals**: each person once per column (concerns received, section 42 enquiries started,
 *   other enquiries started in the year); SG1f counts **cases** (every concern or enquiry). A record without a
 *   person id counts as one individual (it cannot be matched to others).
 * - Age is on the **last day of the year** (DHSC's derived age from month and year of birth); gender, ethnicity
 *   and primary support reason come from the person's latest CLD snapshot on or before the year end (the person is
 *   matched by person id, else by LA person id). A person with no CLD record has "No Support Reason" in SG1d [U].
 * - SG2–SG4 count **concluded section 42 enquiries** (concluded in the year). SG2a and SG2b allow **multiple
 *   counts**: an enquiry counts once in every type (location) of risk it records, per source; the "All sources"
 *   column counts each enquiry once per row.
 * - SG5 (asckit's reading [U]): Safeguarding Adults Reviews concluded in the year, from the spreadsheet source's
 *   `sars` records (`local_record`: category, individualsDied / individualsSurvived).
 * - Derived measures (NHSE-SAC-code `data_tables_produce_all_measures.py`): conversion rate = (s42 + other) /
 *   concerns × 100, and the s42-only version; proportion s42 = s42 / (s42 + other) × 100; rates per 100,000 adults
 *   (ONS mid-year estimate, 18+, unrounded); MSP percentages (catalogue `SAC:MSP-*`); ASCOF 4B = (reduced + removed)
 *   / (reduced + removed + remained) × 100. Outcomes are computed from exact counts (`Outcome.compute`).
 *
 * @category returns
 */
import { Catalogue, Outcome, Period, Value } from "@asckit/core"
import { type EtlError, WarehouseReader } from "@asckit/etl"
import { type SQL, sql } from "drizzle-orm"
import { Effect, Either, Schema } from "effect"
import * as Dialect from "../../measures/dialect.js"
import * as Population from "../../measures/Population.js"
import * as D from "../../ReturnDocument.js"
import type { ReturnBuildError } from "../../ReturnError.js"
import * as ReturnPlugin from "../../ReturnPlugin.js"
import * as V from "../../Validation.js"
import * as G from "../salt/grid.js"
import * as P from "../salt/provenance.js"
import { caseMap, keyOf, labelKey } from "../salt/sql.js"
import { jsonInteger } from "./json.js"
import * as Lb from "./labels.js"
import * as Check from "./validate.js"

/** The SAC return's configuration. */
export const Config = Schema.Struct({
  swing: Schema.optionalWith(V.SwingConfig, { default: () => V.defaultSwing }),
  /** The ONS code of the population estimates for the rates (default: the council's, from its CASSR code). */
  populationGeography: Schema.optional(Schema.String),
})
/** The SAC return's configuration. */
export type Config = typeof Config.Type

/** A grouped count of the SAC queries. */
interface Fact {
  readonly tbl: string
  readonly col: string
  readonly cat: string
  readonly n: number
}

/** A label column classified into a SAC row key: `missing` when blank, `invalid` when it matches no row. */
export const classify = (col: SQL, rows: ReadonlyArray<Lb.SacRow>): SQL => {
  const seen = new Set<string>()
  const entries: Array<readonly [string, string]> = []
  for (const r of rows) {
    for (const v of [r.label, ...(r.variants ?? [])]) {
      const k = labelKey(v)
      if (seen.has(k)) continue
      seen.add(k)
      entries.push([k, r.key])
    }
  }
  return sql`(case when ${col} is null or trim(${col}) = '' then 'missing' else ${caseMap(keyOf(col), entries, "invalid")} end)`
}

/** The enquiry type, `s42` or `other` (else `invalid`). */
const enquiryType = (col: SQL): SQL =>
  sql`(case when ${keyOf(col)} in ('s42', 'section42', 'section42enquiry') then 's42'
            when ${keyOf(col)} in ('other', 'otherenquiry', 'othersafeguardingenquiry') then 'other' else 'invalid' end)`

/** SG1 (individuals) and SG1f (cases): concerns received and enquiries started in the year. */
const sg1Query = (d: Dialect.Dialect, la: string, start: string, end: string): SQL => {
  const prefixCase = (col: string, rows: ReadonlyArray<Lb.SacRow & { readonly prefix?: string }>) =>
    sql.join(
      rows
        .filter((r) => r.prefix !== undefined)
        .map((r) => sql`when ${sql.raw(col)} like ${`${r.prefix}%`} then ${r.key}`),
      sql` `,
    )
  return sql`
  with con as (
    select concern_id as id, person_id from safeguarding_concern
    where la_code = ${la} and received_date between ${start} and ${end}
  ),
  enq as (
    select enquiry_id as id, person_id, ${enquiryType(sql`enquiry_type`)} as etype from safeguarding_enquiry
    where la_code = ${la} and start_date between ${start} and ${end}
  ),
  involved as (
    select 'concerns' as col, coalesce(person_id, 'record:' || id) as pid from con
    union select etype as col, coalesce(person_id, 'record:' || id) as pid from enq where etype <> 'invalid'
  ),
  pdet as (
    select person_id, la_person_id_pseudo, birth_year, birth_month, gender, ethnicity, primary_support_reason from (
      select p.*, row_number() over (partition by p.person_id
        order by case when p.as_at <= ${end} then 0 else 1 end,
                 case when p.as_at <= ${end} then p.as_at end desc, p.as_at) as rn
      from person p where p.la_code = ${la}
    ) x where x.rn = 1
  ),
  pkey as (
    select k, birth_year, birth_month, gender, ethnicity, primary_support_reason from (
      select u.*, row_number() over (partition by u.k order by u.pri, u.person_id) as rn from (
        select person_id as k, 0 as pri, person_id, birth_year, birth_month, gender, ethnicity, primary_support_reason
        from pdet
        union all
        select la_person_id_pseudo as k, 1 as pri, person_id, birth_year, birth_month, gender, ethnicity,
          primary_support_reason
        from pdet where la_person_id_pseudo is not null
      ) u
    ) x where x.rn = 1
  ),
  det as (
    select i.col, i.pid, k.k as found, k.gender, k.ethnicity, k.primary_support_reason as psr,
      ${d.dhscAge(sql`k.birth_year`, sql`k.birth_month`, sql`${end}`)} as age
    from involved i left join pkey k on k.k = i.pid
  ),
  facts as (
    select 'SG1a' as tbl, col, case when age is null then 'unknown' when age < 18 then 'under-18'
      when age <= 64 then '18-64' when age <= 74 then '65-74' when age <= 84 then '75-84'
      when age <= 94 then '85-94' else '95+' end as cat, pid as id from det
    union all
    select 'SG1b' as tbl, col, case gender when 'Male' then 'male' when 'Female' then 'female' else 'not-known' end as cat,
      pid as id from det
    union all
    select 'SG1c' as tbl, col, case ${prefixCase("ethnicity", Lb.ethnicityRows)}
      when ethnicity = 'No data: Refused' then 'refused' else 'undeclared' end as cat, pid as id from det
    union all
    select 'SG1d' as tbl, col, case when found is null then 'none' ${prefixCase("psr", Lb.psrRows)}
      else 'not-known' end as cat, pid as id from det
    union all
    select 'SG1f' as tbl, 'all' as col, 'concerns' as cat, id from con
    union all
    select 'SG1f' as tbl, 'all' as col, etype as cat, id from enq
    union all
    select 'no-person' as tbl, 'all' as col, 'all' as cat, id from con where person_id is null
    union all
    select 'no-person' as tbl, 'all' as col, 'all' as cat, id from enq where person_id is null
  )
  select tbl, col, cat, count(distinct id) as n from facts group by tbl, col, cat`
}

/** SG2–SG4: section 42 enquiries concluded in the year, and their risks. */
const concludedQuery = (la: string, start: string, end: string): SQL => sql`
  with concl as (
    select enquiry_id as id, risk_assessment_outcome, result_of_action, lacked_capacity, supported_by_advocate,
      msp_asked, msp_achieved
    from safeguarding_enquiry
    where la_code = ${la} and ${enquiryType(sql`enquiry_type`)} = 's42'
      and concluded_date between ${start} and ${end}
  ),
  cls as (
    select id, ${classify(sql`risk_assessment_outcome`, Lb.riskOutcomes)} as outcome,
      ${classify(sql`result_of_action`, Lb.riskResults)} as result,
      ${classify(sql`lacked_capacity`, Lb.capacityRows)} as capacity,
      ${classify(sql`supported_by_advocate`, [
        { key: "yes", label: "Yes" },
        { key: "no", label: "No" },
      ])} as advocate,
      ${classify(sql`msp_asked`, Lb.mspAskedRows)} as asked,
      ${classify(sql`msp_achieved`, Lb.mspAchievedRows)} as achieved
    from concl
  ),
  risks as (
    select r.enquiry_id as id, ${classify(sql`r.type_of_risk`, Lb.riskTypes)} as typ,
      ${classify(sql`r.source_of_risk`, Lb.riskSources)} as src,
      ${classify(sql`r.location_of_risk`, Lb.riskLocations)} as loc
    from safeguarding_risk r join concl c on c.id = r.enquiry_id
    where r.la_code = ${la}
  ),
  facts as (
    select 'concluded' as tbl, 'all' as col, 'all' as cat, id from concl
    union all select 'SG2c' as tbl, 'all' as col, outcome as cat, id from cls
    union all select 'SG2e' as tbl, 'all' as col, result as cat, id from cls where result <> 'missing'
    union all select 'SG3a' as tbl, 'all' as col,
      case when capacity = 'missing' then 'not-recorded' else capacity end as cat, id from cls
    union all select 'SG3a' as tbl, 'all' as col, 'advocate' as cat, id from cls
      where capacity = 'yes' and advocate = 'yes'
    union all select 'advocate-without-yes' as tbl, 'all' as col, 'all' as cat, id from cls
      where advocate = 'yes' and capacity <> 'yes'
    union all select 'SG4a' as tbl, 'asked' as col,
      case when asked = 'missing' then 'not-recorded' else asked end as cat, id from cls
    union all select 'SG4a' as tbl, 'achieved' as col, achieved as cat, id from cls where achieved <> 'missing'
    union all select 'SG2a' as tbl, src as col, typ as cat, id from risks
    union all select 'SG2a' as tbl, 'all' as col, typ as cat, id from risks
    union all select 'SG2b' as tbl, src as col, loc as cat, id from risks
    union all select 'SG2b' as tbl, 'all' as col, loc as cat, id from risks
    union all select 'no-risk' as tbl, 'all' as col, 'all' as cat, c.id from concl c
      where not exists (select 1 from safeguarding_risk r where r.la_code = ${la} and r.enquiry_id = c.id)
  )
  select tbl, col, cat, count(distinct id) as n from facts group by tbl, col, cat`

/** SG5: Safeguarding Adults Reviews concluded in the year (spreadsheet source, dataset `sars`). */
const sarQuery = (d: Dialect.Dialect, la: string, start: string, end: string): SQL => {
  const died = jsonInteger(d, sql`attributes`, "individualsDied")
  const survived = jsonInteger(d, sql`attributes`, "individualsSurvived")
  return sql`
  with sars as (
    select record_id as id, ${classify(sql`category`, Lb.sarRows)} as cat, ${died} as died, ${survived} as survived
    from local_record
    where dataset = 'sars' and la_code = ${la} and end_date between ${start} and ${end}
  )
  select 'SG5a' as tbl, 'all' as col, cat, count(*) as n from sars group by cat
  union all select 'SG5b' as tbl, 'all' as col, 'died' as cat, coalesce(sum(died), 0) as n from sars
  union all select 'SG5b' as tbl, 'all' as col, 'survived' as cat, coalesce(sum(survived), 0) as n from sars
  union all select 'SG5b-recorded' as tbl, 'all' as col, 'all' as cat, count(died) + count(survived) as n from sars`
}

const measureOf = (id: string) => Either.getOrThrow(Catalogue.get(id))

const formatOf = (decimals: number, unit: string): D.Format =>
  unit === "percent" ? (decimals === 0 ? "percent0" : "percent1") : decimals === 0 ? "integer" : "decimal1"

/** Everything computed for one year. */
interface Computed {
  readonly sheets: ReadonlyArray<D.Sheet>
  readonly queries: Readonly<Record<string, D.Query>>
  /** The figures the rules compare (`validate.ts`). */
  readonly checks: Check.Figures
  readonly notes: ReadonlyArray<P.Note>
}

const compute = (
  reader: WarehouseReader.Service,
  la: string,
  period: Period.Period,
  config: Config,
): Effect.Effect<Computed, EtlError.WarehouseError> =>
  Effect.gen(function* () {
    const d = Dialect.of(reader.dialect)
    const start = Period.start(period)
    const end = Period.end(period)
    const queries: Record<string, D.Query> = {}
    const runFacts = (id: string, description: string, query: SQL) =>
      Effect.map(reader.all<Fact>(`SAC ${id}`, query), (rows) => {
        queries[id] = { description, sql: Dialect.text(query) }
        return rows.map((r) => ({
          tbl: String(r.tbl),
          col: String(r.col),
          cat: String(r.cat),
          n: Number(r.n),
        }))
      })
    const sg1 = yield* runFacts(
      "SG1",
      "SG1a–SG1d: individuals (each person once per column) with a concern received, or a section 42 / other enquiry started, in the year, by age on the last day of the year, gender, ethnicity and primary support reason (latest CLD details); SG1f: concerns and enquiries (cases)",
      sg1Query(d, la, start, end),
    )
    const sg2 = yield* runFacts(
      "SG2-SG4",
      "SG2–SG4: section 42 enquiries concluded in the year — risks (type, location, source; multiple counts allowed), risk assessment outcome, result of action, capacity and advocacy, Making Safeguarding Personal",
      concludedQuery(la, start, end),
    )
    const sg5 = yield* runFacts(
      "SG5",
      "SG5: Safeguarding Adults Reviews concluded in the year (spreadsheet source, dataset sars), by whether one or more individuals died; individuals who died or survived serious harm",
      sarQuery(d, la, start, end),
    )
    const fy = Period.financialYearOfPeriod(period)
    const midYear = fy.startYear
    const geography = config.populationGeography ?? la
    const population = yield* Population.denominators(reader, geography, midYear)
    const adults = population.age18plus
    queries.POPULATION = {
      description: `ONS mid-${midYear} population estimate aged 18 and over for ${Population.onsCodeOf(geography)} (population_estimate)${adults === undefined ? ": not loaded" : ""}`,
    }
    const tally = (rows: ReadonlyArray<Fact>, tbl: string) =>
      G.tally(
        rows.filter((r) => r.tbl === tbl),
        (r) => (r.cat === "under-18" ? "unknown" : r.cat),
        (r) => r.col,
        (r) => r.n,
      )
    const sum = (rows: ReadonlyArray<Fact>, tbl: string, cat?: string, col?: string) =>
      rows
        .filter(
          (r) =>
            r.tbl === tbl && (cat === undefined || r.cat === cat) && (col === undefined || r.col === col),
        )
        .reduce((n, r) => n + r.n, 0)
    const rowsOf = (defs: ReadonlyArray<Lb.SacRow>): ReadonlyArray<G.Row> =>
      defs.map((r) => ({ key: r.key, header: [r.label] }))
    const activityColumns: ReadonlyArray<G.Column> = Lb.activities.map((a) => ({
      key: a.key,
      header: [a.label],
    }))
    const sg1Table = (id: string, title: string, head: string, defs: ReadonlyArray<Lb.SacRow>) =>
      G.build({
        id,
        title,
        rowHeaders: [head],
        rows: rowsOf(defs),
        columns: activityColumns,
        counts: tally(sg1, id),
        query: "SG1",
        totalRow: ["Total"],
      })
    const sg1a = sg1Table(
      "SG1a",
      "SG1a: individuals involved in safeguarding concerns and enquiries that started in the year, by age",
      "Age band",
      Lb.ageBands,
    )
    const sg1b = sg1Table("SG1b", "SG1b: individuals involved, by gender", "Gender", Lb.genderRows)
    const sg1c = sg1Table("SG1c", "SG1c: individuals involved, by ethnicity", "Ethnicity", Lb.ethnicityRows)
    const sg1d = sg1Table(
      "SG1d",
      "SG1d: individuals involved, by primary support reason",
      "Primary support reason",
      Lb.psrRows,
    )
    const sg1e = G.build({
      id: "SG1e",
      title: "SG1e: individuals involved with a learning, developmental or intellectual disability (autism)",
      rowHeaders: ["Disability"],
      rows: Lb.autismRows.map((r) => ({
        key: r.key,
        header: [r.label],
        notAvailable:
          "Not available from the warehouse: CLD records autism as one yes/no flag and does not distinguish Asperger's syndrome or high-functioning autism.",
      })),
      columns: activityColumns,
      counts: new Map(),
      query: "SG1",
    })
    const sg1f = G.build({
      id: "SG1f",
      title: "SG1f: safeguarding concerns received and enquiries started in the year (case counts)",
      rowHeaders: ["Activity"],
      rows: rowsOf(Lb.caseRows),
      columns: [{ key: "all", header: ["Number"] }],
      counts: G.tally(
        sg1.filter((r) => r.tbl === "SG1f"),
        (r) => r.cat,
        () => "all",
        (r) => r.n,
      ),
      query: "SG1",
    })
    const concluded = sum(sg2, "concluded")
    const sourceColumns: ReadonlyArray<G.Column> = [
      ...Lb.riskSources.map((s) => ({ key: s.key, header: ["Source of risk", s.label] })),
      { key: "all", header: ["All sources", "All sources (enquiries)"] },
    ]
    const sg2a = G.build({
      id: "SG2a",
      title:
        "SG2a: concluded section 42 enquiries by type and source of risk (an enquiry counts in every type it records)",
      rowHeaders: ["Type of risk"],
      rows: rowsOf(Lb.riskTypes),
      columns: sourceColumns,
      counts: tally(sg2, "SG2a"),
      query: "SG2-SG4",
    })
    const sg2b = G.build({
      id: "SG2b",
      title:
        "SG2b: concluded section 42 enquiries by location and source of risk (an enquiry counts in every location it records)",
      rowHeaders: ["Location of risk"],
      rows: rowsOf(Lb.riskLocations),
      columns: sourceColumns,
      counts: tally(sg2, "SG2b"),
      query: "SG2-SG4",
    })
    const one = (id: string, title: string, head: string, defs: ReadonlyArray<Lb.SacRow>, col = "all") =>
      G.build({
        id,
        title,
        rowHeaders: [head],
        rows: rowsOf(defs),
        columns: [{ key: col, header: ["Concluded section 42 enquiries"] }],
        counts: tally(sg2, id.slice(0, 4)),
        query: "SG2-SG4",
        totalRow: ["Total"],
      })
    const sg2c = one(
      "SG2c",
      "SG2c: concluded section 42 enquiries by risk assessment outcome",
      "Risk assessment outcome",
      Lb.riskOutcomes,
    )
    const sg2e = one(
      "SG2e",
      "SG2e: concluded section 42 enquiries where a risk was identified and action taken, by result",
      "Result of action",
      Lb.riskResults,
    )
    const sg3a = G.build({
      id: "SG3a",
      title: "SG3a: concluded section 42 enquiries by whether the individual lacked capacity",
      rowHeaders: ["Did the individual lack capacity?"],
      rows: [...rowsOf(Lb.capacityRows), { key: "advocate", header: [Lb.advocateLabel] }],
      columns: [{ key: "all", header: ["Concluded section 42 enquiries"] }],
      counts: tally(sg2, "SG3a"),
      query: "SG2-SG4",
    })
    const sg4aAsked = G.build({
      id: "SG4a",
      title: "SG4a: concluded section 42 enquiries: was the individual asked about their desired outcomes?",
      rowHeaders: ["Asked about desired outcomes"],
      rows: rowsOf(Lb.mspAskedRows),
      columns: [{ key: "asked", header: ["Concluded section 42 enquiries"] }],
      counts: tally(sg2, "SG4a"),
      query: "SG2-SG4",
      totalRow: ["Total"],
    })
    const sg4aAchieved = G.build({
      id: "SG4a-achieved",
      title: "SG4a: of the enquiries where outcomes were expressed, were they achieved?",
      rowHeaders: ["Desired outcomes achieved"],
      rows: rowsOf(Lb.mspAchievedRows),
      columns: [{ key: "achieved", header: ["Concluded section 42 enquiries"] }],
      counts: tally(sg2, "SG4a"),
      query: "SG2-SG4",
      totalRow: ["Total"],
    })
    const sarRecorded = sum(sg5, "SG5b-recorded") > 0
    const sg5a = G.build({
      id: "SG5a",
      title: "SG5a: Safeguarding Adults Reviews concluded in the year",
      rowHeaders: ["Safeguarding Adults Reviews"],
      rows: rowsOf(Lb.sarRows),
      columns: [{ key: "all", header: ["Number of SARs"] }],
      counts: tally(sg5, "SG5a"),
      query: "SG5",
      totalRow: ["Total"],
    })
    const sg5b = G.build({
      id: "SG5b",
      title: "SG5b: individuals in Safeguarding Adults Reviews concluded in the year",
      rowHeaders: ["Individuals"],
      rows: Lb.sarPeopleRows.map((r) => ({
        key: r.key,
        header: [r.label],
        notAvailable:
          sarRecorded || sg5a.total === 0
            ? undefined
            : "Not recorded: the SAR log has no individuals who died or survived.",
      })),
      columns: [{ key: "all", header: ["Number of individuals"] }],
      counts: tally(sg5, "SG5b"),
      query: "SG5",
      totalRow: ["Total"],
    })

    // derived measures ------------------------------------------------------------------------------------------
    const concerns = sg1f.get("concerns", "all")
    const s42 = sg1f.get("s42", "all")
    const other = sg1f.get("other", "all")
    const asked = sg4aAsked.get("yes-expressed", "asked") + sg4aAsked.get("yes-none", "asked")
    const askedAll = sg4aAsked.get(G.TOTAL, "asked")
    const fully = sg4aAchieved.get("fully", "achieved")
    const partly = sg4aAchieved.get("partially", "achieved")
    const achievedAll = sg4aAchieved.get(G.TOTAL, "achieved")
    const reduced = sg2e.get("reduced", "all") + sg2e.get("removed", "all")
    const resultAll = sg2e.get(G.TOTAL, "all")
    const noMsp = askedAll === 0
    const mspNote = "No Making Safeguarding Personal data: [x] (NHSE-SAC-code create_msp_dummy_values)."
    const derived: Array<{
      readonly key: string
      readonly id: string
      readonly numerator: number
      readonly denominator: number | undefined
      readonly populationDenominator?: boolean
      readonly unavailable?: string
    }> = [
      { key: "conversion", id: "SAC:CONVERSION-RATE", numerator: s42 + other, denominator: concerns },
      { key: "conversion-s42", id: "SAC:CONVERSION-RATE-S42", numerator: s42, denominator: concerns },
      { key: "proportion-s42", id: "SAC:S42-PROPORTION", numerator: s42, denominator: s42 + other },
      ...(["CONCERNS", "S42", "OTHER-ENQUIRIES"] as const).map((code) => ({
        key: code.toLowerCase(),
        id: `SAC:${code}-PER-100K`,
        numerator: code === "CONCERNS" ? concerns : code === "S42" ? s42 : other,
        denominator: adults,
        populationDenominator: true,
        ...(adults === undefined
          ? {
              unavailable: `No ONS mid-${midYear} population aged 18+ loaded for ${Population.onsCodeOf(geography)}.`,
            }
          : {}),
      })),
      {
        key: "msp-asked",
        id: "SAC:MSP-ASKED",
        numerator: asked,
        denominator: askedAll,
        ...(noMsp ? { unavailable: mspNote } : {}),
      },
      {
        key: "msp-fully",
        id: "SAC:MSP-FULLY-ACHIEVED",
        numerator: fully,
        denominator: achievedAll,
        ...(achievedAll === 0 ? { unavailable: mspNote } : {}),
      },
      {
        key: "msp-achieved",
        id: "SAC:MSP-ACHIEVED",
        numerator: fully + partly,
        denominator: achievedAll,
        ...(achievedAll === 0 ? { unavailable: mspNote } : {}),
      },
      { key: "ascof-4b", id: "ASCOF-2023:4B", numerator: reduced, denominator: resultAll },
    ]
    const values = new Map<string, number | null>()
    const activity = (a: Check.Activity): Check.ActivityFigures => ({
      sg1a: sg1a.get(G.TOTAL, a),
      sg1b: sg1b.get(G.TOTAL, a),
      sg1c: sg1c.get(G.TOTAL, a),
      sg1d: sg1d.get(G.TOTAL, a),
      sg1f: sg1f.get(a, "all"),
    })
    const measuresTable: D.Table = {
      id: "measures",
      title: "Derived measures (NHS England's SAC definitions)",
      rowHeaders: ["Measure", "Definition"],
      columnHeaders: [["Numerator", "Denominator", "Value"]],
      rows: derived.map((m): D.Row => {
        const measure = measureOf(m.id)
        const format = formatOf(measure.decimals, measure.unit)
        const query = m.populationDenominator
          ? "POPULATION"
          : m.id.startsWith("SAC:MSP") || m.key === "ascof-4b"
            ? "SG2-SG4"
            : "SG1"
        const value =
          m.unavailable !== undefined || m.denominator === undefined
            ? Value.notAvailable(m.unavailable)
            : Outcome.compute(measure, { numerator: m.numerator, denominator: m.denominator })
        const n = Value.toNumber(value) ?? null
        values.set(m.key, n)
        return {
          header: [
            measure.shortTitle,
            measure.denominator === undefined
              ? measure.numerator
              : `${measure.numerator} / ${measure.denominator}`,
          ],
          cells: [
            D.count(m.numerator, m.populationDenominator ? "SG1" : query),
            m.denominator === undefined
              ? D.measure(null, "integer", query, "[x]")
              : m.populationDenominator
                ? D.withBasis(D.measure(m.denominator, "integer", "POPULATION"), "public")
                : D.count(m.denominator, query),
            n === null
              ? {
                  ...D.measure(null, format, query, "[x]"),
                  ...(m.unavailable ? { note: m.unavailable } : {}),
                }
              : D.withBasis(D.measure(n, format, query), {
                  numerator: m.numerator,
                  denominator: m.denominator,
                }),
          ],
        }
      }),
      notes: [
        "Outcomes are computed from exact counts and rounded once (half away from zero), as NHS England does; population denominators are not rounded in publication.",
        "The conversion rate can exceed 100% when enquiries start from concerns received in an earlier year.",
      ],
    }

    const checks: Check.Figures = {
      period: Period.format(period),
      activities: {
        concerns: activity("concerns"),
        s42: activity("s42"),
        other: activity("other"),
      },
      concluded,
      sg2c: sg2c.total,
      sg2cIdentifiedAction: sg2c.get("identified-action", "all"),
      sg2e: resultAll,
      sg3aLackedCapacity: sg3a.get("yes", "all"),
      sg3aAdvocate: sg3a.get("advocate", "all"),
      sg3aAll: Lb.capacityRows.reduce((n, r) => n + sg3a.get(r.key, "all"), 0),
      sg4aAsked: askedAll,
      sg4aExpressed: sg4aAsked.get("yes-expressed", "asked"),
      sg4aAchieved: achievedAll,
      conversion: values.get("conversion") ?? null,
      mspAchieved: values.get("msp-achieved") ?? null,
      unplaced: {
        sg2cOutcome: sum(sg2, "SG2c", "invalid") + sum(sg2, "SG2c", "missing"),
        noRisk: sum(sg2, "no-risk"),
        riskTypeOrLocation:
          sum(sg2, "SG2a", "invalid", "all") +
          sum(sg2, "SG2b", "invalid", "all") +
          sum(sg2, "SG2b", "missing", "all"),
        riskSource: sum(sg2, "SG2a", undefined, "invalid") + sum(sg2, "SG2a", undefined, "missing"),
        labels: sum(sg2, "SG2e", "invalid") + sum(sg2, "SG3a", "invalid") + sum(sg2, "SG4a", "invalid"),
        advocateWithoutCapacity: sum(sg2, "advocate-without-yes"),
        noPerson: sum(sg1, "no-person"),
        under18: sum(sg1, "SG1a", "under-18"),
        enquiryType: sum(sg1, "SG1f", "invalid"),
      },
    }

    const sheets: ReadonlyArray<D.Sheet> = [
      {
        name: "SG1",
        title: "SG1: individuals involved in safeguarding concerns and enquiries",
        tables: [sg1a.table, sg1b.table, sg1c.table, sg1d.table, sg1e.table],
      },
      { name: "SG1f", title: "SG1f: concerns and enquiries (case counts)", tables: [sg1f.table] },
      {
        name: "SG2",
        title: "SG2: risk in concluded section 42 enquiries",
        tables: [sg2a.table, sg2b.table, sg2c.table, sg2e.table],
      },
      { name: "SG3", title: "SG3: mental capacity", tables: [sg3a.table] },
      {
        name: "SG4",
        title: "SG4: Making Safeguarding Personal",
        tables: [sg4aAsked.table, sg4aAchieved.table],
      },
      { name: "SG5", title: "SG5: Safeguarding Adults Reviews", tables: [sg5a.table, sg5b.table] },
      { name: "Measures", title: "Derived measures", tables: [measuresTable] },
    ]
    const notes: Array<P.Note> = [
      {
        label: "Population (rates per 100,000)",
        value:
          adults === undefined
            ? `not available: no complete ONS mid-${midYear} estimate aged 18+ for ${Population.onsCodeOf(geography)} is loaded`
            : `ONS mid-${midYear}, aged 18 and over, ${Population.onsCodeOf(geography)}: ${adults.toLocaleString("en-GB")}`,
      },
    ]
    return { sheets, queries, checks, notes }
  })

/** The SAC rules as a pure function of a year's figures, and last year's (see `validate.ts`). */
export { type Figures, validate } from "./validate.js"

/** Builds the Safeguarding Adults Collection for a council and year, with its validation. */
export const build = (
  config: Config,
  period: Period.Period,
  context: ReturnPlugin.BuildContext,
): Effect.Effect<D.Document, ReturnBuildError | EtlError.WarehouseError, WarehouseReader.WarehouseReader> =>
  Effect.gen(function* () {
    const reader = yield* WarehouseReader.WarehouseReader
    const la = context.laCode
    const current = yield* compute(reader, la, period, config)
    const previousPeriod = Period.sameLastYear(period)
    const previous = yield* compute(reader, la, previousPeriod, config)
    const periods = { current: Period.format(period), previous: Period.format(previousPeriod) }
    const compared = V.hasData(Check.keyFigures(previous.checks))
    const draft: D.Document = {
      returnId: plugin.id,
      title: `Safeguarding Adults Collection — ${la}`,
      period: periods.current,
      sheets: current.sheets,
      findings: [],
      notes: [
        ...(yield* P.notes(reader, {
          period,
          la,
          version: context.version,
          sources: [
            P.ofCouncil("safeguarding_concern", la),
            P.ofCouncil("safeguarding_enquiry", la),
            P.ofCouncil("safeguarding_risk", la),
            { table: "local_record", where: sql`la_code = ${la} and dataset = 'sars'` },
            P.ofCouncil("person", la),
            {
              table: "population_estimate",
              where: sql`geography_code = ${Population.onsCodeOf(config.populationGeography ?? la)}`,
            },
          ],
        })),
        ...current.notes,
        {
          label: "Counting rules",
          value:
            "SG1a–SG1d individuals (once per column), age on the last day of the year; SG1f cases; SG2–SG4 concluded section 42 enquiries, SG2a/SG2b multiple counts allowed; SG5 SARs concluded in the year.",
        },
        {
          label: "Year-on-year checks",
          value: compared
            ? `against ${periods.previous}, built from the same warehouse: counts moving ≥ ${config.swing.percent}% and ≥ ${config.swing.minimum}, percentages moving ≥ ${config.swing.points} points, are queries`
            : `skipped: the warehouse holds no safeguarding data for ${periods.previous}`,
        },
      ],
      queries: current.queries,
    }
    return V.withFindings(draft, [
      ...Check.rules(current.checks),
      ...V.impossibleValues(draft, { percentOver100: ["measures"] }),
      ...V.mandatoryCells(draft, ["SG1a", "SG1f", "SG2c", "SG3a", "SG4a"]),
      ...Check.yearOnYear(current.checks, previous.checks, config.swing),
    ])
  })

/** The Safeguarding Adults Collection return plugin (`sac`). */
export const plugin: ReturnPlugin.ReturnPlugin<Config> = ReturnPlugin.make<Config>({
  id: "sac",
  title: "Safeguarding Adults Collection",
  description:
    "SG1a–SG1f, SG2a/b/c/e, SG3a, SG4a and SG5 from the safeguarding tables, with conversion rates, rates per 100,000 adults and MSP measures",
  periodKind: ["FinancialYear"],
  config: Config,
  build: (config, period, context) => build(config, period, context),
})
