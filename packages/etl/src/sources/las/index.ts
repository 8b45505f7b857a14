/**
 * The Liquidlogic LAS source: the adult social care reports a council exports from its case-management system
 * (CSV or XLSX), one stream per report, loaded into the CLD-shaped facts and the case-management facts beside
 * them:
 *
 * | stream | report | into |
 * | --- | --- | --- |
 * | `contacts` | contacts (front door) | `contact` |
 * | `requests`, `assessments`, `reviews` | CLD requests, assessments, reviews (LAS's own type in `source_type`, reviews' `due_date`, `team`) | `event` |
 * | `people` | person details as at the period end | `person` |
 * | `carers` | unpaid carers and the adults they care for | `person`, `carer_link` |
 * | `work-tray` | work awaiting allocation | `work_item` |
 * | `safeguarding-concerns`, `safeguarding-enquiries`, `safeguarding-risks` | safeguarding | `safeguarding_concern`, `safeguarding_enquiry`, `safeguarding_risk` |
 *
 * Layouts and code tables are defaults (`layouts.ts`, `codes.ts`) a council overrides in its configuration
 * (`Mapping`). People are identified, and events keyed, exactly as the CLD source does it (`../identity.ts`), so
 * a person or event loaded from LAS is the same warehouse row as from a CLD submission. As in CLD, the person id is
 * worked out row by row (the NHS number when valid, else the LA person id): every report should carry the NHS
 * number wherever LAS holds it, or the same person gets two ids. Every report echoes its reporting period; a later
 * period's version of a record supersedes an earlier one.
 *
 * Configuration:
 * `{ "laCode": "999", "files": { "requests": ["las/requests/"], "people": ["las/people/*.csv"], … }, "sheet"?: "…",
 * "mapping"?: { "columns"?: …, "codes"?: …, "codesFile"?: "…" } }` — per report, files, folders or `*` patterns
 * relative to the configuration file.
 *
 * @category sources
 */
import { Effect, Schema, Stream } from "effect"
import { SourceFileError } from "../../EtlError.js"
import * as SourcePlugin from "../../SourcePlugin.js"
import * as SourceRegistry from "../../SourceRegistry.js"
import {
  carerLink,
  contact,
  safeguardingConcern,
  safeguardingEnquiry,
  safeguardingRisk,
  workItem,
} from "../../WarehouseSchema.js"
import { expandPaths } from "../cld/index.js"
import * as Facts from "../facts.js"
import * as Identity from "../identity.js"
import * as Mapping from "../mapping/index.js"
import * as Codes from "./codes.js"
import * as Layouts from "./layouts.js"
import * as Rows from "./rows.js"

/** The default code tables and the national lists beside CLD's. */
export * as Codes from "./codes.js"
/** The default report layouts. */
export * as Layouts from "./layouts.js"

/** The layouts and code tables of the LAS source (its defaults). */
export const spec: Mapping.Spec = { layouts: Layouts.layouts, tables: Codes.tables }

/** The LAS reports (stream names), in load order: people before the events that refer to them. */
export const reports = [
  "people",
  "carers",
  "contacts",
  "requests",
  "assessments",
  "reviews",
  "work-tray",
  "safeguarding-concerns",
  "safeguarding-enquiries",
  "safeguarding-risks",
] as const

/** A LAS report (stream) name. */
export type Report = (typeof reports)[number]

const Files = Schema.Array(Schema.String).pipe(Schema.minItems(1))

/** The LAS source configuration. */
export const Config = Schema.Struct({
  /** The council's CASSR code (CLD `LA_Code`), for reports without an `LA Code` column. */
  laCode: Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9]{1,10}$/)),
  /** Per report: files, folders or `*` patterns, relative to the configuration file. */
  files: Schema.partial(
    Schema.Struct(Object.fromEntries(reports.map((r) => [r, Files])) as Record<Report, typeof Files>),
  ).pipe(
    Schema.filter(
      (f) => Object.keys(f).length > 0 || `name the files of at least one report (${reports.join(", ")})`,
    ),
  ),
  /** The worksheet of XLSX files to read (default: the first). */
  sheet: Schema.optional(Schema.String),
  /** The council's overrides of the default layouts and code tables. */
  mapping: Schema.optional(Mapping.overrideFor(spec)),
})
/** The LAS source configuration. */
export type Config = typeof Config.Type

const periodEnd = "periodEnd" as const

