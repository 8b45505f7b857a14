/**
 * The ContrOCC source: the service agreements a council exports from its finance and service system (CSV or
 * XLSX), loaded as CLD services into `event` — service type and component, delivery mechanism, provider and CQC
 * location, dates, unit cost, cost frequency and planned units — with ContrOCC's own service in `source_type` and
 * the provider's name in `provider_name`.
 *
 * The layout and code tables are defaults (`layout`, `codes.ts`) a council overrides in its configuration
 * (`Mapping`). People are identified and services keyed exactly as the CLD source does it (`../identity.ts`), so
 * a service from ContrOCC is the same warehouse row as the same service in a CLD submission. The client type is
 * derived from the service type (DHSC's service-type groups): an "Unpaid carer support" service is the unpaid
 * carer's, any other a service user's. The setting, where the report has it, is checked against bed-based
 * service types and components (a mismatch is a data-quality finding, `setting-mismatch`).
 *
 * Every report echoes its reporting period (`Period Start`, `Period End`): services overlapping it, as at its end;
 * a later period's version of a service supersedes an earlier one.
 *
 * Configuration: `{ "laCode": "999", "files": ["controcc/"], "sheet"?: "…", "mapping"?: { … } }`.
 *
 * @category sources
 */
import { Cld, type LocalDate } from "@asckit/core"
import { Effect, Schema, Stream } from "effect"
import { SourceFileError } from "../../EtlError.js"
import * as SourcePlugin from "../../SourcePlugin.js"
import * as SourceRegistry from "../../SourceRegistry.js"
import { expandPaths } from "../cld/index.js"
import * as Facts from "../facts.js"
import * as Identity from "../identity.js"
import * as Mapping from "../mapping/index.js"
import * as Codes from "./codes.js"

/** The default code tables. */
export * as Codes from "./codes.js"

const c = (column: Mapping.Column): Mapping.Column => column

/** The LA code column (filled from the configuration when the report has none). */
export const LA_CODE = "LA Code"

/**
 * The **default layout** of the ContrOCC service agreements report, with the headers such exports typically use.
 * Councils' reports differ: map a differently named column in `mapping.columns["service-agreements"]`.
 */
export const layout = Mapping.layout({
  name: "service-agreements",
  title: "ContrOCC service agreements report",
  columns: [
    c({ name: LA_CODE, headers: ["LA", "Council Code"], description: "The council's CASSR code" }),
    c({
      name: "Period Start",
      headers: ["Report Start Date", "Reporting Period Start"],
      required: true,
      description: "The report's reporting period start",
    }),
    c({
      name: "Period End",
      headers: ["Report End Date", "Reporting Period End", "As At Date"],
      required: true,
      description: "The report's reporting period end: services as at this date",
    }),
    c({
      name: "Agreement ID",
      headers: ["Service Agreement ID", "Agreement Line ID"],
      required: true,
      description: "The service agreement id (Event_Reference)",
    }),
    c({
      name: "Client ID",
      headers: ["Person ID", "LAS Person ID", "Client Reference"],
      required: true,
      identifier: true,
      description: "The client's person id (shared with LAS: CLD LA_Person_Unique_Identifier)",
    }),
    c({ name: "NHS Number", headers: ["NHS No"], identifier: true, description: "The NHS number" }),
    c({
      name: "Service Type",
      headers: ["Service Category"],
      required: true,
      codes: "ServiceType",
      description: "CLD Service_Type",
    }),
    c({
      name: "Service",
      headers: ["Service Element", "Element"],
      required: true,
      codes: "ServiceComponent",
      description: "ContrOCC's service (kept as source_type), mapped to CLD Service_Component",
    }),
    c({
      name: "Setting",
      headers: ["Service Setting"],
      codes: "Setting",
      description: "Community, residential or nursing",
    }),
    c({
      name: "Delivery Mechanism",
      headers: ["Funding Method", "Payment Method"],
      codes: "DeliveryMechanism",
      description: "CLD Delivery_Mechanism",
    }),
    c({ name: "Provider Name", headers: ["Provider"], description: "The provider (kept as provider_name)" }),
    c({
      name: "CQC Location ID",
      headers: ["CQC Location", "Provider CQC Location ID"],
      description: "CLD Provider_CQC_Location_ID",
    }),
    c({
      name: "Start Date",
      headers: ["Service Start Date"],
      required: true,
      description: "When the service started",
    }),
    c({ name: "End Date", headers: ["Service End Date"], description: "When it ended (blank while open)" }),
    c({
      name: "End Reason",
      headers: ["Reason Ended"],
      codes: "EndReason",
      description: "CLD Event_Outcome",
    }),
    c({ name: "Unit Cost", headers: ["Rate", "Unit Rate"], description: "CLD Unit_Cost" }),
    c({
      name: "Cost Unit",
      headers: ["Rate Unit", "Cost Frequency", "Unit"],
      codes: "CostFrequency",
      description: "CLD Cost_Frequency_Unit_Type",
    }),
    c({
      name: "Planned Units Per Week",
      headers: ["Units Per Week", "Planned Units"],
      description: "CLD Planned_units_per_week",
    }),
    c({ name: "Description", headers: ["Service Description"], description: "Free-text description" }),
  ],
})

