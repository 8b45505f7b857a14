/**
 * The generic spreadsheet source: any local spreadsheet (CSV or XLSX) loaded into `local_record` through a
 * declarative dataset mapping — a built-in one (`complaints`, `compliments`, `carers-hub`, `feedback`, `audits`,
 * `training`, `sars`; see `datasets.ts`) or a council's own mapping file (JSON, the shape of `DatasetMapping`).
 *
 * - Each column feeds a `local_record` field (record id, person id, record date, end date, category, outcome,
 *   source, team, value) or the record's JSON `attributes`; types, required columns and code tables are checked
 *   as the mapping says. Headers, code tables, the missing/unexpected-columns error and the unmapped-value
 *   quarantine are the shared `Mapping` machinery's: a council adds header spellings and local labels in the
 *   configuration's `mapping` (`columns.<dataset>`, `codes.<table>`, `codesFile`), and `Mapping.unmapped` lists
 *   what is still unmapped, with row counts.
 * - Person ids (and record ids that identify a person, such as a carer's hub id) are pseudonymised by the pipeline;
 *   a person id is namespaced by LA code (`<LA>:<id>`), as CLD's LA person id is, so it joins
 *   `person.la_person_id_pseudo`. Identifier columns never reach `attributes` or the quarantine in clear.
 * - Records are keyed on dataset, LA and record id; a later export of the same log updates them (merge: the later
 *   file wins), and a record repeated within one file is reported as a duplicate.
 *
 * Each built-in dataset has its own stream (so two datasets kept as two sheets of one workbook both load); datasets
 * from mapping files share the `custom` stream (two custom datasets in one workbook: save the sheets as separate
 * files, as a file already loaded by a stream is skipped).
 *
 * Configuration: `{ "dataset": "complaints", "files": ["logs/complaints.xlsx"], "laCode": "999", "sheet"?:
 * "Complaints", "mapping"?: { … } }`, or `{ "mappingFile": "mappings/falls-log.json", … }` instead of `dataset`.
 *
 * @category sources
 */
import { readFileSync } from "node:fs"
import { isAbsolute, resolve } from "node:path"
import { Effect, Either, ParseResult, Schema, Stream } from "effect"
import { ConfigError, SourceFileError } from "../../EtlError.js"
import type { RawRow, SourceRow } from "../../SourcePlugin.js"
import * as SourcePlugin from "../../SourcePlugin.js"
import * as SourceRegistry from "../../SourceRegistry.js"
import { localRecord } from "../../WarehouseSchema.js"
import { expandPaths } from "../cld/index.js"
import { namespacedId } from "../identity.js"
import * as Mapping from "../mapping/index.js"
import {
  type DatasetMapping,
  DatasetMapping as DatasetMappingSchema,
  decoderOf,
  identifierColumnsOf,
  specOf,
} from "./dataset.js"
import { builtIn } from "./datasets.js"

export {
  ColumnType,
  DatasetCodes,
  DatasetColumn,
  DatasetMapping,
  dataset,
  Field,
  NONE,
  parseMonth,
  specOf,
} from "./dataset.js"
export { audits, builtIn, carersHub, complaints, compliments, feedback, sars, training } from "./datasets.js"

const quote = (xs: ReadonlyArray<string>) => xs.map((x) => JSON.stringify(x)).join(", ")

/** The spreadsheet source configuration (see the module docs). */
export const Config = Schema.Struct({
  /** A built-in dataset mapping, by name. */
  dataset: Schema.optional(Schema.String),
  /** A council's own dataset mapping (JSON), relative to the configuration file. */
  mappingFile: Schema.optional(Schema.String),
  /** Files, folders or `*` patterns, relative to the configuration file. */
  files: Schema.Array(Schema.String).pipe(Schema.minItems(1)),
  /** The council's three-digit CASSR code, stored on every record. */
  laCode: Schema.String.pipe(
    Schema.pattern(/^\d{3}$/, { message: () => "a three-digit CASSR code, e.g. 305" }),
  ),
  /** The worksheet of XLSX files to read (default: the mapping's, else the first). */
  sheet: Schema.optional(Schema.String),
  /** Header aliases and code mappings over the dataset mapping's (see `Mapping.Override`). */
  mapping: Schema.optional(Mapping.Override),
}).pipe(
  Schema.filter((c) => {
    if ((c.dataset === undefined) === (c.mappingFile === undefined))
      return "give either dataset (a built-in mapping) or mappingFile (your own), not both or neither"
    if (c.dataset !== undefined) {
      const m = builtIn[c.dataset]
      if (m === undefined)
        return `no built-in dataset ${JSON.stringify(c.dataset)} (built-in: ${quote(Object.keys(builtIn))}); for your own, use mappingFile`
      const p = Mapping.problems(specOf(m), c.mapping ?? {})
      if (p.length > 0) return `the mapping does not fit the ${c.dataset} dataset:\n${p.join("\n")}`
    }
    return true
  }),
)
/** The spreadsheet source configuration. */
export type Config = typeof Config.Type

