/**
 * The Synthetic Borough generator: a deterministic, fictional council (LA code 999) whose adult social care
 * activity is simulated and written out as the files a council's performance team would handle: the quarterly
 * Client Level Data submissions and, with `extracts`, the same people and events as its Liquidlogic LAS reports
 * (plus what only LAS holds: contacts, work trays, safeguarding, review due dates — `caseRecords`) and its ContrOCC
 * service agreements, for the same quarterly periods, in the LAS and ContrOCC sources' default layouts; its DoLS
 * returns and teams' spreadsheets (`extras/`), a SUS-like hospital discharge extract (`hospital/`), ONS population
 * estimates (`population/`), ASCS and SACE response files (`surveys/`), CQC care directory downloads (`cqc/`) and
 * ASC-WDS staff turnover (`published/`) — every source kind asckit reads. The manifest's `etlSources` is the ETL
 * configuration that loads all of it (paths relative to `outDir`).
 *
 * ```ts
 * const manifest = await generateBorough({ outDir: "tmp/borough", seed: 1, scale: 1, faults: true })
 * await generateBorough({ outDir: "tmp/borough", extracts: { las: true, controcc: true } }) // + las/, controcc/
 * const all = await generateBorough({ outDir: "tmp/borough", extracts: { all: true } }) // every source kind
 * // all.etlSources: [{ plugin: "ons-population", files: ["population"] }, …, { plugin: "cld", files: [CLD files
 * // before 2026-27 Q1] }, { plugin: "las", … }, { plugin: "controcc", … }, …]
 * const model = boroughModel({ seed: 1 }) // the same borough in memory
 * ```
 */
import { writeFile } from "node:fs/promises"
import { isAbsolute, join, relative as relativePath, sep } from "node:path"
import { type CldWriteResult, type Fault, writeCldSubmissions } from "./cld-writer.js"
import { CONTROCC_CODES, writeControccExtracts } from "./controcc-writer.js"
import { type CqcFile, writeCqcDirectory } from "./cqc-writer.js"
import { type DolsWriteResult, writeDolsReturns } from "./dols-writer.js"
import { boroughExtras, type ExtrasFault, extrasEtlSources, writeExtras } from "./extras.js"
import { type HospitalWriteResult, writeHospitalExtract } from "./hospital-writer.js"
import { type ExtractFile, writeLasExtracts } from "./las-writer.js"
import {
  type BoroughModel,
  buildModel,
  LA_CODE,
  LA_NAME,
  MODEL_END,
  MODEL_START,
  type PopulationBand,
  population,
  simulatePeople,
} from "./model.js"
import { type PopulationFile, writePopulation } from "./population-writer.js"
import { type SpreadsheetFile, writeSpreadsheets } from "./spreadsheet-writer.js"
import { type SurveyFile, writeSurveys } from "./survey-writer.js"
import { TURNOVER_SOURCE, type TurnoverFile, writeTurnover } from "./turnover-writer.js"

