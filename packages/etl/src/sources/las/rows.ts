/**
 * Decoding LAS report rows (after the mapping has turned local codes into national labels) into the facts the
 * warehouse holds. Field rules: the columns that identify a record (ids, dates that key it, the event type's key
 * field) are mandatory — blank or invalid, the row is quarantined; everything else is kept, an invalid value as
 * null with a data-quality finding. People are identified as the CLD source identifies them (`../identity.ts`).
 *
 * @internal
 */
import { type Cld, LocalDate } from "@asckit/core"
import * as Facts from "../facts.js"
import * as Identity from "../identity.js"
import * as Mapping from "../mapping/index.js"
import * as Codes from "./codes.js"
import { LA_CODE } from "./layouts.js"

const F = Mapping
const list = (name: Cld.ListName) => Mapping.cldList(name)
const listOf = (name: string): Mapping.CodeList => {
  const t = Codes.tables.find((x) => x.name === name)
  if (t === undefined) throw new Error(`no LAS code table ${name}`)
  return t.list
}

/** Fields every LAS report row has: the LA and the reporting period. */
const periodFields = {
  laCode: F.text(LA_CODE, true),
  periodStart: F.date("Period Start", true),
  periodEnd: F.date("Period End", true),
}

type Ctx = Mapping.BuildContext

const checkPeriod = (ctx: Ctx, start: Mapping.Value, end: Mapping.Value) => {
  if (typeof start === "string" && typeof end === "string" && end < start)
    ctx.fail(
      "Period End",
      "end-before-start",
      `the reporting period ends (${end}) before it starts (${start})`,
    )
}

/** Fails `column` when its date `to` is before `from` (`before`: what `from` is, e.g. "it starts"). */
const checkOrder = (ctx: Ctx, column: string, from: Mapping.Value, to: Mapping.Value, before: string) => {
  if (typeof from === "string" && typeof to === "string" && to < from)
    ctx.fail(column, "end-before-start", `is ${to}, before ${before} (${from})`)
}

/** Identifies a person (mandatory: a failure quarantines the row). */
const person = (ctx: Ctx, la: string, personColumn: string): Identity.Identity | undefined => {
  const id = Identity.identify(la, ctx.cell("NHS Number") ?? null, ctx.cell(personColumn) ?? null)
  if (Identity.isProblem(id)) {
    ctx.fail(id.code === "missing-person-id" ? personColumn : "NHS Number", id.code, id.message)
    return undefined
  }
  if (id.nhsInvalid) ctx.finding("NHS Number", "invalid-nhs-number", Identity.invalidNhsFinding)
  return id
}

/** Identifies a person where the record may have none (a contact from someone not yet known): never fails. */
const optionalPerson = (ctx: Ctx, la: string, personColumn: string): string | null => {
  const nhs = ctx.cell("NHS Number") ?? null
  const id = ctx.cell(personColumn) ?? null
  if (nhs === null && id === null) return null
  const found = Identity.identify(la, nhs, id)
  if (Identity.isProblem(found)) {
    ctx.finding("NHS Number", found.code, `${found.message}; the record is kept without a person`)
    return null
  }
  if (found.nhsInvalid) ctx.finding("NHS Number", "invalid-nhs-number", Identity.invalidNhsFinding)
  return found.personKey
}

const str = Mapping.asText
const date = Mapping.asDate
const num = Mapping.asNumber

// ---------------------------------------------------------------------------------------------------------------
// events

/** A decoded LAS event (requests, assessments, reviews). */
export type EventRow = Facts.EventFacts

const eventFields = {
  ...periodFields,
  clientType: F.code("Client Type", list("ClientType"), true),
  outcome: F.code("Outcome", list("EventOutcome")),
  team: F.text("Team"),
  description: F.text("Description"),
  hours: F.number("Hours Caring Per Week"),
  adults: F.number("Adults Cared For"),
}

