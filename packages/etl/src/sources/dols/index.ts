/**
 * The DoLS source: the council's Deprivation of Liberty Safeguards applications, case level, in the layout of the
 * national DoLS collection return (one row per application; domain.md §5) — the annual returns a council
 * submits, or an extract of its DoLS database in the same layout — loaded into `dols_application`.
 *
 * - Headers match the template's wording and common export spellings (`spec.ts`); a council's own headers and
 *   codes go in `mapping` (`columns.applications`, `codes.<table>`, or a `codesFile`). A file whose columns do
 *   not fit fails with the missing and unrecognised columns; a value no code table maps quarantines its row and
 *   is listed, with its row count, by `Mapping.unmapped`.
 * - Person and application references are pseudonymised by the pipeline before anything is stored (the person
 *   reference namespaced by LA code, so it joins CLD's LA person id pseudonym); age is kept as its band.
 * - Successive returns repeat applications still active: they merge into one row per application (LA, person,
 *   date received, managing authority), the most advanced version winning (`row.ts`).
 *
 * Configuration: `{ "files": ["dols/"], "laCode": "999", "sheet"?: "DoLS", "mapping"?: { … } }` — files, folders or
 * `*` patterns relative to the configuration file; `laCode` is used where the file has no LA code.
 *
 * @category sources
 */
import { Effect, Schema, Stream } from "effect"
import { SourceFileError } from "../../EtlError.js"
import * as SourcePlugin from "../../SourcePlugin.js"
import * as SourceRegistry from "../../SourceRegistry.js"
import { dolsApplication } from "../../WarehouseSchema.js"
import { expandPaths } from "../cld/index.js"
import * as Mapping from "../mapping/index.js"
import { type DolsRow, DolsRowSchema } from "./row.js"
import { spec } from "./spec.js"

export { AgeBand, ApplicationStatus, AssessmentStatus, NotGrantedReason, spec, Urgent } from "./spec.js"

/** The DoLS source configuration. */
export const Config = Schema.Struct({
  /** Files, folders or `*` patterns, relative to the configuration file. */
  files: Schema.Array(Schema.String).pipe(Schema.minItems(1)),
  /** The council's three-digit CASSR code, for files without an LA code column. */
  laCode: Schema.optional(
    Schema.String.pipe(Schema.pattern(/^\d{3}$/, { message: () => "a three-digit CASSR code, e.g. 305" })),
  ),
  /** The worksheet of XLSX files to read (default: the first). */
  sheet: Schema.optional(Schema.String),
  /** The council's header aliases and code mappings over the defaults (see `Mapping.Override`). */
  mapping: Schema.optional(Mapping.overrideFor(spec)),
})
/** The DoLS source configuration. */
export type Config = typeof Config.Type

/** Raw columns holding identifiers: never echoed in messages, pseudonymised in the quarantine. */
export const identifierColumns: ReadonlyArray<string> = ["Application_Reference", "Person_Reference"]

const v = <T>(x: T) => (x === undefined ? null : x)

/** The DoLS stream: one row per application, into `dols_application`. */
export const applications = SourcePlugin.stream<DolsRow>({
  name: "applications",
  description: "DoLS applications (national DoLS return layout)",
  row: DolsRowSchema,
  key: ["laCode", "personKey", "receivedDate", "managingKey"],
  mode: "merge",
  precedence: "precedence",
  identifiers: ["personKey", "personId", "applicationRef"],
  identifierColumns,
  sink: {
    primary: {
      table: dolsApplication,
      map: (r) => ({
        laCode: r.laCode,
        applicationRef: r.applicationRef,
        personId: v(r.personId),
        managingAuthorityCqc: r.managingAuthority,
        receivedDate: r.receivedDate,
        urgent: r.urgent,
        ageAssessment: r.ageAssessment,
        mentalHealthAssessment: r.mentalHealthAssessment,
        mentalCapacityAssessment: r.mentalCapacityAssessment,
        noRefusalsAssessment: r.noRefusalsAssessment,
        eligibilityAssessment: r.eligibilityAssessment,
        bestInterestsAssessment: r.bestInterestsAssessment,
        lastAssessmentDate: r.lastAssessmentDate,
        signedOffDate: r.signedOffDate,
        status: r.status,
        statusSource: r.statusSource,
        notGrantedReason: r.notGrantedReason,
        authorisationStart: r.authorisationStart,
        authorisationEnd: r.authorisationEnd,
        ageBand: r.ageBand,
        gender: r.gender,
      }),
    },
  },
})

const asFileError = (path: string) => (e: { readonly message: string }) =>
  new SourceFileError({ path, problem: "malformed", message: e.message })

/** The DoLS source plugin. */
export const plugin = SourcePlugin.make<Config>({
  id: "dols",
  description:
    "DoLS applications, case level (the national DoLS return, or a DoLS database extract in its layout)",
  config: Config,
  streams: [applications],
  worker: { module: import.meta.url, export: "plugin" },
  inputs: (config, context) =>
    Effect.zipRight(
      // compiled here so a bad codes file is a configuration error, before any file is read
      Mapping.compile(spec, config.mapping, context.baseDir),
      Effect.map(expandPaths(config.files, context.baseDir), (paths) =>
        paths.map((path) => ({ stream: "applications", path })),
      ),
    ),
  extract: (config, input, context) =>
    Stream.unwrap(
      Effect.map(
        Effect.mapError(Mapping.compile(spec, config.mapping, context.baseDir), asFileError(input.path)),
        (mapping) => {
          const rows = Mapping.read(mapping, "applications", input.path, { sheet: config.sheet })
          const la = config.laCode
          if (la === undefined) return rows
          // the configuration's LA code stands in for a blank or absent LA code column
          return Stream.map(rows, (r) => {
            const cell = r.values.LA_Code
            return cell === undefined || cell.trim() === ""
              ? { ...r, values: { ...r.values, LA_Code: la } }
              : r
          })
        },
      ),
    ),
})

/** Registers the DoLS source. */
export const layer = SourceRegistry.register(plugin)