export {
  type CldWriteResult,
  type CldWriterOptions,
  DEFAULT_FAULT_QUARTERS,
  type Fault,
  type FaultKind,
  type Submission,
  submissions,
  writeCldSubmissions,
} from "./cld-writer.js"
export {
  CONTROCC_CODES,
  CONTROCC_HEADER,
  CONTROCC_LABELS,
  controccRows,
  writeControccExtracts,
} from "./controcc-writer.js"
export {
  CQC_COLUMNS,
  CQC_SNAPSHOTS,
  type CqcEntry,
  type CqcFile,
  type CqcLocation,
  type CqcWriterOptions,
  cqcDirectory,
  cqcLocations,
  writeCqcDirectory,
} from "./cqc-writer.js"
export { csvCell, csvLine, parseCsv, parseCsvLine } from "./csv.js"
export {
  type ExtrasFault,
  type ExtrasManifest,
  extrasEtlSources,
  writeExtras,
} from "./extras.js"
export {
  HOSPITAL_COLUMNS,
  type HospitalWriteResult,
  type HospitalWriterOptions,
  writeHospitalExtract,
} from "./hospital-writer.js"
export {
  CsvFile,
  type ExtractFile,
  type ExtractWriterOptions,
  inPeriod,
  LAS_CODES,
  LAS_HEADERS,
  LAS_LABELS,
  LAS_REPORTS,
  type LasReport,
  type LasWriteResult,
  lasRows,
  ukDate,
  writeLasExtracts,
} from "./las-writer.js"
export {
  accommodationOn,
  type BoroughModel,
  type Caring,
  type CaseEvent,
  type CaseRecords,
  type CldEvent,
  type Contact,
  caseRecords,
  type Dated,
  isValidNhsNumber,
  LA_CODE,
  LA_NAME,
  MODEL_END,
  MODEL_START,
  type ModelOptions,
  nhsCheckDigit,
  type Person,
  type PopulationBand,
  population,
  type Risk,
  type SafeguardingConcern,
  type SafeguardingEnquiry,
  simulatePeople,
  type WorkItem,
} from "./model.js"
export {
  bandsFor,
  estimateFor,
  NOMIS_COLUMNS,
  nomisCsv,
  POPULATION_BASE_YEAR,
  POPULATION_YEARS,
  type PopulationFile,
  type PopulationWriterOptions,
  writePopulation,
  type YearEstimate,
} from "./population-writer.js"
export { Rng, seedFor } from "./rng.js"
export * as BoroughStats from "./stats.js"
export {
  ASCS_COLUMNS,
  ASCS_RESPONDENTS,
  ASCS_TARGETS,
  ASCS_YEARS,
  type AscsTargets,
  ascsDistributions,
  ascsEligibility,
  ascsSampleDate,
  type Distribution,
  drawSamples,
  SACE_COLUMNS,
  SACE_RESPONDENTS,
  SACE_TARGETS,
  SACE_YEARS,
  type SaceTargets,
  type Sample,
  type Sampled,
  type Stratum,
  type SurveyAnomaly,
  type SurveyFile,
  type SurveyRow,
  type SurveyTable,
  type SurveyWriterOptions,
  saceDistributions,
  saceEligible,
  saceSampleDate,
  surveyCsv,
  surveyTable,
  writeSurveys,
} from "./survey-writer.js"
export {
  TURNOVER_COLUMNS,
  TURNOVER_SOURCE,
  TURNOVER_VALUES,
  type TurnoverFile,
  type TurnoverValue,
  type TurnoverWriterOptions,
  writeTurnover,
} from "./turnover-writer.js"

/** Which extracts `generateBorough` writes beside the CLD submissions (see `GenerateBoroughOptions.extracts`). */
export interface BoroughExtracts {
  /** `las/<report>/…csv` and the borough's codes file `las/las-codes.json`. */
  readonly las?: boolean
  /** `controcc/…csv`: ContrOCC service agreements. */
  readonly controcc?: boolean
  /** `extras/DoLS_999_…csv`: the national DoLS returns (`writeExtras`). */
  readonly dols?: boolean
  /** `extras/…`: the teams' spreadsheets — complaints, compliments, carers' hub, feedback, audits, training, SARs. */
  readonly spreadsheets?: boolean
  /** `hospital/sus-apc-discharges.csv`: SUS-like hospital discharges over the whole model period. */
  readonly hospital?: boolean
  /** `population/nomis-mid-<year>-…csv`: ONS mid-year estimates 2022–2025 as NOMIS exports them. */
  readonly population?: boolean
  /** `surveys/ascs-<year>.csv` (2022-23 … 2025-26) and `surveys/sace-<year>.csv` (2023-24, 2025-26). */
  readonly surveys?: boolean
  /** `cqc/cqc-directory-<yyyy-mm>.csv`: CQC care directory downloads, 1 April 2023 … 2026. */
  readonly cqc?: boolean
  /** `published/asc-wds-turnover.csv`: ASCOF 6A (ASC-WDS staff turnover) as published. */
  readonly turnover?: boolean
  /** Every extract above. */
  readonly all?: boolean
}