/** Builds the event row common to every event type, from the type's own fields. */
const event = (
  ctx: Ctx,
  v: {
    readonly laCode: Mapping.Value
    readonly periodStart: Mapping.Value
    readonly periodEnd: Mapping.Value
    readonly clientType: Mapping.Value
    readonly outcome: Mapping.Value
    readonly team: Mapping.Value
    readonly description: Mapping.Value
    readonly hours: Mapping.Value
    readonly adults: Mapping.Value
  },
  e: {
    readonly eventType: Cld.EventType
    readonly reference: Mapping.Value
    readonly start: Mapping.Value
    readonly end: Mapping.Value
    readonly endColumn: string
    readonly sourceType: string | null
    readonly dueDate?: Mapping.Value
    readonly details: Partial<Facts.EventFacts>
  },
): EventRow => {
  const la = (str(v.laCode) ?? "").toUpperCase()
  checkPeriod(ctx, v.periodStart, v.periodEnd)
  checkOrder(ctx, e.endColumn, e.start, e.end, "it starts")
  const id = person(ctx, la, "Person ID")
  const clientType = str(v.clientType) ?? ""
  // CLD: every event field is not applicable for a carer known by association (DHSC DQ rules, `Cld.fields`).
  const byAssociation = clientType === "Unpaid carer known by association"
  const endDate = byAssociation ? null : date(e.end)
  const details = byAssociation ? {} : e.details
  const startDate = date(e.start) as LocalDate.LocalDate
  const outcome = byAssociation ? null : str(v.outcome)
  const row: EventRow = {
    ...Facts.blankDetails,
    laCode: la,
    periodStart: date(v.periodStart) as LocalDate.LocalDate,
    periodEnd: date(v.periodEnd) as LocalDate.LocalDate,
    personKey: id?.personKey ?? "",
    eventType: e.eventType,
    eventReference: byAssociation ? null : str(e.reference),
    clientType,
    startDate,
    endDate,
    eventOutcome: outcome,
    eventDescription: byAssociation ? null : str(v.description),
    sourceType: e.sourceType,
    dueDate: e.dueDate === undefined ? null : date(e.dueDate),
    team: str(v.team),
    totalHoursCaringPerWeek: byAssociation ? null : num(v.hours),
    adultsCaredFor: byAssociation ? null : num(v.adults),
    ...details,
    endKey: Identity.endKey(e.eventType, endDate),
    detailKey: Identity.detailKey(e.eventType, details),
    precedence: Identity.eventPrecedence(date(v.periodEnd) ?? "", endDate, outcome),
  }
  return row
}

/** The LAS requests report row → a CLD request. */
export const RequestRow = Mapping.rowSchema({
  name: "LasRequest",
  fields: {
    ...eventFields,
    reference: F.text("Request ID", true),
    type: F.text("Request Type"),
    start: F.date("Request Date", true),
    end: F.date("Decision Date"),
    route: F.code("Route of Access", list("RequestRouteOfAccess"), true),
  },
  build: (v, ctx) =>
    event(ctx, v, {
      eventType: "Request",
      reference: v.reference,
      start: v.start,
      end: v.end,
      endColumn: "Decision Date",
      sourceType: str(v.type),
      details: { routeOfAccess: str(v.route) },
    }),
})

/** The LAS assessments report row → a CLD assessment. */
export const AssessmentRow = Mapping.rowSchema({
  name: "LasAssessment",
  fields: {
    ...eventFields,
    reference: F.text("Assessment ID", true),
    assessmentType: F.code("Assessment Type", list("AssessmentType"), true),
    start: F.date("Start Date", true),
    end: F.date("Completed Date"),
    eligible: F.code("Eligible Needs", list("EligibleNeedsIdentified")),
    method: F.code("Assessment Method", list("MethodOfAssessment")),
  },
  build: (v, ctx) =>
    event(ctx, v, {
      eventType: "Assessment",
      reference: v.reference,
      start: v.start,
      end: v.end,
      endColumn: "Completed Date",
      sourceType: ctx.cell(Mapping.localColumn("Assessment Type")) ?? str(v.assessmentType),
      details: {
        assessmentType: str(v.assessmentType),
        eligibleNeedsIdentified: str(v.eligible),
        methodOfAssessment: str(v.method),
      },
    }),
})

/** The LAS reviews report row → a CLD review (with its due date). */
export const ReviewRow = Mapping.rowSchema({
  name: "LasReview",
  fields: {
    ...eventFields,
    reference: F.text("Review ID", true),
    type: F.text("Review Type"),
    reason: F.code("Review Reason", list("ReviewReason"), true),
    due: F.date("Due Date"),
    start: F.date("Start Date", true),
    end: F.date("Completed Date"),
    achieved: F.code("Outcomes Met", list("ReviewOutcomesAchieved")),
    method: F.code("Review Method", list("MethodOfReview")),
  },
  build: (v, ctx) =>
    event(ctx, v, {
      eventType: "Review",
      reference: v.reference,
      start: v.start,
      end: v.end,
      endColumn: "Completed Date",
      sourceType: str(v.type),
      dueDate: v.due,
      details: {
        reviewReason: str(v.reason),
        reviewOutcomesAchieved: str(v.achieved),
        methodOfReview: str(v.method),
      },
    }),
})