const decodeMapping = Schema.decodeUnknownEither(DatasetMappingSchema, { errors: "all" })

/** Reads and checks a dataset mapping file, failing with a `ConfigError` that says what is wrong. */
export const readMappingFile = (file: string, baseDir: string): Effect.Effect<DatasetMapping, ConfigError> =>
  Effect.gen(function* () {
    const path = isAbsolute(file) ? file : resolve(baseDir, file)
    const json = yield* Effect.try({
      try: () => JSON.parse(readFileSync(path, "utf8")) as unknown,
      catch: (e) =>
        new ConfigError({
          path,
          message: `${path}: the dataset mapping cannot be read (${(e as Error).message}). Check mappingFile.`,
        }),
    })
    const m = decodeMapping(json)
    if (Either.isLeft(m))
      return yield* Effect.fail(
        new ConfigError({
          path,
          message: `${path}: not a valid dataset mapping:\n${ParseResult.TreeFormatter.formatErrorSync(m.left)}`,
        }),
      )
    return m.right
  })

/** A configuration's dataset mapping and its compiled `Mapping` (the override checked against it). */
export const resolveMapping = (
  config: Config,
  baseDir: string,
): Effect.Effect<{ readonly dataset: DatasetMapping; readonly mapping: Mapping.Mapping }, ConfigError> =>
  Effect.gen(function* () {
    const dataset =
      config.dataset !== undefined
        ? builtIn[config.dataset]!
        : yield* readMappingFile(config.mappingFile!, baseDir)
    const spec = specOf(dataset)
    const p = Mapping.problems(spec, config.mapping ?? {})
    if (p.length > 0)
      return yield* Effect.fail(
        new ConfigError({
          message: `The mapping does not fit the ${dataset.dataset} dataset:\n${p.join("\n")}`,
        }),
      )
    const mapping = yield* Mapping.compile(spec, config.mapping, baseDir)
    return { dataset, mapping }
  })

/** Canonical keys of the rows `extract` gives (every dataset alike), read by the streams' row Schema. */
const K = {
  dataset: "_dataset",
  laCode: "_laCode",
  recordId: "_recordId",
  recordIdSecret: "_recordIdSecret",
  personRef: "_personRef",
  recordDate: "_recordDate",
  endDate: "_endDate",
  category: "_category",
  outcome: "_outcome",
  source: "_source",
  team: "_team",
  value: "_value",
  attributes: "_attributes",
  findings: "_findings",
} as const

/** A decoded record, ready for the sink (identifier fields raw: the pipeline pseudonymises them). */
export interface LocalRow {
  readonly dataset: string
  readonly laCode: string
  /** The record id, when it does not identify a person. */
  readonly recordId: string | null
  /** Identifier: the record id, when it identifies a person (a carer's hub id). */
  readonly recordIdSecret: string | null
  /** Identifier: `<LA>:<person id>`. */
  readonly personId: string | null
  readonly recordDate: string
  readonly endDate: string | null
  readonly category: string | null
  readonly outcome: string | null
  readonly source: string | null
  readonly team: string | null
  readonly value: number | null
  readonly attributes: string | null
}

/** The streams' row Schema: the canonical cells `extract` gives, and the findings it carried. */
export const LocalRowSchema = Mapping.rowSchema({
  name: "LocalRecord",
  fields: {
    dataset: Mapping.text(K.dataset, true),
    laCode: Mapping.text(K.laCode, true),
    recordId: Mapping.text(K.recordId),
    recordIdSecret: Mapping.text(K.recordIdSecret),
    personRef: Mapping.text(K.personRef),
    recordDate: Mapping.date(K.recordDate, true),
    endDate: Mapping.date(K.endDate),
    category: Mapping.text(K.category),
    outcome: Mapping.text(K.outcome),
    source: Mapping.text(K.source),
    team: Mapping.text(K.team),
    value: Mapping.number(K.value),
    attributes: Mapping.text(K.attributes),
  },
  build: (v, ctx): LocalRow => {
    const found = ctx.cell(K.findings)
    if (found !== undefined)
      for (const f of JSON.parse(found) as Array<{
        column: string
        code: string
        message: string
        raw: string | null
      }>)
        ctx.finding(f.column, f.code, f.message, f.raw ?? undefined)
    const la = Mapping.asText(v.laCode)!
    const ref = Mapping.asText(v.personRef)
    return {
      dataset: Mapping.asText(v.dataset)!,
      laCode: la,
      recordId: Mapping.asText(v.recordId),
      recordIdSecret: Mapping.asText(v.recordIdSecret),
      personId: ref === null ? null : namespacedId(la, ref),
      recordDate: Mapping.asDate(v.recordDate)!,
      endDate: Mapping.asDate(v.endDate),
      category: Mapping.asText(v.category),
      outcome: Mapping.asText(v.outcome),
      source: Mapping.asText(v.source),
      team: Mapping.asText(v.team),
      value: Mapping.asNumber(v.value),
      attributes: Mapping.asText(v.attributes),
    }
  },
}) as Schema.Schema<LocalRow, RawRow>