/** The layout and code tables of the ContrOCC source (its defaults). */
export const spec: Mapping.Spec = { layouts: [layout], tables: Codes.tables }

/** The ContrOCC source configuration. */
export const Config = Schema.Struct({
  /** The council's CASSR code (CLD `LA_Code`), for reports without an `LA Code` column. */
  laCode: Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9]{1,10}$/)),
  /** Service agreement reports: files, folders or `*` patterns, relative to the configuration file. */
  files: Schema.Array(Schema.String).pipe(Schema.minItems(1)),
  /** The worksheet of XLSX files to read (default: the first). */
  sheet: Schema.optional(Schema.String),
  /** The council's overrides of the default layout and code tables. */
  mapping: Schema.optional(Mapping.overrideFor(spec)),
})
/** The ContrOCC source configuration. */
export type Config = typeof Config.Type

/** The setting a bed-based service type or component implies (undefined: any setting). */
const impliedSetting = (serviceType: string | null, component: string | null): string | undefined => {
  if (serviceType === "Long term support: Nursing care" || component === "Short term nursing care")
    return "Nursing"
  if (serviceType === "Long term support: Residential care" || component === "Short term residential care")
    return "Residential"
  if (serviceType === "Long term support: Community") return "Community"
  return undefined
}

const F = Mapping
const str = Mapping.asText
const date = Mapping.asDate
const num = Mapping.asNumber