/** One entry of an asckit ETL configuration's `sources`: a plugin id and that plugin's configuration fields. */
export interface EtlSourceEntry {
  readonly plugin: string
  readonly [field: string]: unknown
}

/** Options for `generateBorough`. */
export interface GenerateBoroughOptions {
  /** Directory for the files (created if missing). */
  readonly outDir: string
  /** Seed (default 1). The same seed and options give byte-identical files. */
  readonly seed?: number
  /** Multiplies population and caseload (default 1; 1–100 for realistic sizes, fractions for quick tests). */
  readonly scale?: number
  /** `csv` (default) or `xlsx`. */
  readonly format?: "csv" | "xlsx"
  /** Inject the known faults into some files and write `faults.json` (default false). */
  readonly faults?: boolean
  /** Defined-list labels for every file (default 2); see `mixReleases` for the 2024-25 switch-over. */
  readonly release?: 1 | 2
  /** Write Release 1 labels in the submissions before 2024-25 Q3 (default false). */
  readonly mixReleases?: boolean
  /** Write dates as dd/mm/yyyy in every file (`true`) or every third file (`"some"`); default ISO. */
  readonly ukDates?: boolean | "some"
  /**
   * Also write the borough's other sources for the same people and events, each in a folder of its own (only CLD
   * files sit directly in `outDir`, which the CLD source reads whole): the LAS and ContrOCC extracts in their
   * sources' default layouts (`las/<report>/…csv` with the borough's codes file `las/las-codes.json`, and
   * `controcc/…csv`, one file per report and CLD submission period), and the DoLS returns, spreadsheets, hospital
   * extract, population, surveys, CQC directory and turnover (see `BoroughExtracts`); `all: true` writes them all.
   * `faults` also injects the extras' known faults; `ukDates` (either form) writes the spreadsheets' dates as
   * dd/mm/yyyy.
   */
  readonly extracts?: BoroughExtracts
  /** Progress lines (the CLI prints them). */
  readonly onProgress?: (message: string) => void
}

/** One written file. */
export interface BoroughFile {
  /** Path as given (outDir joined with the file name). */
  readonly path: string
  readonly file: string
  /** Submission quarter, e.g. `2024-25 Q2`. */
  readonly quarter: string
  readonly periodStart: string
  readonly periodEnd: string
  readonly release: 1 | 2
  readonly ukDates: boolean
  /** Data rows (header excluded). */
  readonly rows: number
}

/** What `generateBorough` wrote. */
export interface BoroughManifest {
  /** The folder written to, as given. */
  readonly outDir: string
  readonly laCode: string
  readonly laName: string
  readonly seed: number
  readonly scale: number
  readonly format: "csv" | "xlsx"
  readonly modelStart: string
  readonly modelEnd: string
  readonly population: ReadonlyArray<PopulationBand>
  readonly files: ReadonlyArray<BoroughFile>
  readonly counts: {
    readonly people: number
    readonly serviceUsers: number
    readonly carers: number
    readonly events: number
    readonly eventsByType: CldWriteResult["eventsByType"]
  }
  readonly faults: ReadonlyArray<Fault>
  /** The other sources written (with `extracts`); paths as given (outDir joined with the file name). */
  readonly extracts?: {
    readonly las?: {
      readonly dir: string
      readonly codesFile: string
      readonly files: ReadonlyArray<ExtractFile>
    }
    readonly controcc?: { readonly dir: string; readonly files: ReadonlyArray<ExtractFile> }
    readonly dols?: {
      readonly dir: string
      readonly files: DolsWriteResult["files"]
      readonly faults: ReadonlyArray<ExtrasFault>
    }
    readonly spreadsheets?: {
      readonly dir: string
      readonly files: ReadonlyArray<SpreadsheetFile>
      readonly faults: ReadonlyArray<ExtrasFault>
    }
    readonly hospital?: HospitalWriteResult & { readonly dir: string }
    readonly population?: { readonly dir: string; readonly files: ReadonlyArray<PopulationFile> }
    readonly surveys?: { readonly dir: string; readonly files: ReadonlyArray<SurveyFile> }
    readonly cqc?: { readonly dir: string; readonly files: ReadonlyArray<CqcFile> }
    readonly turnover?: { readonly dir: string; readonly files: ReadonlyArray<TurnoverFile> }
  }
  /**
   * The ETL configuration that loads what was written (`sources` entries of an asckit configuration file: each
   * `{ plugin, ...config }`, paths relative to `outDir`): `boroughEtlSources(manifest)`: the people and events from the
   * CLD submissions before `SYSTEMS_CUTOVER` and from the LAS and ContrOCC extracts after it, when both are written
   * (see there).
   */
  readonly etlSources: ReadonlyArray<EtlSourceEntry>
}