/** `contacts` → `contact`. */
export const contacts = SourcePlugin.stream<Rows.ContactRow>({
  name: "contacts",
  description: "LAS contacts (the front door): date, source, what the contact led to",
  row: Rows.ContactRowSchema,
  key: ["laCode", "contactId"],
  mode: "merge",
  precedence: periodEnd,
  identifiers: ["personKey"],
  identifierColumns: Layouts.contacts.columns.filter((c) => c.identifier).map((c) => c.name),
  sink: {
    primary: {
      table: contact,
      map: (r) => ({
        laCode: r.laCode,
        contactId: r.contactId,
        personId: r.personKey,
        contactDate: r.contactDate,
        route: r.route,
        outcome: r.outcome,
        outcomeSource: r.outcomeSource,
        team: r.team,
      }),
    },
  },
})

const eventStream = (
  name: "requests" | "assessments" | "reviews",
  description: string,
  row: Schema.Schema<Rows.EventRow, SourcePlugin.RawRow>,
  layout: Mapping.Layout,
) =>
  SourcePlugin.stream<Rows.EventRow>({
    name,
    description,
    row,
    key: [...Identity.eventKey],
    mode: "merge",
    precedence: "precedence",
    identifiers: ["personKey"],
    identifierColumns: layout.columns.filter((c) => c.identifier).map((c) => c.name),
    sink: { primary: Facts.eventTarget },
  })

/** `requests` → `event` (CLD requests). */
export const requests = eventStream(
  "requests",
  "LAS requests for support, as CLD requests (LAS's step type in source_type)",
  Rows.RequestRow,
  Layouts.requests,
)
/** `assessments` → `event` (CLD assessments). */
export const assessments = eventStream(
  "assessments",
  "LAS assessments, as CLD assessments (LAS's assessment type in source_type)",
  Rows.AssessmentRow,
  Layouts.assessments,
)
/** `reviews` → `event` (CLD reviews, with due dates). */
export const reviews = eventStream(
  "reviews",
  "LAS reviews, as CLD reviews (with due dates; LAS's review type in source_type)",
  Rows.ReviewRow,
  Layouts.reviews,
)

/** `people` → `person`. */
export const people = SourcePlugin.stream<Rows.PersonRow>({
  name: "people",
  description: "LAS person details as at the period end",
  row: Rows.PersonRowSchema,
  key: ["laCode", "personKey", "periodEnd"],
  mode: "merge",
  precedence: periodEnd,
  identifiers: ["personKey", "nhsNumber", "laPersonId", "dateOfBirth", "postcode"],
  identifierColumns: Layouts.people.columns.filter((c) => c.identifier).map((c) => c.name),
  sink: { primary: Facts.personTarget<Rows.PersonRow>() },
})

