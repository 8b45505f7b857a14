/**
 * The CLD-shaped facts source-system plugins (LAS, ContrOCC) load, and where they land: decoded event rows into
 * `event` with exactly the columns and key the CLD source gives them (so the same event from either route is the
 * same warehouse row), plus what only a source system knows (its own event type, a due date, the team, the
 * provider's name); person snapshots into `person` as the CLD source writes them.
 *
 * @category sources
 */
import type { Cld, LocalDate } from "@asckit/core"
import type { Target } from "../SourcePlugin.js"
import { event, person } from "../WarehouseSchema.js"

/** A decoded event of a source system, in CLD terms (identifiers raw until the pipeline pseudonymises them). */
export interface EventFacts {
  readonly laCode: string
  /** The reporting period of the extract the event came from (the report's parameters). */
  readonly periodStart: LocalDate.LocalDate
  readonly periodEnd: LocalDate.LocalDate
  readonly personKey: string
  readonly eventType: Cld.EventType
  readonly eventReference: string | null
  readonly clientType: string
  readonly startDate: LocalDate.LocalDate
  readonly endDate: LocalDate.LocalDate | null
  readonly eventOutcome: string | null
  readonly eventDescription: string | null
  /** The source system's own type of the event (an LAS step type, a ContrOCC service). */
  readonly sourceType: string | null
  readonly dueDate: LocalDate.LocalDate | null
  readonly team: string | null
  readonly providerName: string | null
  readonly routeOfAccess: string | null
  readonly assessmentType: string | null
  readonly eligibleNeedsIdentified: string | null
  readonly methodOfAssessment: string | null
  readonly serviceType: string | null
  readonly serviceComponent: string | null
  readonly deliveryMechanism: string | null
  readonly providerCqcLocationId: string | null
  readonly reviewReason: string | null
  readonly reviewOutcomesAchieved: string | null
  readonly methodOfReview: string | null
  readonly unitCost: number | null
  readonly costFrequencyUnitType: string | null
  readonly plannedUnitsPerWeek: number | null
  readonly totalHoursCaringPerWeek: number | null
  readonly adultsCaredFor: number | null
  /** Key parts and precedence (`identity.ts`). */
  readonly endKey: string
  readonly detailKey: string
  readonly precedence: string
}

/** An event row with every CLD detail blank: spread it, then set the event type's own fields. */
export const blankDetails = {
  eventDescription: null,
  sourceType: null,
  dueDate: null,
  team: null,
  providerName: null,
  routeOfAccess: null,
  assessmentType: null,
  eligibleNeedsIdentified: null,
  methodOfAssessment: null,
  serviceType: null,
  serviceComponent: null,
  deliveryMechanism: null,
  providerCqcLocationId: null,
  reviewReason: null,
  reviewOutcomesAchieved: null,
  methodOfReview: null,
  unitCost: null,
  costFrequencyUnitType: null,
  plannedUnitsPerWeek: null,
  totalHoursCaringPerWeek: null,
  adultsCaredFor: null,
} as const

/** The event columns CLD defines, as every source that loads events has them (values as each source decodes them). */
export type CldEventColumns = {
  readonly [K in keyof Omit<
    EventFacts,
    "sourceType" | "dueDate" | "team" | "providerName" | "endKey" | "detailKey" | "precedence"
  >]: unknown
}

/** An event's CLD columns in the `event` table (the CLD source's whole row; a source system's CLD part). */
export const cldEventColumns = (r: CldEventColumns) => ({
  laCode: r.laCode,
  personId: r.personKey,
  eventType: r.eventType,
  eventReference: r.eventReference,
  clientType: r.clientType,
  startDate: r.startDate,
  endDate: r.endDate,
  derivedEndDate: r.endDate,
  eventOutcome: r.eventOutcome,
  eventDescription: r.eventDescription,
  routeOfAccess: r.routeOfAccess,
  assessmentType: r.assessmentType,
  eligibleNeedsIdentified: r.eligibleNeedsIdentified,
  methodOfAssessment: r.methodOfAssessment,
  serviceType: r.serviceType,
  serviceComponent: r.serviceComponent,
  deliveryMechanism: r.deliveryMechanism,
  providerCqcLocationId: r.providerCqcLocationId,
  reviewReason: r.reviewReason,
  reviewOutcomesAchieved: r.reviewOutcomesAchieved,
  methodOfReview: r.methodOfReview,
  unitCost: r.unitCost,
  costFrequencyUnitType: r.costFrequencyUnitType,
  plannedUnitsPerWeek: r.plannedUnitsPerWeek,
  totalHoursCaringPerWeek: r.totalHoursCaringPerWeek,
  adultsCaredFor: r.adultsCaredFor,
  submissionStart: r.periodStart,
  submissionEnd: r.periodEnd,
})