/** The folders the extracts are written to, inside `outDir`. */
export const EXTRACT_DIRS = {
  las: "las",
  controcc: "controcc",
  extras: "extras",
  hospital: "hospital",
  population: "population",
  surveys: "surveys",
  cqc: "cqc",
  turnover: "published",
} as const

/** Simulates the borough and writes its quarterly CLD submissions, streaming person by person. */
export const generateBorough = async (options: GenerateBoroughOptions): Promise<BoroughManifest> => {
  const seed = options.seed ?? 1
  const scale = options.scale ?? 1
  if (!(scale > 0) || scale > 1000)
    throw new RangeError(`scale must be above 0 and at most 1000, got ${scale}`)
  const format = options.format ?? "csv"
  const result = await writeCldSubmissions(simulatePeople({ seed, scale }), {
    outDir: options.outDir,
    format,
    release: options.release ?? 2,
    mixReleases: options.mixReleases ?? false,
    ukDates: options.ukDates ?? false,
    injectFaults: options.faults ?? false,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  })
  // The extracts simulate the borough again (it is deterministic), so each writer streams the people on its own.
  const progress = options.onProgress === undefined ? {} : { onProgress: options.onProgress }
  const say = (m: string) => options.onProgress?.(m)
  const want = (k: Exclude<keyof BoroughExtracts, "all">) =>
    options.extracts?.all === true || options.extracts?.[k] === true
  const people = () => simulatePeople({ seed, scale })
  const dirOf = (k: keyof typeof EXTRACT_DIRS) => join(options.outDir, EXTRACT_DIRS[k])
  const lasDir = dirOf("las")
  const las = want("las")
    ? { dir: lasDir, ...writeLasExtracts(people(), { outDir: lasDir, seed, ...progress }) }
    : undefined
  const controccDir = dirOf("controcc")
  const controcc = want("controcc")
    ? {
        dir: controccDir,
        ...writeControccExtracts(people(), { outDir: controccDir, seed, ...progress }),
      }
    : undefined
  // DoLS returns and spreadsheets come from one generator (`writeExtras` when both are asked for; the same
  // writers, with the same options, when only one is), into extras/ so the CLD folder holds CLD files only.
  const extrasDir = dirOf("extras")
  const extrasOptions = {
    seed,
    scale,
    faults: options.faults ?? false,
    ukDates: options.ukDates !== undefined && options.ukDates !== false,
  }
  let dols: NonNullable<BoroughManifest["extracts"]>["dols"]
  let spreadsheets: NonNullable<BoroughManifest["extracts"]>["spreadsheets"]
  if (want("dols") || want("spreadsheets")) say("Writing the DoLS returns and spreadsheets …")
  if (want("dols") && want("spreadsheets")) {
    const m = await writeExtras(extrasDir, extrasOptions)
    dols = { dir: extrasDir, files: m.dols.files, faults: m.dols.faults }
    spreadsheets = { dir: extrasDir, files: m.spreadsheets.files, faults: m.spreadsheets.faults }
  } else if (want("dols") || want("spreadsheets")) {
    const extras = boroughExtras({ seed, scale })
    if (want("dols")) {
      const r = await writeDolsReturns(extras.dols, { outDir: extrasDir, faults: extrasOptions.faults })
      dols = { dir: extrasDir, files: r.files, faults: r.faults }
    } else {
      const r = await writeSpreadsheets(extras, {
        outDir: extrasDir,
        faults: extrasOptions.faults,
        ukDates: extrasOptions.ukDates,
      })
      spreadsheets = { dir: extrasDir, files: r.files, faults: r.faults }
    }
    const faults = [...(dols?.faults ?? []), ...(spreadsheets?.faults ?? [])]
    if (extrasOptions.faults)
      await writeFile(join(extrasDir, "extras-faults.json"), `${JSON.stringify(faults, null, 2)}\n`)
  }
  let hospital: NonNullable<BoroughManifest["extracts"]>["hospital"]
  if (want("hospital")) {
    say("Writing the hospital discharge extract …")
    const dir = dirOf("hospital")
    const r = await writeHospitalExtract(people(), {
      path: join(dir, "sus-apc-discharges.csv"),
      seed,
      scale,
      from: MODEL_START,
      to: MODEL_END,
    })
    hospital = { dir, ...r }
  }
  let populationFiles: NonNullable<BoroughManifest["extracts"]>["population"]
  if (want("population")) {
    say("Writing the ONS population estimates …")
    const dir = dirOf("population")
    populationFiles = { dir, files: await writePopulation({ outDir: dir, scale }) }
  }
  let surveys: NonNullable<BoroughManifest["extracts"]>["surveys"]
  if (want("surveys")) {
    say("Writing the ASCS and SACE response files …")
    const dir = dirOf("surveys")
    surveys = { dir, files: await writeSurveys(people(), { outDir: dir, seed, scale }) }
  }
  let cqc: NonNullable<BoroughManifest["extracts"]>["cqc"]
  if (want("cqc")) {
    say("Writing the CQC care directory downloads …")
    const dir = dirOf("cqc")
    cqc = { dir, files: await writeCqcDirectory({ outDir: dir, seed }) }
  }
  let turnover: NonNullable<BoroughManifest["extracts"]>["turnover"]
  if (want("turnover")) {
    say("Writing the ASC-WDS turnover values …")
    const dir = dirOf("turnover")
    turnover = { dir, files: [await writeTurnover({ outDir: dir })] }
  }
  const extracts = {
    ...(las === undefined ? {} : { las }),
    ...(controcc === undefined ? {} : { controcc }),
    ...(dols === undefined ? {} : { dols }),
    ...(spreadsheets === undefined ? {} : { spreadsheets }),
    ...(hospital === undefined ? {} : { hospital }),
    ...(populationFiles === undefined ? {} : { population: populationFiles }),
    ...(surveys === undefined ? {} : { surveys }),
    ...(cqc === undefined ? {} : { cqc }),
    ...(turnover === undefined ? {} : { turnover }),
  }
  const manifest: Omit<BoroughManifest, "etlSources"> = {
    outDir: options.outDir,
    laCode: LA_CODE,
    laName: LA_NAME,
    seed,
    scale,
    format,
    modelStart: MODEL_START,
    modelEnd: MODEL_END,
    population: population(scale),
    files: result.files.map((f) => ({
      path: f.path,
      file: f.file,
      quarter: f.quarter,
      periodStart: f.periodStart,
      periodEnd: f.periodEnd,
      release: f.release,
      ukDates: f.ukDates,
      rows: f.rows,
    })),
    counts: {
      people: result.people,
      serviceUsers: result.serviceUsers,
      carers: result.carers,
      events: result.events,
      eventsByType: result.eventsByType,
    },
    faults: result.faults,
    ...(Object.keys(extracts).length === 0 ? {} : { extracts }),
  }
  return { ...manifest, etlSources: boroughEtlSources(manifest) }
}

