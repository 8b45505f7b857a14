/**
 * The hospital-discharge source: a SUS-like extract of admitted patient care — one row per hospital spell's last
 * episode (its discharge) — into `hospital_episode`, for ASCOF 2D (people 65+ discharged into reablement and what
 * happened in the next 12 weeks; DHSC ASC-CLD-LA-Dashboard `Create_ASCOF_2D.sql`).
 *
 * Columns (case, spaces and underscores ignored; SUS names such as `APCS_Ident`, `Der_Management_Type`, `AdmiMeth`
 * accepted): `NHS_Number`, `Episode_Id`, `Age_At_Discharge`, `Admission_Date`, `Discharge_Date`,
 * `Admission_Method`, `Discharge_Method`, `Discharge_Destination`, `Treatment_Function_Code`, `Management_Type`, and
 * `LA_Code` unless the configuration gives `laCode`. See `row.ts` for the rules.
 *
 * Privacy: the NHS number is pseudonymised by the pipeline with the same key as CLD's, so `hospital_episode.person_id`
 * is the `person_id` CLD gives the same NHS number (DHSC links SUS and CLD on the pseudonymised NHS number) and the
 * number itself is never stored; the episode id is pseudonymised too. Neither is echoed in messages.
 *
 * Rows merge by (LA, episode): a later extract holding the same spell replaces the earlier one's row.
 *
 * Configuration: `{ "files": ["sus/discharges-2024-25.csv"], "laCode": "305" }` — files, folders or `*` patterns,
 * relative to the configuration file.
 *
 * @category sources
 */
import { Effect, Schema, Stream } from "effect"
import * as SourcePlugin from "../../SourcePlugin.js"
import * as SourceRegistry from "../../SourceRegistry.js"
import * as Tabular from "../../Tabular.js"
import { hospitalEpisode } from "../../WarehouseSchema.js"
import { expandPaths } from "../cld/index.js"
import { canonicalHeader, columnOf, columns, type HospitalRow, HospitalRowSchema } from "./row.js"

export { canonicalHeader, columns, decodeRow, type HospitalRow } from "./row.js"

/** The hospital-discharge source configuration. */
export const Config = Schema.Struct({
  /** Files, folders or `*` patterns, relative to the configuration file. */
  files: Schema.Array(Schema.String).pipe(Schema.minItems(1)),
  /** The council's CASSR code, for rows (or files) without an `LA_Code`. */
  laCode: Schema.optional(Schema.String.pipe(Schema.pattern(/^[0-9A-Za-z]{3,5}$/))),
})
/** The hospital-discharge source configuration. */
export type Config = typeof Config.Type

/** Raw columns holding personal identifiers: never echoed in messages, pseudonymised in the quarantine. */
export const identifierColumns: ReadonlyArray<string> = ["NHS_Number", "Episode_Id"]

/** The columns every extract must have (`LA_Code` too when the configuration has no `laCode`). */
export const requiredColumns: ReadonlyArray<string> = [
  "NHS_Number",
  "Episode_Id",
  "Admission_Date",
  "Discharge_Date",
  "Age_At_Discharge",
  "Admission_Method",
  "Discharge_Method",
  "Discharge_Destination",
  "Treatment_Function_Code",
  "Management_Type",
]

/** The discharges stream: one row per spell, into `hospital_episode`. */
export const discharges = SourcePlugin.stream<HospitalRow>({
  name: "discharges",
  description:
    "hospital spells (last episodes) with admission and discharge details, linked to people by NHS number",
  row: HospitalRowSchema,
  key: ["laCode", "episodeId"],
  mode: "merge",
  identifiers: ["nhsNumber", "episodeId"],
  identifierColumns,
  columnOf,
  sink: {
    primary: {
      table: hospitalEpisode,
      map: (r) => ({
        laCode: r.laCode,
        episodeId: r.episodeId,
        personId: r.nhsNumber,
        ageAtDischarge: r.ageAtDischarge,
        admissionDate: r.admissionDate,
        dischargeDate: r.dischargeDate,
        admissionMethod: r.admissionMethod,
        dischargeMethod: r.dischargeMethod,
        dischargeDestination: r.dischargeDestination,
        treatmentFunction: r.treatmentFunction,
        managementType: r.managementType,
      }),
    },
  },
})

/** The hospital-discharge source plugin. */
export const plugin = SourcePlugin.make<Config>({
  id: "hospital",
  description:
    "Hospital discharges (SUS-like admitted patient care extract: one row per spell's last episode)",
  config: Config,
  streams: [discharges],
  worker: { module: import.meta.url, export: "plugin" },
  inputs: (config, context) =>
    Effect.map(expandPaths(config.files, context.baseDir), (paths) =>
      paths.map((path) => ({ stream: "discharges", path })),
    ),
  extract: (config, input) =>
    Stream.unwrap(
      Effect.map(Tabular.probe(input.path), (probe) => {
        const rows = Tabular.table(probe, {
          canonical: canonicalHeader,
          required: config.laCode === undefined ? ["LA_Code", ...requiredColumns] : requiredColumns,
          columns,
        })
        const la = config.laCode
        return la === undefined
          ? rows
          : Stream.map(rows, (r) =>
              r.values.LA_Code === undefined || r.values.LA_Code.trim() === ""
                ? { ...r, values: { ...r.values, LA_Code: la } }
                : r,
            )
      }),
    ),
})

/** Registers the hospital-discharge source. */
export const layer = SourceRegistry.register(plugin)