/** `event`: the same columns as the CLD source writes, and the source system's own. */
export const eventTarget: Target<EventFacts> = {
  table: event,
  map: (r) => ({
    ...cldEventColumns(r),
    sourceType: r.sourceType,
    dueDate: r.dueDate,
    team: r.team,
    providerName: r.providerName,
  }),
}

/** A person's details as a source system holds them at the end of an extract's period. */
export interface PersonFacts {
  readonly laCode: string
  readonly periodEnd: LocalDate.LocalDate
  readonly personKey: string
  readonly nhsNumber: string | null
  readonly laPersonId: string | null
  readonly clientType: string
  readonly gender: string | null
  readonly ethnicity: string | null
  readonly birthYear: number | null
  readonly birthMonth: number | null
  readonly dateOfDeath: LocalDate.LocalDate | null
  readonly primarySupportReason: string | null
  readonly accommodationStatus: string | null
  readonly employmentStatus: string | null
  readonly hasUnpaidCarer: string | null
  readonly clientFundingStatus: string | null
  readonly autismSpectrumDisorder: string | null
  readonly visualImpairment: string | null
  readonly hearingImpairment: string | null
  readonly dementia: string | null
  readonly gpPracticeCode: string | null
  readonly postcodeDistrict: string | null
  /** The full date of birth and postcode, declared as identifiers so the pipeline keeps them only as pseudonyms —
   * and, when the configuration keeps identifiers, raw (`dateOfBirthRaw`, `postcodeRaw`) for the CLD submission. */
  readonly dateOfBirth: string | null
  readonly postcode: string | null
}

const orNull = <T>(x: T | undefined): T | null => (x === undefined ? null : x)

/**
 * `person`: one snapshot per person and period end, keyed as the CLD source keys it (LA, person, period end), so
 * a CLD submission and a source-system extract for the same period give the same snapshot row.
 */
export const personTarget = <A extends PersonFacts>(): Target<A> => ({
  table: person,
  key: (r) => [r.laCode, r.personKey, r.periodEnd],
  precedence: (r) => r.periodEnd,
  map: (r) => {
    const raw = r as A & {
      nhsNumberRaw?: string
      laPersonIdRaw?: string
      dateOfBirthRaw?: string
      postcodeRaw?: string
    }
    return {
      laCode: r.laCode,
      personId: r.personKey,
      asAt: r.periodEnd,
      nhsNumberPseudo: r.nhsNumber,
      laPersonIdPseudo: r.laPersonId,
      nhsNumberRaw: orNull(raw.nhsNumberRaw),
      laPersonIdRaw: orNull(raw.laPersonIdRaw),
      dateOfBirthRaw: orNull(raw.dateOfBirthRaw),
      postcodeRaw: orNull(raw.postcodeRaw),
      clientType: r.clientType,
      gender: r.gender,
      ethnicity: r.ethnicity,
      birthYear: r.birthYear,
      birthMonth: r.birthMonth,
      dateOfDeath: r.dateOfDeath,
      primarySupportReason: r.primarySupportReason,
      accommodationStatus: r.accommodationStatus,
      employmentStatus: r.employmentStatus,
      hasUnpaidCarer: r.hasUnpaidCarer,
      clientFundingStatus: r.clientFundingStatus,
      autismSpectrumDisorder: r.autismSpectrumDisorder,
      visualImpairment: r.visualImpairment,
      hearingImpairment: r.hearingImpairment,
      dementia: r.dementia,
      gpPracticeCode: r.gpPracticeCode,
      postcodeDistrict: r.postcodeDistrict,
    }
  },
})