/** A path inside `outDir` as the ETL configuration gives it: relative, with forward slashes. */
const relative = (outDir: string, path: string): string => {
  const r = relativePath(outDir, path).split(sep).join("/")
  return r === "" ? "." : r
}

/** The LAS reports that hold what CLD does not: the front door, work trays and safeguarding. */
const LAS_ONLY_REPORTS: ReadonlySet<string> = new Set([
  "contacts",
  "work-tray",
  "safeguarding-concerns",
  "safeguarding-enquiries",
  "safeguarding-risks",
])

/** Where `boroughEtlSources` takes the borough's people and events from. */
export type EventsRoute = "cutover" | "cld" | "las-controcc"

/**
 * The default cutover of the `cutover` route: the first quarter whose people and events come from LAS and ContrOCC
 * rather than from a CLD submission — the start of 2026-27, the borough's 2025-26 year-end submission being the last
 * one it built the old way.
 */
export const SYSTEMS_CUTOVER = "2026-27 Q1"

/**
 * The ETL configuration that loads what `generateBorough` wrote: `sources` entries of an asckit configuration file
 * (each `{ plugin, ...config }`, paths relative to `manifest.outDir`), in load order — reference data first
 * (population, turnover, CQC directory: nothing depends on the people for them), then the people and events, the
 * hospital extract (linked to them by NHS number), the DoLS returns and spreadsheets, the surveys.
 *
 * Each quarter's people and events are loaded by one route only. The CLD submission and the LAS + ContrOCC reports
 * of a quarter describe the same events with the same DHSC unique-event key and the same precedence (reporting
 * period end, end date, outcome), so loading both does not add anything: on equal precedence the later file wins,
 * so every event of the second route is counted as *loaded* again (not as a duplicate), its lineage (run, file,
 * row) moves to the second route's file while the first file's record still counts it, the load takes twice as long
 * — and the columns only one route fills are overwritten by the other's (a CLD file loaded after LAS blanks LAS's
 * teams, review due dates and step types; ContrOCC after CLD blanks carers' caring hours on their services). So:
 * - `cutover` (default): what a council adopting asckit does — its past CLD submissions, as sent to DHSC, for the
 *   quarters before the cutover (`options.cutover`, default `SYSTEMS_CUTOVER`), and from the cutover on its LAS
 *   reports (people, carers, requests, assessments, reviews) and ContrOCC service agreements instead, from which
 *   asckit builds the CLD submissions from then on; plus every quarter of the LAS reports CLD never holds
 *   (contacts, work trays, safeguarding). The rolling 12-month periods overlap, and a later period's version of an
 *   event supersedes an earlier one whichever route brought it; the two routes give the same person and event
 *   facts (the equivalence test), so every figure is the one the CLD files alone give. Needs both extracts written
 *   (else it is the `cld` route);
 * - `cld`: every CLD submission, plus the LAS reports of what CLD does not hold; ContrOCC, which holds only the
 *   services CLD carries, is not loaded;
 * - `las-controcc`: every LAS report and the ContrOCC service agreements instead of the CLD files (needs both
 *   extracts written).
 */
