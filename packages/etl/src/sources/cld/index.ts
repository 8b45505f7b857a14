/**
 * The Client Level Data (CLD) source: the quarterly CLD submission files a council already produces (CSV or XLSX,
 * Release 1 or Release 2 labels), loaded into `event`, `person` and `carer_link`.
 *
 * - Headers are matched to the official field names tolerantly (case, spaces, underscores), a UTF-8 BOM or
 *   Windows-1252 text is fine, dates may be ISO or UK `dd/mm/yyyy`.
 * - Rows are validated by the defined lists and DHSC's data-quality statuses (see `row.ts`).
 * - Overlapping quarterly submissions are deduplicated by the DHSC unique-event key, the latest submission winning.
 * - NHS numbers, LA person ids and linked-person ids are pseudonymised by the pipeline before anything is stored;
 *   date of birth is reduced to month and year, postcode to its district.
 *
 * Configuration: `{ "files": ["submissions/", "extra/Q2.xlsx", "2025/*.csv"], "sheet"?: "CLD" }` — files, folders
 * (every .csv/.xlsx inside, in name order) or `*` patterns, relative to the configuration file.
 *
 * @category sources
 */
import { readdirSync, statSync } from "node:fs"
import { basename, dirname, extname, isAbsolute, join, resolve } from "node:path"
import { Cld } from "@asckit/core"
import { Effect, Schema, Stream } from "effect"
import * as SourcePlugin from "../../SourcePlugin.js"
import * as SourceRegistry from "../../SourceRegistry.js"
import * as Tabular from "../../Tabular.js"
import { carerLink, event } from "../../WarehouseSchema.js"
import * as Facts from "../facts.js"
import * as Identity from "../identity.js"
import { type CldRow, CldRowSchema } from "./row.js"

/** The CLD source configuration. */
export const Config = Schema.Struct({
  /** Files, folders or `*` patterns, relative to the configuration file. */
  files: Schema.Array(Schema.String).pipe(Schema.minItems(1)),
  /** The worksheet of XLSX files to read (default: the first). */
  sheet: Schema.optional(Schema.String),
})
/** The CLD source configuration. */
export type Config = typeof Config.Type

const tabular = new Set([".csv", ".xlsx", ".txt"])

/**
 * Expands files, folders and `*` patterns into files, in order. A path that does not exist (or a pattern that
 * matches nothing) is kept as it is, so the load reports it as that file's failure and goes on with the others.
 */
export const expandPaths = (
  entries: ReadonlyArray<string>,
  baseDir: string,
  extensions: ReadonlySet<string> = tabular,
): Effect.Effect<ReadonlyArray<string>> =>
  Effect.sync(() => {
    const out: Array<string> = []
    for (const entry of entries) {
      const abs = isAbsolute(entry) ? entry : resolve(baseDir, entry)
      if (abs.includes("*")) {
        const dir = dirname(abs)
        const re = new RegExp(
          `^${basename(abs)
            .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
            .replace(/\*/g, ".*")}$`,
          "i",
        )
        let found: Array<string> = []
        try {
          found = readdirSync(dir)
            .filter((f) => re.test(f))
            .sort()
        } catch {
          // the folder does not exist: reported below as a missing file
        }
        out.push(...(found.length > 0 ? found.map((f) => join(dir, f)) : [abs]))
        continue
      }
      let isDir = false
      try {
        isDir = statSync(abs).isDirectory()
      } catch {
        // missing: reported by the load as this file's failure
      }
      if (isDir) {
        out.push(
          ...readdirSync(abs)
            .filter((f) => extensions.has(extname(f).toLowerCase()) && !f.startsWith("."))
            .sort()
            .map((f) => join(abs, f)),
        )
      } else out.push(abs)
    }
    return out
  })

/** Columns a CLD file must have: those mandatory for every event type, and both person identifiers. */
export const requiredColumns: ReadonlyArray<string> = [
  ...Cld.fields
    .filter((f) => Object.values(f.status).every((s) => s === "mandatory"))
    .map((f) => f.name)
    .filter((n) => n !== "NHS_Number" && n !== "LA_Person_Unique_Identifier" && n !== "Postcode"),
  "NHS_Number",
  "LA_Person_Unique_Identifier",
]

/** Raw columns holding personal identifiers or personal data: withheld from messages, pseudonymised in quarantine. */
export const identifierColumns: ReadonlyArray<string> = [
  "NHS_Number",
  "LA_Person_Unique_Identifier",
  "Adult_1_Linked_Person_ID",
  "Adult_2_Linked_Person_ID",
  "Adult_3_Linked_Person_ID",
  "Date_of_Birth",
  "Postcode",
]

/** The CLD stream: one row per event, feeding `event` (primary), `person` and `carer_link`. */
export const events = SourcePlugin.stream<CldRow>({
  name: "events",
  description: "CLD events (requests, assessments, services, reviews) with the person's details on each row",
  row: CldRowSchema,
  // the DHSC unique-event key, shared with every source that loads events (`../identity.ts`)
  key: [...Identity.eventKey],
  mode: "merge",
  precedence: "precedence",
  identifiers: [
    "personKey",
    "nhsNumber",
    "laPersonId",
    "linked1",
    "linked2",
    "linked3",
    "dateOfBirth",
    "postcode",
  ],
  identifierColumns,
  sink: {
    primary: {
      table: event,
      map: Facts.cldEventColumns,
    },
    secondary: [
      Facts.personTarget<CldRow>(),
      ...(["linked1", "linked2", "linked3"] as const).map(
        (k): SourcePlugin.Target<CldRow> => ({
          table: carerLink,
          key: (r) => (r[k] === null ? undefined : [r.laCode, r.personKey, r[k]]),
          precedence: (r) => r.periodEnd,
          map: (r) => {
            const linked = r[k]
            return linked === null
              ? undefined
              : {
                  laCode: r.laCode,
                  carerPersonId: r.personKey,
                  caredForLaPersonIdPseudo: linked,
                  asAt: r.periodEnd,
                }
          },
        }),
      ),
    ],
  },
})

/** The CLD source plugin. */
export const plugin = SourcePlugin.make<Config>({
  id: "cld",
  description: "Client Level Data submission files (CSV or XLSX; Release 1 or 2)",
  config: Config,
  streams: [events],
  worker: { module: import.meta.url, export: "plugin" },
  inputs: (config, context) =>
    Effect.map(expandPaths(config.files, context.baseDir), (paths) =>
      paths.map((path) => ({ stream: "events", path })),
    ),
  extract: (config, input) =>
    Stream.unwrap(
      Effect.map(Tabular.probe(input.path), (probe) =>
        Tabular.table(probe, {
          canonical: Cld.canonicalHeader,
          required: requiredColumns,
          columns: Cld.fieldNames,
          ...(config.sheet === undefined ? {} : { sheet: config.sheet }),
        }),
      ),
    ),
})

/** Registers the CLD source. */
export const layer = SourceRegistry.register(plugin)
