/**
 * The CQC care directory source: the Care Quality Commission's "care directory with filters" download (one row per
 * registered location, with its latest overall rating) into `provider_rating`, for ASCOF 6B (residential adult
 * social care providers rated good or outstanding, ODS-2425 Table 6b and Note 18).
 *
 * Columns (case, spaces, punctuation ignored; the names CQC's download uses are accepted): location id (`CQC
 * Location ID (for office use only)`, `Location ID`), `Name`, `Local authority`, `Service types` (or `Care home`
 * Y/N), the latest overall rating (`Location Latest Overall Rating`, `Overall rating`, `Latest rating`; blank =
 * not yet rated) and its date (`Publication date`, `Date of latest check`). A location is residential when it is a
 * care home (Y) or its service types name residential or nursing homes.
 *
 * Configuration: `{ "files": ["cqc-directory-2025-04.csv"], "asAt": "2025-04-01" }` (the date of the download).
 *
 * @category sources
 */
import { LocalDate } from "@asckit/core"
import { Effect, Schema, Stream } from "effect"
import * as Fields from "../../Fields.js"
import * as SourcePlugin from "../../SourcePlugin.js"
import * as SourceRegistry from "../../SourceRegistry.js"
import * as Tabular from "../../Tabular.js"
import { providerRating } from "../../WarehouseSchema.js"
import { expandPaths } from "../cld/index.js"

/** The CQC directory configuration. */
export const Config = Schema.Struct({
  files: Schema.Array(Schema.String).pipe(Schema.minItems(1)),
  /** The date of the download (ratings are as at that date). */
  asAt: LocalDate.LocalDate,
})
/** The CQC directory configuration. */
export type Config = typeof Config.Type

const aliases: Record<string, string> = {
  cqclocationidforofficeuseonly: "locationId",
  locationid: "locationId",
  cqclocationid: "locationId",
  name: "name",
  locationname: "name",
  localauthority: "localAuthority",
  locationlocalauthority: "localAuthority",
  servicetypes: "serviceTypes",
  carehome: "careHome",
  locationlatestoverallrating: "rating",
  overallrating: "rating",
  latestrating: "rating",
  latestoverallrating: "rating",
  publicationdate: "ratingDate",
  dateoflatestcheck: "ratingDate",
}

const ratings: Record<string, string> = {
  outstanding: "Outstanding",
  good: "Good",
  requiresimprovement: "Requires improvement",
  inadequate: "Inadequate",
  notyetrated: "Not yet rated",
  insufficientevidencetorate: "Not yet rated",
}

/** A rating label from CQC's text ("Requires Improvement" → "Requires improvement"); blank → "Not yet rated". */
export const ratingOf = (s: string): string | undefined => ratings[s.toLowerCase().replace(/[^a-z]/g, "")]

const Row = Schema.Struct({
  locationId: Fields.required(Fields.text, "the CQC location id"),
  name: Fields.text,
  localAuthority: Fields.required(Fields.text, "the local authority"),
  serviceTypes: Fields.text,
  careHome: Fields.lenient(
    Fields.code("care home (Y/N)", (s) => ({ y: "Y", yes: "Y", n: "N", no: "N" })[s.toLowerCase()]),
  ),
  rating: Fields.lenient(Fields.code("CQC rating", ratingOf)),
  ratingDate: Fields.lenient(Fields.date),
  asAt: Fields.required(Fields.date),
})
type Row = typeof Row.Type

/** Residential (care home with or without nursing), from the care-home flag or the service types. */
export const careType = (
  r: Pick<Row, "careHome" | "serviceTypes">,
): "residential" | "community" | "other" => {
  if (r.careHome === "Y") return "residential"
  const t = (r.serviceTypes ?? "").toLowerCase()
  if (/residential home|nursing home|care home/.test(t)) return "residential"
  if (/homecare|home care|domiciliary|supported living|extra care|shared lives/.test(t)) return "community"
  return "other"
}

/** The locations stream. */
export const locations = SourcePlugin.stream<Row>({
  name: "locations",
  description: "one row per CQC-registered location",
  row: Row,
  key: ["locationId", "asAt"],
  mode: "merge",
  sink: {
    primary: {
      table: providerRating,
      map: (r) => ({
        locationId: r.locationId,
        locationName: r.name,
        localAuthority: r.localAuthority,
        careType: careType(r as Pick<Row, "careHome" | "serviceTypes">),
        rating: typeof r.rating === "string" ? r.rating : "Not yet rated",
        ratingDate: typeof r.ratingDate === "string" ? r.ratingDate : null,
        asAt: r.asAt,
      }),
    },
  },
})

/** The CQC care directory source plugin. */
export const plugin = SourcePlugin.make<Config>({
  id: "cqc-directory",
  description: "CQC care directory downloads (locations and their latest overall ratings), for ASCOF 6B",
  config: Config,
  streams: [locations],
  inputs: (config, context) =>
    Effect.map(expandPaths(config.files, context.baseDir), (paths) =>
      paths.map((path) => ({ stream: "locations", path })),
    ),
  extract: (config, input) =>
    Stream.unwrap(
      Effect.map(Tabular.probe(input.path), (probe) =>
        Tabular.table(probe, {
          canonical: (h) => aliases[h.toLowerCase().replace(/[^a-z]/g, "")],
          required: ["locationId", "localAuthority"],
          columns: [...new Set(Object.values(aliases))],
        }).pipe(Stream.map((r) => ({ ...r, values: { ...r.values, asAt: config.asAt } }))),
      ),
    ),
})

/** Registers the CQC directory source. */
export const layer = SourceRegistry.register(plugin)
