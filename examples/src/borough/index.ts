/**
 * The Synthetic Borough generator: a deterministic, fictional council (LA code 999) whose adult social care
 * activity is simulated and written out as the files a council's performance team would handle: the quarterly
 * Client Level Data submissions and, with `extracts`, the same people and events as its Liquidlogic LAS reports
 * (plus what only LAS holds: contacts, work trays, safeguarding, review due dates — `caseRecords`) and its ContrOCC
 * service agreements, for the same quarterly periods, in the LAS and ContrOCC sources' default layouts.
 *
 * ```ts
 * const manifest = await generateBorough({ outDir: "tmp/borough", seed: 1, scale: 1, faults: true })
 * await generateBorough({ outDir: "tmp/borough", extracts: { las: true, controcc: true } }) // + las/, controcc/
 * const model = boroughModel({ seed: 1 }) // the same borough in memory
 * ```
 */
import { join } from "node:path"
import { type CldWriteResult, type Fault, writeCldSubmissions } from "./cld-writer.js"
import { writeControccExtracts } from "./controcc-writer.js"
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
export { csvCell, csvLine, parseCsv, parseCsvLine } from "./csv.js"
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
export { Rng, seedFor } from "./rng.js"
export * as BoroughStats from "./stats.js"

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
   * Also write the borough's source-system extracts for the same people and events, in the LAS and ContrOCC
   * sources' default layouts: `las/<report>/…csv` (with the borough's codes file `las/las-codes.json`) and
   * `controcc/…csv`, one file per report and CLD submission period.
   */
  readonly extracts?: { readonly las?: boolean; readonly controcc?: boolean }
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
  /** The source-system extracts written (with `extracts`). */
  readonly extracts?: {
    readonly las?: {
      readonly dir: string
      readonly codesFile: string
      readonly files: ReadonlyArray<ExtractFile>
    }
    readonly controcc?: { readonly dir: string; readonly files: ReadonlyArray<ExtractFile> }
  }
}

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
  const lasDir = join(options.outDir, "las")
  const las =
    options.extracts?.las === true
      ? {
          dir: lasDir,
          ...writeLasExtracts(simulatePeople({ seed, scale }), { outDir: lasDir, seed, ...progress }),
        }
      : undefined
  const controccDir = join(options.outDir, "controcc")
  const controcc =
    options.extracts?.controcc === true
      ? {
          dir: controccDir,
          ...writeControccExtracts(simulatePeople({ seed, scale }), {
            outDir: controccDir,
            seed,
            ...progress,
          }),
        }
      : undefined
  return {
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
    ...(las === undefined && controcc === undefined
      ? {}
      : {
          extracts: {
            ...(las === undefined ? {} : { las }),
            ...(controcc === undefined ? {} : { controcc }),
          },
        }),
  }
}

/** The borough in memory (people and their events), for tests and analysis at small scales. */
export const boroughModel = (
  options: { readonly seed?: number; readonly scale?: number } = {},
): BoroughModel => buildModel(options)