/** Raw keys holding identifiers in the rows `extract` gives (the dataset's identifier columns are moved there). */
export const identifierColumns: ReadonlyArray<string> = [K.personRef, K.recordIdSecret]

const streamOf = (name: string, description: string) =>
  SourcePlugin.stream<LocalRow>({
    name,
    description,
    row: LocalRowSchema,
    key: ["dataset", "laCode", "recordId", "recordIdSecret"],
    mode: "merge",
    identifiers: ["personId", "recordIdSecret"],
    identifierColumns,
    sink: {
      primary: {
        table: localRecord,
        map: (r) => ({
          dataset: r.dataset,
          laCode: r.laCode,
          recordId: r.recordIdSecret ?? r.recordId,
          personId: r.personId,
          recordDate: r.recordDate,
          endDate: r.endDate,
          category: r.category,
          outcome: r.outcome,
          source: r.source,
          team: r.team,
          value: r.value,
          attributes: r.attributes,
        }),
      },
    },
  })

/** The stream of datasets from mapping files. */
export const CUSTOM_STREAM = "custom"

/** The plugin's streams: one per built-in dataset, and `custom`. */
export const streams: ReadonlyArray<SourcePlugin.StreamSpec<LocalRow>> = [
  ...Object.values(builtIn).map((m) => streamOf(m.dataset, `${m.title} (built-in dataset mapping)`)),
  streamOf(CUSTOM_STREAM, "a local spreadsheet read through a council's own dataset mapping"),
]

/**
 * Turns a mapped row into the canonical cells the streams read: the dataset's identifier columns moved under the
 * identifier keys (so the quarantine never holds them in clear), and, for a row that decodes, the record's fields.
 */
export const canonicalRows = (dataset: DatasetMapping, laCode: string): ((r: SourceRow) => SourceRow) => {
  const decode = decoderOf(dataset)
  const hidden = new Set(identifierColumnsOf(dataset).flatMap((c) => [c, Mapping.localColumn(c)]))
  const idColumn = dataset.columns.find((c) => c.field === "recordId")
  const personColumn = dataset.columns.find((c) => c.field === "personId")
  const idHidden = idColumn !== undefined && hidden.has(idColumn.name)
  return (r) => {
    const base: Record<string, string | undefined> = { [K.dataset]: dataset.dataset, [K.laCode]: laCode }
    for (const [k, x] of Object.entries(r.values)) if (!hidden.has(k)) base[k] = x
    if (personColumn !== undefined) base[K.personRef] = r.values[personColumn.name]
    if (idHidden) base[K.recordIdSecret] = r.values[idColumn.name]
    if (r.issues !== undefined && r.issues.length > 0) return { row: r.row, values: base, issues: r.issues }
    const d = decode(r.values)
    if (Either.isLeft(d)) return { row: r.row, values: base, issues: d.left }
    const x = d.right
    return {
      row: r.row,
      values: {
        ...base,
        [K.recordId]: x.recordIdIsIdentifier ? undefined : x.recordId,
        [K.recordIdSecret]: x.recordIdIsIdentifier ? x.recordId : undefined,
        [K.personRef]: x.personRef ?? undefined,
        [K.recordDate]: x.recordDate,
        [K.endDate]: x.endDate ?? undefined,
        [K.category]: x.category ?? undefined,
        [K.outcome]: x.outcome ?? undefined,
        [K.source]: x.source ?? undefined,
        [K.team]: x.team ?? undefined,
        [K.value]: x.value === null ? undefined : String(x.value),
        [K.attributes]: x.attributes ?? undefined,
        [K.findings]: x.findings.length === 0 ? undefined : JSON.stringify(x.findings),
      },
    }
  }
}

/** The spreadsheet source plugin. */
export const plugin = SourcePlugin.make<Config>({
  id: "spreadsheet",
  description: "Local spreadsheets (CSV or XLSX) through a dataset mapping, into local_record",
  config: Config,
  streams,
  worker: { module: import.meta.url, export: "plugin" },
  inputs: (config, context) =>
    Effect.flatMap(resolveMapping(config, context.baseDir), ({ dataset }) =>
      Effect.map(expandPaths(config.files, context.baseDir), (paths) =>
        paths.map((path) => ({
          stream: config.dataset !== undefined ? dataset.dataset : CUSTOM_STREAM,
          path,
        })),
      ),
    ),
  extract: (config, input, context) =>
    Stream.unwrap(
      Effect.map(
        Effect.mapError(
          resolveMapping(config, context.baseDir),
          (e) => new SourceFileError({ path: input.path, problem: "malformed", message: e.message }),
        ),
        ({ dataset, mapping }) =>
          Stream.map(
            Mapping.read(mapping, dataset.dataset, input.path, { sheet: config.sheet ?? dataset.sheet }),
            canonicalRows(dataset, config.laCode),
          ),
      ),
    ),
})

/** Registers the spreadsheet source. */
export const layer = SourceRegistry.register(plugin)