/** `carers` → `person` (unpaid carers) and `carer_link`. */
export const carers = SourcePlugin.stream<Rows.CarerRow>({
  name: "carers",
  description: "LAS unpaid carers as at the period end, with the adults they care for",
  row: Rows.CarerRowSchema,
  key: ["laCode", "personKey", "periodEnd"],
  mode: "merge",
  precedence: periodEnd,
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
  identifierColumns: Layouts.carers.columns.filter((c) => c.identifier).map((c) => c.name),
  sink: {
    primary: Facts.personTarget<Rows.CarerRow>(),
    secondary: (["linked1", "linked2", "linked3"] as const).map(
      (k): SourcePlugin.Target<Rows.CarerRow> => ({
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
  },
})

/** `work-tray` → `work_item`. */
export const workTray = SourcePlugin.stream<Rows.WorkItemRow>({
  name: "work-tray",
  description: "LAS work awaiting allocation (waiting lists)",
  row: Rows.WorkItemRowSchema,
  key: ["laCode", "itemId"],
  mode: "merge",
  precedence: periodEnd,
  identifiers: ["personKey"],
  identifierColumns: Layouts.workTray.columns.filter((c) => c.identifier).map((c) => c.name),
  sink: {
    primary: {
      table: workItem,
      map: (r) => ({
        laCode: r.laCode,
        itemId: r.itemId,
        personId: r.personKey,
        workType: r.workType,
        workTypeSource: r.workTypeSource,
        team: r.team,
        priority: r.priority,
        enteredDate: r.enteredDate,
        allocatedDate: r.allocatedDate,
        closedDate: r.closedDate,
      }),
    },
  },
})

/** `safeguarding-concerns` → `safeguarding_concern`. */
export const safeguardingConcerns = SourcePlugin.stream<Rows.ConcernRow>({
  name: "safeguarding-concerns",
  description: "LAS safeguarding concerns and what they led to",
  row: Rows.ConcernRowSchema,
  key: ["laCode", "concernId"],
  mode: "merge",
  precedence: periodEnd,
  identifiers: ["personKey"],
  identifierColumns: Layouts.safeguardingConcerns.columns.filter((c) => c.identifier).map((c) => c.name),
  sink: {
    primary: {
      table: safeguardingConcern,
      map: (r) => ({
        laCode: r.laCode,
        concernId: r.concernId,
        personId: r.personKey,
        receivedDate: r.receivedDate,
        source: r.source,
        team: r.team,
        outcome: r.outcome,
        decisionDate: r.decisionDate,
      }),
    },
  },
})

/** `safeguarding-enquiries` → `safeguarding_enquiry`. */
export const safeguardingEnquiries = SourcePlugin.stream<Rows.EnquiryRow>({
  name: "safeguarding-enquiries",
  description: "LAS section 42 and other safeguarding enquiries, with SAC's questions on concluded ones",
  row: Rows.EnquiryRowSchema,
  key: ["laCode", "enquiryId"],
  mode: "merge",
  precedence: periodEnd,
  identifiers: ["personKey"],
  identifierColumns: Layouts.safeguardingEnquiries.columns.filter((c) => c.identifier).map((c) => c.name),
  sink: {
    primary: {
      table: safeguardingEnquiry,
      map: (r) => ({
        laCode: r.laCode,
        enquiryId: r.enquiryId,
        concernId: r.concernId,
        personId: r.personKey,
        enquiryType: r.enquiryType,
        team: r.team,
        startDate: r.startDate,
        concludedDate: r.concludedDate,
        riskAssessmentOutcome: r.riskAssessmentOutcome,
        resultOfAction: r.resultOfAction,
        lackedCapacity: r.lackedCapacity,
        supportedByAdvocate: r.supportedByAdvocate,
        mspAsked: r.mspAsked,
        mspAchieved: r.mspAchieved,
      }),
    },
  },
})

/** `safeguarding-risks` → `safeguarding_risk`. */
export const safeguardingRisks = SourcePlugin.stream<Rows.RiskRow>({
  name: "safeguarding-risks",
  description: "LAS types of risk of each enquiry, with source and location (SAC SG2a, SG2b)",
  row: Rows.RiskRowSchema,
  key: ["laCode", "enquiryId", "typeOfRisk", "sourceOfRisk", "locationOfRisk"],
  mode: "merge",
  precedence: periodEnd,
  sink: {
    primary: {
      table: safeguardingRisk,
      map: (r) => ({
        laCode: r.laCode,
        enquiryId: r.enquiryId,
        typeOfRisk: r.typeOfRisk,
        sourceOfRisk: r.sourceOfRisk,
        locationOfRisk: r.locationOfRisk,
      }),
    },
  },
})

/** Every LAS stream, by report name. */
export const streams: Readonly<Record<Report, SourcePlugin.StreamSpec>> = {
  people,
  carers,
  contacts,
  requests,
  assessments,
  reviews,
  "work-tray": workTray,
  "safeguarding-concerns": safeguardingConcerns,
  "safeguarding-enquiries": safeguardingEnquiries,
  "safeguarding-risks": safeguardingRisks,
}

const compiled = new WeakMap<Config, Mapping.Mapping>()

/** The configuration's mapping, compiled once per configuration (the codes file read relative to `baseDir`). */
export const mappingOf = (config: Config, baseDir: string) => {
  const known = compiled.get(config)
  if (known !== undefined) return Effect.succeed(known)
  return Effect.tap(Mapping.compile(spec, config.mapping, baseDir), (m) =>
    Effect.sync(() => compiled.set(config, m)),
  )
}

/** The LAS source plugin. */
export const plugin = SourcePlugin.make<Config>({
  id: "las",
  description: "Liquidlogic LAS adult social care reports (CSV or XLSX; mapped layouts and code tables)",
  config: Config,
  streams: reports.map((r) => streams[r]),
  worker: { module: import.meta.url, export: "plugin" },
  inputs: (config, context) =>
    Effect.gen(function* () {
      // Compile the mapping now, so a bad codes file is a configuration error before any file is read.
      yield* mappingOf(config, context.baseDir)
      const out: Array<SourcePlugin.Input> = []
      for (const r of reports) {
        const files = config.files[r]
        if (files === undefined) continue
        for (const path of yield* expandPaths(files, context.baseDir)) out.push({ stream: r, path })
      }
      return out
    }),
  extract: (config, input, context) =>
    Stream.unwrap(
      mappingOf(config, context.baseDir).pipe(
        Effect.mapError(
          (e) => new SourceFileError({ path: input.path, problem: "malformed", message: e.message }),
        ),
        Effect.map((mapping) =>
          Mapping.read(mapping, input.stream, input.path, {
            sheet: config.sheet,
            fill: { [Layouts.LA_CODE]: config.laCode },
          }),
        ),
      ),
    ),
})

/** Registers the LAS source. */
export const layer = SourceRegistry.register(plugin)
