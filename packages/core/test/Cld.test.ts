import { describe, expect, it } from "vitest"
import * as Cld from "../src/Cld.js"

const listNames = Object.keys(Cld.lists) as Cld.ListName[]

describe("Cld.fields", () => {
  it("lists the Release 2 fields in specification order, each once", () => {
    expect(Cld.fields.map((f) => f.name)).toEqual([...Cld.fieldNames])
    expect(new Set(Cld.fieldNames).size).toBe(Cld.fieldNames.length)
    expect(Cld.fields).toHaveLength(46)
    expect(Cld.fieldNames[0]).toBe("LA_Code")
    expect(Cld.fieldNames.at(-1)).toBe("Planned_units_per_week")
  })

  it("gives every list field a defined list and marks event-specific fields not applicable elsewhere", () => {
    for (const f of Cld.fields) if (f.list !== undefined) expect(Cld.lists[f.list].length).toBeGreaterThan(0)
    const route = Cld.fieldByName("Request_Route_of_Access")
    expect(route?.status).toEqual({
      Request: "mandatory",
      Assessment: "not-applicable",
      Service: "not-applicable",
      Review: "not-applicable",
    })
    expect(Cld.fieldByName("Service_Type")?.status.Service).toBe("mandatory")
    expect(Cld.fieldByName("Event_End_Date")?.status.Service).toBe("applicable")
    expect(Cld.fieldByName("Primary_Support_Reason")?.status.Request).toBe("applicable")
    expect(Cld.fieldByName("Nope")).toBeUndefined()
  })
})

describe("Cld defined lists", () => {
  it("has 19 ethnicities plus two no-data codes", () => {
    expect(Cld.Ethnicity).toHaveLength(21)
    expect(Cld.Ethnicity.filter((e) => e.startsWith("No data:"))).toHaveLength(2)
  })

  it("maps every Release 1 alias and variant to a label in its Release 2 list", () => {
    for (const list of listNames) {
      const labels = new Set(Cld.lists[list])
      for (const [alias, target] of [
        ...Object.entries(Cld.release1[list]),
        ...Object.entries(Cld.variants[list] ?? {}),
      ]) {
        expect(labels.has(target), `${list}: ${alias} → ${target}`).toBe(true)
        expect(Cld.normalise(list, alias)?.value, `${list}: ${alias}`).toBe(target)
      }
    }
  })

  it("normalises every Release 2 label to itself as release 2", () => {
    for (const list of listNames)
      for (const label of Cld.lists[list])
        expect(Cld.normalise(list, label)).toEqual({ value: label, release: 2 })
  })

  it("reports an exact Release 1 spelling as release 1", () => {
    expect(Cld.normalise("ClientType", "Service User")).toEqual({ value: "Service user", release: 1 })
    expect(Cld.normalise("ServiceType", "Long Term Support: Nursing Care")).toEqual({
      value: "Long term support: Nursing care",
      release: 1,
    })
    expect(Cld.normalise("EventOutcome", "NFA - Deceased")).toEqual({ value: "NFA: Deceased", release: 1 })
    expect(Cld.normalise("EventOutcome", "Progress to financial assessment")?.value).toBe(
      "Release 1 specification only: Not mapped",
    )
    expect(Cld.normalise("ReviewReason", "Unplanned - Provider Failure")).toEqual({
      value: "Unplanned: Provider failure",
      release: 1,
    })
  })

  it("is tolerant of case, spaces, dashes and colons", () => {
    const cases: ReadonlyArray<readonly [Cld.ListName, string, string]> = [
      ["ClientType", "  service   user ", "Service user"],
      ["EventOutcome", "nfa: deceased", "NFA: Deceased"],
      ["EventOutcome", "NFA -  Deceased", "NFA: Deceased"],
      ["EventOutcome", "NFA – Deceased", "NFA: Deceased"],
      ["EventOutcome", "NFA—deceased", "NFA: Deceased"],
      [
        "EventOutcome",
        "NFA - Information & Advice / Signposting only",
        "NFA: Information and advice or signposting",
      ],
      ["EventOutcome", "NFA- Other", "NFA: Other"],
      ["ServiceType", "SHORT TERM SUPPORT : ST - MAX", "Short term support: ST-Max"],
      ["ServiceType", "Long term support:Community", "Long term support: Community"],
      ["AccommodationStatus", "tenant - private landlord", "Tenant: Private landlord"],
      [
        "AccommodationStatus",
        "Supported accommodation,supported lodgings or supported group home",
        "Supported accommodation, supported lodgings or supported group home",
      ],
      ["PrimarySupportReason", "Support with Memory & Cognition", "Support with Memory and Cognition"],
      ["Ethnicity", "mixed:white and asian", "Mixed or multiple ethnic groups: White and Asian"],
      ["DeliveryMechanism", "cassr commissioned support", "CASSR commissioned support"],
      ["ReviewReason", "unplanned - other reason", "Unplanned: Other reason"],
      ["Gender", "f", "Female"],
      ["CostFrequencyUnitType", "one off", "One-off"],
    ]
    for (const [list, raw, want] of cases)
      expect(Cld.normalise(list, raw)?.value, `${list}: "${raw}"`).toBe(want)
    // memoised lookups give the same answer twice
    expect(Cld.normalise("ServiceType", "SHORT TERM SUPPORT : ST - MAX")?.value).toBe(
      "Short term support: ST-Max",
    )
  })

  it("rejects unknown codes", () => {
    expect(Cld.normalise("EventType", "Visit")).toBeUndefined()
    expect(Cld.normalise("EventType", "")).toBeUndefined()
    expect(Cld.normalise("DeliveryMechanism", "Voucher scheme")).toBeUndefined()
    expect(Cld.isValid("Gender", "Male")).toBe(true)
  })

  it("writes canonical Release 1 spellings", () => {
    expect(Cld.toRelease1("ClientType", "Unpaid carer")).toBe("Carer")
    expect(Cld.toRelease1("EventOutcome", "NFA: Deceased")).toBe("NFA - Deceased")
    expect(Cld.toRelease1("Gender", "Male")).toBe("Male")
    for (const list of listNames)
      for (const label of Cld.lists[list])
        expect(Cld.normalise(list, Cld.toRelease1(list, label))?.value).toBe(label)
  })
})