// ---------------------------------------------------------------------------------------------------------------
// people and carers

/** A decoded person snapshot (identifiers raw until pseudonymised). */
export interface PersonRow extends Facts.PersonFacts {}

/** A decoded carer: their snapshot and the LA person ids of the adults they care for. */
export interface CarerRow extends Facts.PersonFacts {
  readonly linked1: string | null
  readonly linked2: string | null
  readonly linked3: string | null
}

const detailFields = {
  dob: F.date("Date of Birth"),
  dod: F.date("Date of Death"),
  gender: F.code("Gender", list("Gender")),
  ethnicity: F.code("Ethnicity", list("Ethnicity")),
  accommodation: F.code("Accommodation", list("AccommodationStatus")),
  employment: F.code("Employment Status", list("EmploymentStatus")),
  gp: F.text("GP Practice Code"),
  postcode: F.text("Postcode"),
}

const snapshot = (
  ctx: Ctx,
  v: {
    readonly laCode: Mapping.Value
    readonly periodStart: Mapping.Value
    readonly periodEnd: Mapping.Value
    readonly dob: Mapping.Value
    readonly dod: Mapping.Value
    readonly gender: Mapping.Value
    readonly ethnicity: Mapping.Value
    readonly accommodation: Mapping.Value
    readonly employment: Mapping.Value
    readonly gp: Mapping.Value
    readonly postcode: Mapping.Value
  },
  personColumn: string,
  clientType: string,
): Facts.PersonFacts => {
  const la = (str(v.laCode) ?? "").toUpperCase()
  checkPeriod(ctx, v.periodStart, v.periodEnd)
  const id = person(ctx, la, personColumn)
  const dob = date(v.dob)
  const birth = dob === null ? undefined : LocalDate.parts(dob)
  const pc = str(v.postcode)
  return {
    laCode: la,
    periodEnd: date(v.periodEnd) as LocalDate.LocalDate,
    personKey: id?.personKey ?? "",
    nhsNumber: id?.nhsNumber ?? null,
    laPersonId: id?.laPersonId ?? null,
    clientType,
    gender: str(v.gender),
    ethnicity: str(v.ethnicity),
    birthYear: birth?.year ?? null,
    birthMonth: birth?.month ?? null,
    dateOfDeath: date(v.dod),
    primarySupportReason: null,
    accommodationStatus: str(v.accommodation),
    employmentStatus: str(v.employment),
    hasUnpaidCarer: null,
    clientFundingStatus: null,
    autismSpectrumDisorder: null,
    visualImpairment: null,
    hearingImpairment: null,
    dementia: null,
    gpPracticeCode: str(v.gp),
    postcodeDistrict: pc === null ? null : Identity.postcodeDistrict(pc),
    dateOfBirth: dob,
    postcode: pc,
  }
}

/** The LAS person details report row → a person snapshot. */
export const PersonRowSchema = Mapping.rowSchema({
  name: "LasPerson",
  fields: {
    ...periodFields,
    ...detailFields,
    clientType: F.code("Client Type", list("ClientType"), true),
    psr: F.code("Primary Support Reason", list("PrimarySupportReason")),
    hasCarer: F.code("Has Unpaid Carer", list("HasUnpaidCarer")),
    funding: F.code("Funding Status", list("ClientFundingStatus")),
    autism: F.code("Autism", list("YesNo")),
    visual: F.code("Visual Impairment", list("YesNo")),
    hearing: F.code("Hearing Impairment", list("YesNo")),
    dementia: F.code("Dementia", list("YesNo")),
  },
  build: (v, ctx): PersonRow => ({
    ...snapshot(ctx, v, "Person ID", str(v.clientType) ?? ""),
    primarySupportReason: str(v.psr),
    hasUnpaidCarer: str(v.hasCarer),
    clientFundingStatus: str(v.funding),
    autismSpectrumDisorder: str(v.autism),
    visualImpairment: str(v.visual),
    hearingImpairment: str(v.hearing),
    dementia: str(v.dementia),
  }),
})

/** The LAS carers report row → the carer's snapshot and links. */
export const CarerRowSchema = Mapping.rowSchema({
  name: "LasCarer",
  fields: { ...periodFields, ...detailFields },
  build: (v, ctx): CarerRow => {
    const s = snapshot(ctx, v, "Carer Person ID", "Unpaid carer")
    const linked = (n: number) => {
      const id = ctx.cell(`Cared For Person ID ${n}`)
      return id === undefined ? null : Identity.namespacedId(s.laCode, id)
    }
    return { ...s, linked1: linked(1), linked2: linked(2), linked3: linked(3) }
  },
})