export const boroughEtlSources = (
  manifest: Omit<BoroughManifest, "etlSources">,
  options: { readonly events?: EventsRoute; readonly cutover?: string } = {},
): ReadonlyArray<EtlSourceEntry> => {
  const x = manifest.extracts ?? {}
  const systems = x.las !== undefined && x.controcc !== undefined
  const asked = options.events ?? "cutover"
  if (asked === "las-controcc" && !systems)
    throw new RangeError(
      "events from LAS and ContrOCC need both extracts written (extracts.las, extracts.controcc)",
    )
  const cutover = options.cutover ?? SYSTEMS_CUTOVER
  if (!/^\d{4}-\d{2} Q[1-4]$/.test(cutover))
    throw new RangeError(`cutover must be a quarter such as "2026-27 Q1", got "${cutover}"`)
  const events = asked === "cutover" && !systems ? "cld" : asked
  // Which quarters' people and events come from the source systems (quarter labels sort as they run).
  const fromSystems = (quarter: string) =>
    events === "las-controcc" || (events === "cutover" && quarter >= cutover)
  const rel = (p: string) => relative(manifest.outDir, p)
  const out: Array<EtlSourceEntry> = []
  if (x.population) out.push({ plugin: "ons-population", files: [rel(x.population.dir)] })
  if (x.turnover)
    out.push({
      plugin: "published-values",
      files: x.turnover.files.map((f) => rel(f.path)),
      source: TURNOVER_SOURCE,
    })
  for (const f of x.cqc?.files ?? [])
    out.push({ plugin: "cqc-directory", files: [rel(f.path)], asAt: f.asAt })
  // the CLD submissions: every CLD file sits directly in outDir (the extracts are in folders of their own)
  if (events === "cld") out.push({ plugin: "cld", files: ["."] })
  if (events === "cutover") {
    const before = manifest.files.filter((f) => !fromSystems(f.quarter)).map((f) => rel(f.path))
    if (before.length > 0) out.push({ plugin: "cld", files: before })
  }
  const las = x.las
  if (las) {
    // per report: its folder when every quarter is loaded, else the quarters' files
    const reports = [...new Set(las.files.map((f) => f.report))]
    const files = Object.fromEntries(
      reports.flatMap((r) => {
        const all = las.files.filter((f) => f.report === r)
        const chosen = LAS_ONLY_REPORTS.has(r) ? all : all.filter((f) => fromSystems(f.quarter))
        if (chosen.length === 0) return []
        return [[r, chosen.length === all.length ? [`${rel(las.dir)}/${r}`] : chosen.map((f) => rel(f.path))]]
      }),
    )
    out.push({ plugin: "las", laCode: LA_CODE, files, mapping: { codesFile: rel(las.codesFile) } })
  }
  const controcc = x.controcc
  if (controcc && events !== "cld") {
    const files = controcc.files.filter((f) => fromSystems(f.quarter)).map((f) => rel(f.path))
    if (files.length > 0)
      out.push({
        plugin: "controcc",
        laCode: LA_CODE,
        files: files.length === controcc.files.length ? [rel(controcc.dir)] : files,
        mapping: { codes: CONTROCC_CODES },
      })
  }
  if (x.hospital) out.push({ plugin: "hospital", files: [rel(x.hospital.path)], laCode: LA_CODE })
  // the extras' own configuration (`extrasEtlSources`), its paths made relative to outDir
  const extrasDir = x.dols?.dir ?? x.spreadsheets?.dir
  if (extrasDir !== undefined) {
    const extras = extrasEtlSources({
      laCode: LA_CODE,
      spreadsheets: { files: x.spreadsheets?.files ?? [], faults: [] },
    })
    for (const s of extras) {
      if (s.plugin === "dols" && x.dols === undefined) continue
      const files = (s.config.files as ReadonlyArray<string>).map((f) => `${rel(extrasDir)}/${f}`)
      out.push({ plugin: s.plugin, ...s.config, files })
    }
  }
  for (const f of x.surveys?.files ?? [])
    out.push({ plugin: "survey", survey: f.survey, year: f.year, laCode: LA_CODE, files: [rel(f.path)] })
  return out
}