describe("Cld.canonicalHeader", () => {
  it("maps header spellings to official field names", () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["la code", "LA_Code"],
      ["LA_CODE", "LA_Code"],
      ["La Code", "LA_Code"],
      ["\uFEFFLA_Code", "LA_Code"],
      ["Event Start Date", "Event_Start_Date"],
      ["event_start_date", "Event_Start_Date"],
      ["Request: Route of Access", "Request_Route_of_Access"],
      ["Cost Frequency (Unit Type)", "Cost_Frequency_Unit_Type"],
      ["No. of adults being cared for", "No_of_adults_being_cared_for"],
      ["Autism Spectrum Disorder (ASD)", "Autism_Spectrum_Disorder_ASD"],
      ["Adult 1 Linked Person_ID", "Adult_1_Linked_Person_ID"],
      ["Planned Units Per Week", "Planned_units_per_week"],
      ["DOB", "Date_of_Birth"],
      ["GP Practice Name", "GP_Practice_Name"],
    ]
    for (const [raw, want] of cases) expect(Cld.canonicalHeader(raw), raw).toBe(want)
    expect(Cld.canonicalHeader("Favourite colour")).toBeUndefined()
  })

  it("maps every official name to itself", () => {
    for (const name of Cld.fieldNames) expect(Cld.canonicalHeader(name)).toBe(name)
  })
})

describe("Cld rules", () => {
  it("flags settled accommodation as domain.md §3.3 (DHSC 2E) lists", () => {
    const settled = [
      "Owner occupier or shared ownership scheme",
      "Tenant: Local authority or other social housing provider",
      "Tenant: Private landlord",
      "Settled mainstream housing with family or friends",
      "Supported accommodation, supported lodgings or supported group home",
      "Shared Lives scheme",
      "Approved premises for offenders released from prison or under probation supervision",
      "Sheltered housing, extra care housing or other sheltered housing",
      "Mobile accommodation for Gypsy, Roma and Traveller communities",
      "Unknown: Presumed at home",
    ]
    const unsettled = [
      "Rough sleeper or squatting",
      "Night shelter, emergency hostel or direct access hostel",
      "Refuge",
      "Placed in temporary accommodation by the council (inc. homelessness resettlement)",
      "Staying with family or friends as a short term guest",
      "Acute hospital or long term healthcare residential facility",
      "Registered care home",
      "Registered nursing home",
      "Prison, young offenders institution or detention centre",
      "Other temporary accommodation",
      "Unknown",
      "Unknown: Presumed in community",
    ]
    for (const s of settled) expect(Cld.settledAccommodation(s), s).toBe(true)
    for (const s of unsettled) expect(Cld.settledAccommodation(s), s).toBe(false)
    expect(new Set([...settled, ...unsettled])).toEqual(
      new Set([...Cld.AccommodationStatus, ...Cld.DerivedAccommodationStatus]),
    )
    expect(Cld.settledAccommodation("Tenant - private landlord")).toBe(true)
    expect(Cld.settledAccommodation("unknown: presumed at home")).toBe(true)
    expect(Cld.settledAccommodation("Caravan")).toBe(false)
  })

  it("ranks event outcomes in the DHSC hierarchy order of domain.md §3.3", () => {
    const order = [
      "Progress to reablement/ST-Max",
      "Progress to assessment, review or reassessment",
      "Release 1 specification only: Not mapped",
      "Progress to support planning or services",
      "Continuation of support or services",
      "Admitted to hospital",
      "NFA: Responsibility moved to another local authority",
      "NFA: Referral to NHS services or NHS funded social care",
      "NFA: Self-funded client or under 12wk disregard",
      "NFA: Information and advice or signposting",
      "NFA: Referral to other service within the local authority",
      "NFA: Support declined",
      "NFA: Deceased",
      "NFA: Support ended as planned",
      "NFA: Support ended for other reason",
      "NFA: No services offered for other reason",
      "NFA: Other",
    ]
    expect(order.map(Cld.outcomeRank)).toEqual(order.map((_, i) => i + 1))
    expect(Cld.outcomeRank("NFA - Deceased")).toBe(13)
    expect(Cld.outcomeRank("")).toBe(999)
    expect(Cld.outcomeRank("Went home")).toBe(999)
  })

  it("derives service groups, review types and ethnic groups", () => {
    expect(Cld.isLongTermService("Long Term Support: Community")).toBe(true)
    expect(Cld.serviceTypeGroup("Short term support: ST-Max")).toBe("Short term support")
    expect(Cld.serviceTypeGroup("Carer Support: Direct to Carer")).toBe("Unpaid carer support")
    expect(Cld.reviewType("Planned")).toBe("Planned")
    expect(Cld.reviewType("Unplanned - Carer related")).toBe("Unplanned")
    expect(Cld.reviewType("Review of short term support")).toBe("Short term")
    expect(Cld.ethnicityGroup("Asian / Asian British: Pakistani")).toBe("Asian or Asian British")
  })
})