// ---------------------------------------------------------------------------------------------------------------
// contacts, work tray, safeguarding

/** A decoded contact. */
export interface ContactRow {
  readonly laCode: string
  readonly periodEnd: LocalDate.LocalDate
  readonly contactId: string
  readonly personKey: string | null
  readonly contactDate: LocalDate.LocalDate
  readonly route: string | null
  readonly outcome: string | null
  readonly outcomeSource: string | null
  readonly team: string | null
}

/** The LAS contacts report row → a contact. */
export const ContactRowSchema = Mapping.rowSchema({
  name: "LasContact",
  fields: {
    ...periodFields,
    contactId: F.text("Contact ID", true),
    date: F.date("Contact Date", true),
    route: F.code("Contact Source", list("RequestRouteOfAccess")),
    outcome: F.code("Contact Outcome", Codes.ContactOutcome),
    team: F.text("Team"),
  },
  build: (v, ctx): ContactRow => {
    checkPeriod(ctx, v.periodStart, v.periodEnd)
    const la = (str(v.laCode) ?? "").toUpperCase()
    return {
      laCode: la,
      periodEnd: date(v.periodEnd) as LocalDate.LocalDate,
      contactId: str(v.contactId) ?? "",
      personKey: optionalPerson(ctx, la, "Person ID"),
      contactDate: date(v.date) as LocalDate.LocalDate,
      route: str(v.route),
      outcome: str(v.outcome),
      outcomeSource: ctx.cell(Mapping.localColumn("Contact Outcome")) ?? str(v.outcome),
      team: str(v.team),
    }
  },
})

/** A decoded work tray item. */
export interface WorkItemRow {
  readonly laCode: string
  readonly periodEnd: LocalDate.LocalDate
  readonly itemId: string
  readonly personKey: string | null
  readonly workType: string
  readonly workTypeSource: string | null
  readonly team: string | null
  readonly priority: string | null
  readonly enteredDate: LocalDate.LocalDate
  readonly allocatedDate: LocalDate.LocalDate | null
  readonly closedDate: LocalDate.LocalDate | null
}

/** The LAS work tray report row → a work item. */
export const WorkItemRowSchema = Mapping.rowSchema({
  name: "LasWorkItem",
  fields: {
    ...periodFields,
    itemId: F.text("Item ID", true),
    workType: F.code("Work Type", listOf("WorkType"), true),
    team: F.text("Team"),
    priority: F.text("Priority"),
    entered: F.date("Date Entered", true),
    allocated: F.date("Date Allocated"),
    closed: F.date("Date Closed"),
  },
  build: (v, ctx): WorkItemRow => {
    checkPeriod(ctx, v.periodStart, v.periodEnd)
    checkOrder(ctx, "Date Allocated", v.entered, v.allocated, "it entered the tray")
    checkOrder(ctx, "Date Closed", v.entered, v.closed, "it entered the tray")
    const la = (str(v.laCode) ?? "").toUpperCase()
    return {
      laCode: la,
      periodEnd: date(v.periodEnd) as LocalDate.LocalDate,
      itemId: str(v.itemId) ?? "",
      personKey: optionalPerson(ctx, la, "Person ID"),
      workType: str(v.workType) ?? "",
      workTypeSource: ctx.cell(Mapping.localColumn("Work Type")) ?? null,
      team: str(v.team),
      priority: str(v.priority),
      enteredDate: date(v.entered) as LocalDate.LocalDate,
      allocatedDate: date(v.allocated),
      closedDate: date(v.closed),
    }
  },
})

/** A decoded safeguarding concern. */
export interface ConcernRow {
  readonly laCode: string
  readonly periodEnd: LocalDate.LocalDate
  readonly concernId: string
  readonly personKey: string | null
  readonly receivedDate: LocalDate.LocalDate
  readonly source: string | null
  readonly team: string | null
  readonly outcome: string | null
  readonly decisionDate: LocalDate.LocalDate | null
}