/**
 * ETL configuration entries with their paths (`files`, `mappingFile`, `mapping.codesFile`) moved from being relative
 * to `fromDir` to being relative to `toDir` — e.g. `manifest.etlSources` for a configuration file kept elsewhere.
 */
export const rebaseEtlSources = (
  entries: ReadonlyArray<EtlSourceEntry>,
  fromDir: string,
  toDir: string,
): ReadonlyArray<EtlSourceEntry> => {
  const move = (p: string) => relative(toDir, isAbsolute(p) ? p : join(fromDir, p))
  const files = (f: unknown): unknown =>
    Array.isArray(f)
      ? f.map((p) => (typeof p === "string" ? move(p) : p))
      : typeof f === "object" && f !== null
        ? Object.fromEntries(Object.entries(f).map(([k, v]) => [k, files(v)]))
        : f
  return entries.map((e) => {
    const mapping = e.mapping as Record<string, unknown> | undefined
    return {
      ...e,
      ...(e.files === undefined ? {} : { files: files(e.files) }),
      ...(typeof e.mappingFile === "string" ? { mappingFile: move(e.mappingFile) } : {}),
      ...(typeof mapping?.codesFile === "string"
        ? { mapping: { ...mapping, codesFile: move(mapping.codesFile) } }
        : {}),
    }
  })
}

/** The borough in memory (people and their events), for tests and analysis at small scales. */
export const boroughModel = (
  options: { readonly seed?: number; readonly scale?: number } = {},
): BoroughModel => buildModel(options)