/** A service agreement row → a CLD service. */
export const ServiceRow: Schema.Schema<Facts.EventFacts, SourcePlugin.RawRow> = Mapping.rowSchema({
  name: "ControccService",
  fields: {
    laCode: F.text(LA_CODE, true),
    periodStart: F.date("Period Start", true),
    periodEnd: F.date("Period End", true),
    reference: F.text("Agreement ID", true),
    serviceType: F.code("Service Type", Mapping.cldList("ServiceType"), true),
    component: F.code("Service", Mapping.cldList("ServiceComponent"), true),
    setting: F.code("Setting", Codes.Setting),
    delivery: F.code("Delivery Mechanism", Mapping.cldList("DeliveryMechanism")),
    provider: F.text("Provider Name"),
    cqc: F.text("CQC Location ID"),
    start: F.date("Start Date", true),
    end: F.date("End Date"),
    outcome: F.code("End Reason", Mapping.cldList("EventOutcome")),
    unitCost: F.number("Unit Cost"),
    costUnit: F.code("Cost Unit", Mapping.cldList("CostFrequencyUnitType")),
    units: F.number("Planned Units Per Week"),
    description: F.text("Description"),
  },
  build: (v, ctx): Facts.EventFacts => {
    const la = (str(v.laCode) ?? "").toUpperCase()
    const ps = str(v.periodStart)
    const pe = str(v.periodEnd)
    if (ps !== null && pe !== null && pe < ps)
      ctx.fail("Period End", "end-before-start", `the reporting period ends (${pe}) before it starts (${ps})`)
    const start = date(v.start) as LocalDate.LocalDate
    const endDate = date(v.end)
    if (endDate !== null && endDate < start)
      ctx.fail("End Date", "end-before-start", `ends (${endDate}) before it starts (${start})`)
    const id = Identity.identify(la, ctx.cell("NHS Number") ?? null, ctx.cell("Client ID") ?? null)
    if (Identity.isProblem(id))
      ctx.fail(id.code === "missing-person-id" ? "Client ID" : "NHS Number", id.code, id.message)
    else if (id.nhsInvalid) ctx.finding("NHS Number", "invalid-nhs-number", Identity.invalidNhsFinding)
    const serviceType = str(v.serviceType)
    const component = str(v.component)
    const setting = str(v.setting)
    const implied = impliedSetting(serviceType, component)
    if (setting !== null && implied !== undefined && setting !== implied)
      ctx.finding(
        "Setting",
        "setting-mismatch",
        `is ${setting}, but the service (${serviceType}: ${component}) is delivered in a ${implied.toLowerCase()} setting`,
        ctx.cell(Mapping.localColumn("Setting")) ?? setting,
      )
    // DHSC's service-type groups: unpaid carer support is the carer's service (`Cld.serviceTypeGroup`).
    const clientType =
      serviceType !== null && Cld.serviceTypeGroup(serviceType) === "Unpaid carer support"
        ? "Unpaid carer"
        : "Service user"
    const details = { serviceType, serviceComponent: component }
    const outcome = str(v.outcome)
    return {
      ...Facts.blankDetails,
      laCode: la,
      periodStart: ps as LocalDate.LocalDate,
      periodEnd: pe as LocalDate.LocalDate,
      personKey: Identity.isProblem(id) ? "" : id.personKey,
      eventType: "Service",
      eventReference: str(v.reference),
      clientType,
      startDate: start,
      endDate,
      eventOutcome: outcome,
      eventDescription: str(v.description),
      sourceType: ctx.cell(Mapping.localColumn("Service")) ?? component,
      providerName: str(v.provider),
      ...details,
      deliveryMechanism: str(v.delivery),
      providerCqcLocationId: str(v.cqc),
      unitCost: num(v.unitCost),
      costFrequencyUnitType: str(v.costUnit),
      plannedUnitsPerWeek: num(v.units),
      endKey: Identity.endKey("Service", endDate),
      detailKey: Identity.detailKey("Service", details),
      precedence: Identity.eventPrecedence(pe ?? "", endDate, outcome),
    }
  },
})

/** `service-agreements` → `event` (CLD services). */
export const serviceAgreements = SourcePlugin.stream<Facts.EventFacts>({
  name: "service-agreements",
  description: "ContrOCC service agreements, as CLD services (ContrOCC's service in source_type)",
  row: ServiceRow,
  key: [...Identity.eventKey],
  mode: "merge",
  precedence: "precedence",
  identifiers: ["personKey"],
  identifierColumns: layout.columns.filter((x) => x.identifier).map((x) => x.name),
  sink: { primary: Facts.eventTarget },
})

const compiled = new WeakMap<Config, Mapping.Mapping>()

/** The configuration's mapping, compiled once per configuration. */
export const mappingOf = (config: Config, baseDir: string) => {
  const known = compiled.get(config)
  if (known !== undefined) return Effect.succeed(known)
  return Effect.tap(Mapping.compile(spec, config.mapping, baseDir), (m) =>
    Effect.sync(() => compiled.set(config, m)),
  )
}

/** The ContrOCC source plugin. */
export const plugin = SourcePlugin.make<Config>({
  id: "controcc",
  description: "ContrOCC service agreements (CSV or XLSX; mapped layout and code tables)",
  config: Config,
  streams: [serviceAgreements],
  worker: { module: import.meta.url, export: "plugin" },
  inputs: (config, context) =>
    Effect.gen(function* () {
      yield* mappingOf(config, context.baseDir)
      return (yield* expandPaths(config.files, context.baseDir)).map((path) => ({
        stream: "service-agreements",
        path,
      }))
    }),
  extract: (config, input, context) =>
    Stream.unwrap(
      mappingOf(config, context.baseDir).pipe(
        Effect.mapError(
          (e) => new SourceFileError({ path: input.path, problem: "malformed", message: e.message }),
        ),
        Effect.map((mapping) =>
          Mapping.read(mapping, layout.name, input.path, {
            sheet: config.sheet,
            fill: { [LA_CODE]: config.laCode },
          }),
        ),
      ),
    ),
})

/** Registers the ContrOCC source. */
export const layer = SourceRegistry.register(plugin)