/** The LAS safeguarding concerns report row → a concern. */
export const ConcernRowSchema = Mapping.rowSchema({
  name: "LasSafeguardingConcern",
  fields: {
    ...periodFields,
    concernId: F.text("Concern ID", true),
    received: F.date("Date Received", true),
    source: F.text("Source of Concern"),
    team: F.text("Team"),
    outcome: F.code("Concern Outcome", Codes.ConcernOutcome),
    decision: F.date("Decision Date"),
  },
  build: (v, ctx): ConcernRow => {
    checkPeriod(ctx, v.periodStart, v.periodEnd)
    checkOrder(ctx, "Decision Date", v.received, v.decision, "the concern was received")
    const la = (str(v.laCode) ?? "").toUpperCase()
    return {
      laCode: la,
      periodEnd: date(v.periodEnd) as LocalDate.LocalDate,
      concernId: str(v.concernId) ?? "",
      personKey: optionalPerson(ctx, la, "Person ID"),
      receivedDate: date(v.received) as LocalDate.LocalDate,
      source: str(v.source),
      team: str(v.team),
      outcome: str(v.outcome),
      decisionDate: date(v.decision),
    }
  },
})

/** A decoded safeguarding enquiry. */
export interface EnquiryRow {
  readonly laCode: string
  readonly periodEnd: LocalDate.LocalDate
  readonly enquiryId: string
  readonly concernId: string | null
  readonly personKey: string | null
  readonly enquiryType: string
  readonly team: string | null
  readonly startDate: LocalDate.LocalDate
  readonly concludedDate: LocalDate.LocalDate | null
  readonly riskAssessmentOutcome: string | null
  readonly resultOfAction: string | null
  readonly lackedCapacity: string | null
  readonly supportedByAdvocate: string | null
  readonly mspAsked: string | null
  readonly mspAchieved: string | null
}

/** The LAS safeguarding enquiries report row → an enquiry. */
export const EnquiryRowSchema = Mapping.rowSchema({
  name: "LasSafeguardingEnquiry",
  fields: {
    ...periodFields,
    enquiryId: F.text("Enquiry ID", true),
    concernId: F.text("Concern ID"),
    enquiryType: F.code("Enquiry Type", Codes.EnquiryType, true),
    team: F.text("Team"),
    start: F.date("Start Date", true),
    concluded: F.date("Concluded Date"),
    riskOutcome: F.code("Risk Outcome", Codes.RiskOutcome),
    result: F.code("Result of Action", Codes.RiskResult),
    capacity: F.code("Lacked Capacity", Codes.Capacity),
    advocate: F.code("Advocate", Codes.AdvocateSupport),
    mspAsked: F.code("MSP Asked", Codes.MspAsked),
    mspAchieved: F.code("MSP Outcomes Achieved", Codes.MspAchieved),
  },
  build: (v, ctx): EnquiryRow => {
    checkPeriod(ctx, v.periodStart, v.periodEnd)
    checkOrder(ctx, "Concluded Date", v.start, v.concluded, "it started")
    const la = (str(v.laCode) ?? "").toUpperCase()
    return {
      laCode: la,
      periodEnd: date(v.periodEnd) as LocalDate.LocalDate,
      enquiryId: str(v.enquiryId) ?? "",
      concernId: str(v.concernId),
      personKey: optionalPerson(ctx, la, "Person ID"),
      enquiryType: str(v.enquiryType) ?? "",
      team: str(v.team),
      startDate: date(v.start) as LocalDate.LocalDate,
      concludedDate: date(v.concluded),
      riskAssessmentOutcome: str(v.riskOutcome),
      resultOfAction: str(v.result),
      lackedCapacity: str(v.capacity),
      supportedByAdvocate: str(v.advocate),
      mspAsked: str(v.mspAsked),
      mspAchieved: str(v.mspAchieved),
    }
  },
})

/** A decoded type of risk of an enquiry. */
export interface RiskRow {
  readonly laCode: string
  readonly periodEnd: LocalDate.LocalDate
  readonly enquiryId: string
  readonly typeOfRisk: string
  readonly sourceOfRisk: string | null
  readonly locationOfRisk: string | null
}

/** The LAS safeguarding risks report row → a type of risk with its source and location. */
export const RiskRowSchema = Mapping.rowSchema({
  name: "LasSafeguardingRisk",
  fields: {
    ...periodFields,
    enquiryId: F.text("Enquiry ID", true),
    type: F.code("Type of Risk", Codes.RiskType, true),
    source: F.code("Source of Risk", Codes.RiskSource),
    location: F.code("Location of Risk", Codes.RiskLocation),
  },
  build: (v, ctx): RiskRow => {
    checkPeriod(ctx, v.periodStart, v.periodEnd)
    return {
      laCode: (str(v.laCode) ?? "").toUpperCase(),
      periodEnd: date(v.periodEnd) as LocalDate.LocalDate,
      enquiryId: str(v.enquiryId) ?? "",
      typeOfRisk: str(v.type) ?? "",
      sourceOfRisk: str(v.source),
      locationOfRisk: str(v.location),
    }
  },
})
