/**
 * The **default code tables** of the ContrOCC source: the local values a typical ContrOCC configuration uses for
 * service types, services (elements), settings, delivery mechanisms, rate units and end reasons, mapped to CLD
 * Release 2 labels (`@asckit/core` `Cld`).
 *
 * Editable data, as the LAS tables are: a value not here is quarantined as `unmapped-code` and listed with its row
 * count (`Mapping.unmapped`); the council maps it in its configuration (`mapping.codes.<table>` or a JSON
 * `mapping.codesFile`). Values already written as CLD labels are accepted as they are.
 * // [U] unverified: local ContrOCC labels vary by council; these are asckit's reading of common configurations.
 *
 * @category sources
 */
import * as Mapping from "../mapping/index.js"

/** Where a service is delivered: the check on long-term and short-term bed-based services. */
export const Setting = Mapping.codeList("Setting", ["Community", "Residential", "Nursing"])

const t = Mapping.table

/** The default ContrOCC code tables (see the module docs). */
export const tables: ReadonlyArray<Mapping.CodeTable> = [
  t({
    name: "ServiceType",
    description: "ContrOCC service type / category → CLD Service_Type",
    list: Mapping.cldList("ServiceType"),
    map: {
      "LT Nursing Care": "Long term support: Nursing care",
      "Nursing Care - Long Term": "Long term support: Nursing care",
      "LT Residential Care": "Long term support: Residential care",
      "Residential Care - Long Term": "Long term support: Residential care",
      "LT Community Support": "Long term support: Community",
      "Community Care - Long Term": "Long term support: Community",
      "LT Prison Support": "Long term support: Prison",
      Reablement: "Short term support: ST-Max",
      "ST Reablement": "Short term support: ST-Max",
      "ST Low Level Support": "Short term support: Ongoing low level",
      "ST Other Short Term": "Short term support: Other short term",
      "Short Term Residential/Nursing": "Short term support: Other short term",
      "Carer Support - Direct": "Unpaid carer support: Direct to unpaid carer",
      "Carer Support - Replacement Care": "Unpaid carer support: Support involving the person cared-for",
    },
  }),
  t({
    name: "ServiceComponent",
    description:
      "ContrOCC service (element) → CLD Service_Component; the ContrOCC service is kept as source_type",
    list: Mapping.cldList("ServiceComponent"),
    map: {
      "Reablement Service": "Reablement",
      "Short Term Nursing": "Short term nursing care",
      "Short Term Residential": "Short term residential care",
      "Respite - Nursing": "Short term nursing care",
      "Respite - Residential": "Short term residential care",
      "Nursing Placement": "Long term nursing care",
      "Residential Placement": "Long term residential care",
      "Home Care": "Home support or domiciliary care",
      "Domiciliary Care": "Home support or domiciliary care",
      "Day Care": "Day support",
      "Day Opportunities": "Day support",
      "Meals on Wheels": "Meals",
      Transport: "Transport",
      Equipment: "Equipment",
      Telecare: "Equipment",
      "Direct Payment": "Direct payment",
      "Shared Lives": "Shared Lives",
      "Supported Living": "Community supported living",
      "Extra Care": "Extra care housing",
      "Social Work Support": "Professional support: Social worker",
      "Other Professional Support": "Professional support: Other",
      "Employment Support": "Learning, education or employment support",
      "End of Life Care": "End of life care",
      "Emergency Support": "Emergency support",
      "Other Short Term Support": "Other short term",
      "Other Long Term Support": "Other long term",
      "Carer Respite": "Unpaid carer respite",
      "Carer Sitting Service": "Unpaid carer sitting service",
      "Carer Universal Services": "Unpaid carer universal services",
      "Carer Other Support": "Unpaid carer other",
    },
  }),
  t({
    name: "Setting",
    description: "ContrOCC setting → community, residential or nursing",
    list: Setting,
    map: {
      Home: "Community",
      "Care Home": "Residential",
      "Residential Home": "Residential",
      "Nursing Home": "Nursing",
    },
  }),
  t({
    name: "DeliveryMechanism",
    description: "ContrOCC funding / payment method → CLD Delivery_Mechanism",
    list: Mapping.cldList("DeliveryMechanism"),
    map: {
      "Direct Payment": "Direct payment",
      "Managed Account": "CASSR managed personal budget",
      "Council Managed Budget": "CASSR managed personal budget",
      "Individual Service Fund": "CASSR managed personal budget",
      "Council Commissioned": "CASSR commissioned support",
      "Commissioned Service": "CASSR commissioned support",
      "In-House Service": "CASSR commissioned support",
    },
  }),
  t({
    name: "CostFrequency",
    description: "ContrOCC rate unit → CLD Cost_Frequency_Unit_Type",
    list: Mapping.cldList("CostFrequencyUnitType"),
    map: {
      "Per Hour": "Hourly",
      "Per Day": "Daily",
      "Per Night": "Daily",
      "Per Session": "Per session",
      "Per Week": "Weekly",
      "Per Fortnight": "Fortnightly",
      "Per 4 Weeks": "4-weekly",
      "Per Month": "Monthly",
      "Per Calendar Month": "Monthly",
      "Per Quarter": "Quarterly",
      "Per Annum": "Annually",
      "Per Year": "Annually",
      "One Off": "One-off",
      "Single Payment": "One-off",
    },
  }),
  t({
    name: "EndReason",
    description: "ContrOCC service end reason → CLD Event_Outcome",
    list: Mapping.cldList("EventOutcome"),
    map: {
      "Client Deceased": "NFA: Deceased",
      "Package Changed": "Continuation of support or services",
      "Change of Provider": "Continuation of support or services",
      "Moved to Other Service": "Progress to support planning or services",
      "Service Completed": "NFA: Support ended as planned",
      "Ended - Other Reason": "NFA: Support ended for other reason",
      "Moved Out of Area": "NFA: Responsibility moved to another local authority",
      "Now Self Funding": "NFA: Self-funded client or under 12wk disregard",
      "Transferred to NHS/CHC": "NFA: Referral to NHS services or NHS funded social care",
      "Service Declined": "NFA: Support declined",
      "Admitted to Hospital": "Admitted to hospital",
      "Information and Advice Given": "NFA: Information and advice or signposting",
      Other: "NFA: Other",
    },
  }),
]
