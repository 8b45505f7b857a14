/**
 * Geography: England, its nine regions, the councils with adult social services responsibilities (CASSRs), and
 * comparator groups (Greater Manchester, each region, England, and user-supplied groups such as CIPFA nearest
 * neighbours).
 *
 * Councils are keyed by their CASSR code as DHSC publishes it. Codes are strings and not always numeric: the
 * councils created since 2021 have alphanumeric codes (Cumberland `H6X4G`, Westmorland and Furness `W8X1Q`,
 * North Northamptonshire `Z9D4Z`, West Northamptonshire `U6Q5Z`). The register and each council's ONS code come
 * from DHSC's ASCOF 2024-25 data tables (ODS-2425); region membership is checked in the tests against the
 * region totals published there. Boundary changes are recorded as first and last financial years, so groups
 * have the right members in each year (the North West has 23 councils to 2022-23 and 24 from 2023-24).
 *
 * CIPFA nearest neighbours are licensed data: asckit ships no list, only the type and loaders (`fromCsv`,
 * `fromJson`) for the file a council holds.
 *
 * @category models
 */
import { Either, Schema } from "effect"
import { GroupParseError, UnknownGeographyError } from "./CoreError.js"
import * as Period from "./Period.js"

/** The nine English regions (DHSC region codes as in the ASCOF tables). */
export const RegionCode = Schema.Literal("NE", "NW", "YH", "EM", "WM", "E", "L", "SE", "SW")
/** The nine English regions. */
export type RegionCode = typeof RegionCode.Type

/** A region: DHSC code, ONS code and name. */
export interface Region {
  readonly code: RegionCode
  readonly ons: string
  readonly name: string
}

/** The council types DHSC aggregates by (ASCOF tables rows S, U, M, I, O). */
export const CouncilType = Schema.Literal(
  "shire-county",
  "unitary",
  "metropolitan-district",
  "inner-london",
  "outer-london",
)
/** The council types DHSC aggregates by. */
export type CouncilType = typeof CouncilType.Type

/** A council with adult social services responsibilities. */
export const Council = Schema.Struct({
  cassr: Schema.String,
  ons: Schema.String,
  name: Schema.String,
  region: RegionCode,
  type: CouncilType,
  aliases: Schema.optional(Schema.Array(Schema.String)),
  /** First financial year the council existed (absent: before the data begins). */
  firstYear: Schema.optional(Schema.String),
  /** Last financial year the council existed (absent: still exists). */
  lastYear: Schema.optional(Schema.String),
  /** ONS codes the council had before a boundary or status change. */
  formerOns: Schema.optional(Schema.Array(Schema.String)),
})
/** A council with adult social services responsibilities. */
export type Council = typeof Council.Type

/** England as a geography. */
export const england = { code: "England", ons: "E92000001", name: "England" } as const

/** The nine regions. */
export const regions: ReadonlyArray<Region> = [
  { code: "NE", ons: "E12000001", name: "North East" },
  { code: "NW", ons: "E12000002", name: "North West" },
  { code: "YH", ons: "E12000003", name: "Yorkshire and the Humber" },
  { code: "EM", ons: "E12000004", name: "East Midlands" },
  { code: "WM", ons: "E12000005", name: "West Midlands" },
  { code: "E", ons: "E12000006", name: "Eastern" },
  { code: "L", ons: "E12000007", name: "London" },
  { code: "SE", ons: "E12000008", name: "South East" },
  { code: "SW", ons: "E12000009", name: "South West" },
]

/** The DHSC council-type codes used in the ASCOF tables, by type. */
export const councilTypeCodes: Readonly<Record<CouncilType, string>> = {
  "shire-county": "S",
  unitary: "U",
  "metropolitan-district": "M",
  "inner-london": "I",
  "outer-london": "O",
}

/** Every CASSR in the ASCOF 2015-16 to 2024-25 tables, including those abolished by boundary changes. */
export const councils: ReadonlyArray<Council> = [
  { cassr: "606", ons: "E10000015", name: "Hertfordshire", region: "E", type: "shire-county" },
  { cassr: "607", ons: "E10000020", name: "Norfolk", region: "E", type: "shire-county" },
  { cassr: "609", ons: "E10000029", name: "Suffolk", region: "E", type: "shire-county" },
  { cassr: "611", ons: "E06000032", name: "Luton", region: "E", type: "unitary" },
  { cassr: "620", ons: "E10000012", name: "Essex", region: "E", type: "shire-county" },
  { cassr: "621", ons: "E06000033", name: "Southend-on-Sea", region: "E", type: "unitary" },
  { cassr: "622", ons: "E06000034", name: "Thurrock", region: "E", type: "unitary" },
  { cassr: "623", ons: "E10000003", name: "Cambridgeshire", region: "E", type: "shire-county" },
  { cassr: "624", ons: "E06000031", name: "Peterborough", region: "E", type: "unitary" },
  { cassr: "625", ons: "E06000055", name: "Bedford", region: "E", type: "unitary" },
  { cassr: "626", ons: "E06000056", name: "Central Bedfordshire", region: "E", type: "unitary" },
  { cassr: "503", ons: "E10000019", name: "Lincolnshire", region: "EM", type: "shire-county" },
  {
    cassr: "504",
    ons: "E10000021",
    name: "Northamptonshire",
    region: "EM",
    type: "shire-county",
    lastYear: "2020-21",
  },
  { cassr: "506", ons: "E10000007", name: "Derbyshire", region: "EM", type: "shire-county" },
  { cassr: "507", ons: "E06000015", name: "Derby", region: "EM", type: "unitary" },
  { cassr: "508", ons: "E10000018", name: "Leicestershire", region: "EM", type: "shire-county" },
  { cassr: "509", ons: "E06000016", name: "Leicester", region: "EM", type: "unitary" },
  { cassr: "510", ons: "E06000017", name: "Rutland", region: "EM", type: "unitary" },
  { cassr: "511", ons: "E10000024", name: "Nottinghamshire", region: "EM", type: "shire-county" },
  { cassr: "512", ons: "E06000018", name: "Nottingham", region: "EM", type: "unitary" },
  {
    cassr: "U6Q5Z",
    ons: "E06000062",
    name: "West Northamptonshire",
    region: "EM",
    type: "unitary",
    firstYear: "2021-22",
  },
  {
    cassr: "Z9D4Z",
    ons: "E06000061",
    name: "North Northamptonshire",
    region: "EM",
    type: "unitary",
    firstYear: "2021-22",
  },
  { cassr: "702", ons: "E09000007", name: "Camden", region: "L", type: "inner-london" },
  { cassr: "703", ons: "E09000011", name: "Greenwich", region: "L", type: "inner-london" },
  { cassr: "704", ons: "E09000012", name: "Hackney", region: "L", type: "inner-london" },
  { cassr: "705", ons: "E09000013", name: "Hammersmith and Fulham", region: "L", type: "inner-london" },
  { cassr: "706", ons: "E09000019", name: "Islington", region: "L", type: "inner-london" },
  { cassr: "707", ons: "E09000020", name: "Kensington and Chelsea", region: "L", type: "inner-london" },
  { cassr: "708", ons: "E09000022", name: "Lambeth", region: "L", type: "inner-london" },
  { cassr: "709", ons: "E09000023", name: "Lewisham", region: "L", type: "inner-london" },
  { cassr: "710", ons: "E09000028", name: "Southwark", region: "L", type: "inner-london" },
  { cassr: "711", ons: "E09000030", name: "Tower Hamlets", region: "L", type: "inner-london" },
  { cassr: "712", ons: "E09000032", name: "Wandsworth", region: "L", type: "inner-london" },
  { cassr: "713", ons: "E09000033", name: "Westminster", region: "L", type: "inner-london" },
  { cassr: "714", ons: "E09000001", name: "City of London", region: "L", type: "inner-london" },
  { cassr: "716", ons: "E09000002", name: "Barking and Dagenham", region: "L", type: "outer-london" },
  { cassr: "717", ons: "E09000003", name: "Barnet", region: "L", type: "outer-london" },
  { cassr: "718", ons: "E09000004", name: "Bexley", region: "L", type: "outer-london" },
  { cassr: "719", ons: "E09000005", name: "Brent", region: "L", type: "outer-london" },
  { cassr: "720", ons: "E09000006", name: "Bromley", region: "L", type: "outer-london" },
  { cassr: "721", ons: "E09000008", name: "Croydon", region: "L", type: "outer-london" },
  { cassr: "722", ons: "E09000009", name: "Ealing", region: "L", type: "outer-london" },
  { cassr: "723", ons: "E09000010", name: "Enfield", region: "L", type: "outer-london" },
  { cassr: "724", ons: "E09000014", name: "Haringey", region: "L", type: "outer-london" },
  { cassr: "725", ons: "E09000015", name: "Harrow", region: "L", type: "outer-london" },
  { cassr: "726", ons: "E09000016", name: "Havering", region: "L", type: "outer-london" },
  { cassr: "727", ons: "E09000017", name: "Hillingdon", region: "L", type: "outer-london" },
  { cassr: "728", ons: "E09000018", name: "Hounslow", region: "L", type: "outer-london" },
  { cassr: "729", ons: "E09000021", name: "Kingston upon Thames", region: "L", type: "outer-london" },
  { cassr: "730", ons: "E09000024", name: "Merton", region: "L", type: "outer-london" },
  { cassr: "731", ons: "E09000025", name: "Newham", region: "L", type: "outer-london" },
  { cassr: "732", ons: "E09000026", name: "Redbridge", region: "L", type: "outer-london" },
  { cassr: "733", ons: "E09000027", name: "Richmond upon Thames", region: "L", type: "outer-london" },
  { cassr: "734", ons: "E09000029", name: "Sutton", region: "L", type: "outer-london" },
  { cassr: "735", ons: "E09000031", name: "Waltham Forest", region: "L", type: "outer-london" },
  { cassr: "104", ons: "E06000057", name: "Northumberland", region: "NE", type: "unitary" },
  { cassr: "106", ons: "E08000037", name: "Gateshead", region: "NE", type: "metropolitan-district" },
  {
    cassr: "107",
    ons: "E08000021",
    name: "Newcastle upon Tyne",
    region: "NE",
    type: "metropolitan-district",
  },
  { cassr: "108", ons: "E08000022", name: "North Tyneside", region: "NE", type: "metropolitan-district" },
  { cassr: "109", ons: "E08000023", name: "South Tyneside", region: "NE", type: "metropolitan-district" },
  { cassr: "110", ons: "E08000024", name: "Sunderland", region: "NE", type: "metropolitan-district" },
  { cassr: "111", ons: "E06000001", name: "Hartlepool", region: "NE", type: "unitary" },
  { cassr: "112", ons: "E06000002", name: "Middlesbrough", region: "NE", type: "unitary" },
  { cassr: "113", ons: "E06000003", name: "Redcar and Cleveland", region: "NE", type: "unitary" },
  { cassr: "114", ons: "E06000004", name: "Stockton-on-Tees", region: "NE", type: "unitary" },
  {
    cassr: "116",
    ons: "E06000047",
    name: "County Durham",
    region: "NE",
    type: "unitary",
    aliases: ["Durham"],
  },
  { cassr: "117", ons: "E06000005", name: "Darlington", region: "NE", type: "unitary" },
  {
    cassr: "102",
    ons: "E10000006",
    name: "Cumbria",
    region: "NW",
    type: "shire-county",
    lastYear: "2022-23",
  },
  { cassr: "304", ons: "E08000001", name: "Bolton", region: "NW", type: "metropolitan-district" },
  { cassr: "305", ons: "E08000002", name: "Bury", region: "NW", type: "metropolitan-district" },
  { cassr: "306", ons: "E08000003", name: "Manchester", region: "NW", type: "metropolitan-district" },
  { cassr: "307", ons: "E08000004", name: "Oldham", region: "NW", type: "metropolitan-district" },
  { cassr: "308", ons: "E08000005", name: "Rochdale", region: "NW", type: "metropolitan-district" },
  { cassr: "309", ons: "E08000006", name: "Salford", region: "NW", type: "metropolitan-district" },
  { cassr: "310", ons: "E08000007", name: "Stockport", region: "NW", type: "metropolitan-district" },
  { cassr: "311", ons: "E08000008", name: "Tameside", region: "NW", type: "metropolitan-district" },
  { cassr: "312", ons: "E08000009", name: "Trafford", region: "NW", type: "metropolitan-district" },
  { cassr: "313", ons: "E08000010", name: "Wigan", region: "NW", type: "metropolitan-district" },
  { cassr: "315", ons: "E08000011", name: "Knowsley", region: "NW", type: "metropolitan-district" },
  { cassr: "316", ons: "E08000012", name: "Liverpool", region: "NW", type: "metropolitan-district" },
  { cassr: "317", ons: "E08000014", name: "Sefton", region: "NW", type: "metropolitan-district" },
  {
    cassr: "318",
    ons: "E08000013",
    name: "St Helens",
    region: "NW",
    type: "metropolitan-district",
    aliases: ["St. Helens"],
  },
  { cassr: "319", ons: "E08000015", name: "Wirral", region: "NW", type: "metropolitan-district" },
  { cassr: "321", ons: "E06000006", name: "Halton", region: "NW", type: "unitary" },
  { cassr: "322", ons: "E06000007", name: "Warrington", region: "NW", type: "unitary" },
  { cassr: "323", ons: "E10000017", name: "Lancashire", region: "NW", type: "shire-county" },
  { cassr: "324", ons: "E06000008", name: "Blackburn with Darwen", region: "NW", type: "unitary" },
  { cassr: "325", ons: "E06000009", name: "Blackpool", region: "NW", type: "unitary" },
  { cassr: "326", ons: "E06000049", name: "Cheshire East", region: "NW", type: "unitary" },
  { cassr: "327", ons: "E06000050", name: "Cheshire West and Chester", region: "NW", type: "unitary" },
  {
    cassr: "H6X4G",
    ons: "E06000063",
    name: "Cumberland",
    region: "NW",
    type: "unitary",
    firstYear: "2023-24",
  },
  {
    cassr: "W8X1Q",
    ons: "E06000064",
    name: "Westmorland and Furness",
    region: "NW",
    type: "unitary",
    firstYear: "2023-24",
  },
  { cassr: "608", ons: "E10000025", name: "Oxfordshire", region: "SE", type: "shire-county" },
  { cassr: "613", ons: "E06000042", name: "Milton Keynes", region: "SE", type: "unitary" },
  { cassr: "614", ons: "E06000036", name: "Bracknell Forest", region: "SE", type: "unitary" },
  { cassr: "615", ons: "E06000037", name: "West Berkshire", region: "SE", type: "unitary" },
  { cassr: "616", ons: "E06000038", name: "Reading", region: "SE", type: "unitary" },
  { cassr: "617", ons: "E06000039", name: "Slough", region: "SE", type: "unitary" },
  { cassr: "618", ons: "E06000040", name: "Windsor and Maidenhead", region: "SE", type: "unitary" },
  { cassr: "619", ons: "E06000041", name: "Wokingham", region: "SE", type: "unitary" },
  { cassr: "803", ons: "E06000046", name: "Isle of Wight", region: "SE", type: "unitary" },
  { cassr: "805", ons: "E10000030", name: "Surrey", region: "SE", type: "shire-county" },
  { cassr: "807", ons: "E10000032", name: "West Sussex", region: "SE", type: "shire-county" },
  { cassr: "812", ons: "E10000014", name: "Hampshire", region: "SE", type: "shire-county" },
  { cassr: "813", ons: "E06000044", name: "Portsmouth", region: "SE", type: "unitary" },
  { cassr: "814", ons: "E06000045", name: "Southampton", region: "SE", type: "unitary" },
  { cassr: "815", ons: "E10000011", name: "East Sussex", region: "SE", type: "shire-county" },
  { cassr: "816", ons: "E06000043", name: "Brighton and Hove", region: "SE", type: "unitary" },
  { cassr: "820", ons: "E10000016", name: "Kent", region: "SE", type: "shire-county" },
  {
    cassr: "821",
    ons: "E06000035",
    name: "Medway",
    region: "SE",
    type: "unitary",
    aliases: ["Medway Towns"],
  },
  {
    cassr: "916",
    ons: "E06000060",
    name: "Buckinghamshire",
    region: "SE",
    type: "unitary",
    formerOns: ["E10000002"],
  },
  {
    cassr: "738",
    ons: "E06000058",
    name: "Bournemouth, Christchurch and Poole",
    region: "SW",
    type: "unitary",
    firstYear: "2019-20",
  },
  {
    cassr: "809",
    ons: "E06000059",
    name: "Dorset",
    region: "SW",
    // A unitary council since April 2019 (the former county's ONS code is kept for older files).
    type: "unitary",
    aliases: ["Dorset County"],
    formerOns: ["E10000009"],
  },
  { cassr: "810", ons: "E06000028", name: "Bournemouth", region: "SW", type: "unitary", lastYear: "2018-19" },
  { cassr: "811", ons: "E06000029", name: "Poole", region: "SW", type: "unitary", lastYear: "2018-19" },
  { cassr: "817", ons: "E06000054", name: "Wiltshire", region: "SW", type: "unitary" },
  { cassr: "819", ons: "E06000030", name: "Swindon", region: "SW", type: "unitary" },
  { cassr: "902", ons: "E06000052", name: "Cornwall", region: "SW", type: "unitary" },
  { cassr: "904", ons: "E10000013", name: "Gloucestershire", region: "SW", type: "shire-county" },
  {
    cassr: "905",
    ons: "E06000066",
    name: "Somerset",
    region: "SW",
    type: "unitary",
    formerOns: ["E10000027"],
  },
  { cassr: "906", ons: "E06000053", name: "Isles of Scilly", region: "SW", type: "unitary" },
  { cassr: "908", ons: "E06000022", name: "Bath and North East Somerset", region: "SW", type: "unitary" },
  {
    cassr: "909",
    ons: "E06000023",
    name: "Bristol, City of",
    region: "SW",
    type: "unitary",
    aliases: ["Bristol"],
  },
  { cassr: "910", ons: "E06000024", name: "North Somerset", region: "SW", type: "unitary" },
  { cassr: "911", ons: "E06000025", name: "South Gloucestershire", region: "SW", type: "unitary" },
  { cassr: "912", ons: "E10000008", name: "Devon", region: "SW", type: "shire-county" },
  { cassr: "913", ons: "E06000026", name: "Plymouth", region: "SW", type: "unitary" },
  { cassr: "914", ons: "E06000027", name: "Torbay", region: "SW", type: "unitary" },
  { cassr: "404", ons: "E10000031", name: "Warwickshire", region: "WM", type: "shire-county" },
  { cassr: "406", ons: "E08000025", name: "Birmingham", region: "WM", type: "metropolitan-district" },
  { cassr: "407", ons: "E08000026", name: "Coventry", region: "WM", type: "metropolitan-district" },
  { cassr: "408", ons: "E08000027", name: "Dudley", region: "WM", type: "metropolitan-district" },
  { cassr: "409", ons: "E08000028", name: "Sandwell", region: "WM", type: "metropolitan-district" },
  { cassr: "410", ons: "E08000029", name: "Solihull", region: "WM", type: "metropolitan-district" },
  { cassr: "411", ons: "E08000030", name: "Walsall", region: "WM", type: "metropolitan-district" },
  { cassr: "412", ons: "E08000031", name: "Wolverhampton", region: "WM", type: "metropolitan-district" },
  { cassr: "413", ons: "E10000028", name: "Staffordshire", region: "WM", type: "shire-county" },
  { cassr: "414", ons: "E06000021", name: "Stoke-on-Trent", region: "WM", type: "unitary" },
  { cassr: "415", ons: "E06000019", name: "Herefordshire", region: "WM", type: "unitary" },
  { cassr: "416", ons: "E10000034", name: "Worcestershire", region: "WM", type: "shire-county" },
  { cassr: "417", ons: "E06000051", name: "Shropshire", region: "WM", type: "unitary" },
  {
    cassr: "418",
    ons: "E06000020",
    name: "Telford and Wrekin",
    region: "WM",
    type: "unitary",
    aliases: ["Telford and the Wrekin"],
  },
  { cassr: "204", ons: "E08000016", name: "Barnsley", region: "YH", type: "metropolitan-district" },
  { cassr: "205", ons: "E08000017", name: "Doncaster", region: "YH", type: "metropolitan-district" },
  { cassr: "206", ons: "E08000018", name: "Rotherham", region: "YH", type: "metropolitan-district" },
  { cassr: "207", ons: "E08000019", name: "Sheffield", region: "YH", type: "metropolitan-district" },
  { cassr: "209", ons: "E08000032", name: "Bradford", region: "YH", type: "metropolitan-district" },
  { cassr: "210", ons: "E08000033", name: "Calderdale", region: "YH", type: "metropolitan-district" },
  { cassr: "211", ons: "E08000034", name: "Kirklees", region: "YH", type: "metropolitan-district" },
  { cassr: "212", ons: "E08000035", name: "Leeds", region: "YH", type: "metropolitan-district" },
  { cassr: "213", ons: "E08000036", name: "Wakefield", region: "YH", type: "metropolitan-district" },
  { cassr: "214", ons: "E06000011", name: "East Riding of Yorkshire", region: "YH", type: "unitary" },
  {
    cassr: "215",
    ons: "E06000010",
    name: "Kingston upon Hull, City of",
    region: "YH",
    type: "unitary",
    aliases: ["Kingston upon Hull"],
  },
  { cassr: "216", ons: "E06000012", name: "North East Lincolnshire", region: "YH", type: "unitary" },
  { cassr: "217", ons: "E06000013", name: "North Lincolnshire", region: "YH", type: "unitary" },
  {
    cassr: "218",
    ons: "E06000065",
    name: "North Yorkshire",
    region: "YH",
    type: "unitary",
    formerOns: ["E10000023"],
  },
  { cassr: "219", ons: "E06000014", name: "York", region: "YH", type: "unitary" },
]

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]/g, "")

const byCassrMap = new Map(councils.map((c) => [c.cassr.toUpperCase(), c]))
const byOnsMap = new Map<string, Council>()
for (const c of councils) {
  byOnsMap.set(c.ons.toUpperCase(), c)
  for (const o of c.formerOns ?? []) byOnsMap.set(o.toUpperCase(), c)
}
const byNameMap = new Map<string, Council>()
for (const c of councils) for (const n of [c.name, ...(c.aliases ?? [])]) byNameMap.set(norm(n), c)

/** The council with CASSR code `code` (case-insensitive), if any. */
export const byCassr = (code: string): Council | undefined => byCassrMap.get(code.trim().toUpperCase())

/** The council with ONS code `code` (current or former), if any. */
export const byOns = (code: string): Council | undefined => byOnsMap.get(code.trim().toUpperCase())

/** The region with DHSC code `code` or ONS code, if any. */
export const region = (code: string): Region | undefined => {
  const c = code.trim().toUpperCase()
  return regions.find((r) => r.code === c || r.ons === c)
}

/**
 * The council named by a CASSR code, an ONS code or a name (case, punctuation and "&"/"and" ignored); the error
 * says what was tried.
 */
export const findCouncil = (codeOrName: string): Either.Either<Council, UnknownGeographyError> => {
  const c = byCassr(codeOrName) ?? byOns(codeOrName) ?? byNameMap.get(norm(codeOrName))
  return c
    ? Either.right(c)
    : Either.left(
        new UnknownGeographyError({
          code: codeOrName,
          message: `No council has the CASSR code, ONS code or name "${codeOrName}". Codes are as DHSC publishes them, e.g. 305 or E08000002 for Bury.`,
        }),
      )
}

const yearLabel = (year: string | Period.Period): string =>
  typeof year === "string" ? year : Period.format(Period.financialYearOfPeriod(year))

/** True when the council existed in the financial year (a label like `2024-25`, or any period within it). */
export const existsIn = (c: Council, year: string | Period.Period): boolean => {
  const y = yearLabel(year)
  return (c.firstYear === undefined || c.firstYear <= y) && (c.lastYear === undefined || c.lastYear >= y)
}

/** The councils that existed in a financial year. */
export const councilsIn = (year: string | Period.Period): ReadonlyArray<Council> =>
  councils.filter((c) => existsIn(c, year))

// ---------------------------------------------------------------------------------------------------------------
// comparator groups

/** A member of a comparator group, optionally for a range of financial years. */
export const GroupMember = Schema.Struct({
  cassr: Schema.String,
  firstYear: Schema.optional(Schema.String),
  lastYear: Schema.optional(Schema.String),
  /** The member's rank in a nearest-neighbour list (1 = nearest), when the source file gives one. */
  rank: Schema.optional(Schema.Number.pipe(Schema.int(), Schema.positive())),
})
/** A member of a comparator group. */
export type GroupMember = typeof GroupMember.Type

/** A named set of councils to compare with. */
export const ComparatorGroup = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  kind: Schema.Literal("england", "region", "council-type", "greater-manchester", "cipfa", "custom"),
  /** The council the group was built around (CIPFA nearest neighbours are a council's own list). */
  subject: Schema.optional(Schema.String),
  members: Schema.Array(GroupMember),
})
/** A named set of councils to compare with. */
export type ComparatorGroup = typeof ComparatorGroup.Type

/** The councils of a group in a financial year (members outside their years, or abolished, are left out). */
export const membersIn = (group: ComparatorGroup, year: string | Period.Period): ReadonlyArray<Council> => {
  const y = yearLabel(year)
  const out: Array<Council> = []
  for (const m of group.members) {
    if ((m.firstYear !== undefined && m.firstYear > y) || (m.lastYear !== undefined && m.lastYear < y))
      continue
    const c = byCassr(m.cassr)
    if (c && existsIn(c, y)) out.push(c)
  }
  return out
}

const fromCouncils = (cs: ReadonlyArray<Council>): ReadonlyArray<GroupMember> =>
  cs.map((c) => ({
    cassr: c.cassr,
    ...(c.firstYear ? { firstYear: c.firstYear } : {}),
    ...(c.lastYear ? { lastYear: c.lastYear } : {}),
  }))

/** The ten Greater Manchester councils (CASSR 304–313). */
export const greaterManchester: ComparatorGroup = {
  id: "greater-manchester",
  name: "Greater Manchester",
  kind: "greater-manchester",
  members: ["304", "305", "306", "307", "308", "309", "310", "311", "312", "313"].map((cassr) => ({ cassr })),
}

/** The councils of a region, as a group (members change with boundary changes). */
export const regionGroup = (code: RegionCode): ComparatorGroup => {
  const r = regions.find((x) => x.code === code)!
  return {
    id: `region-${code}`,
    name: r.name,
    kind: "region",
    members: fromCouncils(councils.filter((c) => c.region === code)),
  }
}

/** The North West region: 23 councils to 2022-23, 24 from 2023-24 (Cumbria split into two). */
export const northWest: ComparatorGroup = regionGroup("NW")

/** Every council in England, as a group. */
export const englandGroup: ComparatorGroup = {
  id: "england",
  name: "England",
  kind: "england",
  members: fromCouncils(councils),
}

/** The councils of one type (e.g. metropolitan districts), as a group. */
export const councilTypeGroup = (type: CouncilType): ComparatorGroup => ({
  id: `type-${councilTypeCodes[type]}`,
  name: type.replace(/-/g, " ").replace(/^./, (s) => s.toUpperCase()),
  kind: "council-type",
  members: fromCouncils(councils.filter((c) => c.type === type)),
})

/** The built-in groups: England, the nine regions, the council types and Greater Manchester. */
export const builtInGroups: ReadonlyArray<ComparatorGroup> = [
  englandGroup,
  ...regions.map((r) => regionGroup(r.code)),
  ...(Object.keys(councilTypeCodes) as Array<CouncilType>).map(councilTypeGroup),
  greaterManchester,
]

// ---------------------------------------------------------------------------------------------------------------
// loading user groups (pure: the caller reads the file)

const splitCsvLine = (line: string): Array<string> => {
  const out: Array<string> = []
  let cur = ""
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"'
        i++
      } else if (ch === '"') quoted = false
      else cur += ch
    } else if (ch === '"') quoted = true
    else if (ch === ",") {
      out.push(cur)
      cur = ""
    } else cur += ch
  }
  out.push(cur)
  return out.map((s) => s.trim())
}

const headerAliases: Record<string, ReadonlyArray<string>> = {
  group: ["group", "groupid", "comparatorgroup"],
  groupName: ["groupname", "nameofgroup"],
  subject: ["subject", "council_of_interest", "la", "localauthority", "subjectcouncil"],
  neighbour: ["neighbour", "neighbor", "nearestneighbour", "nearestneighbor", "comparator"],
  council: [
    "council",
    "cassr",
    "cassrcode",
    "code",
    "lacode",
    "onscode",
    "ons",
    "member",
    "name",
    "councilname",
  ],
  firstYear: ["firstyear", "validfrom", "from"],
  lastYear: ["lastyear", "validto", "to"],
  rank: ["rank", "neighbourrank", "neighborrank", "nnrank"],
}

/** A positive whole number written plainly (`1`, `12`), or undefined. */
const parseRank = (v: string): number | undefined => (/^[1-9][0-9]*$/.test(v) ? Number(v) : undefined)

/** Members in rank order (1 = nearest); members without a rank (a group's subject) keep their place first. */
const byRank = (members: ReadonlyArray<GroupMember>): Array<GroupMember> =>
  members
    .map((m, i) => ({ m, i }))
    .sort((a, b) => (a.m.rank ?? 0) - (b.m.rank ?? 0) || a.i - b.i)
    .map(({ m }) => m)

/**
 * Reads comparator groups from CSV text. Two layouts are accepted:
 * - `group,council[,group_name,first_year,last_year]`: one row per member (`council` may be a CASSR code, an
 *   ONS code or a name);
 * - `subject,neighbour[,rank]`: nearest-neighbour lists (as CIPFA's); each subject becomes a group of itself
 *   and its neighbours, with id `cipfa-<cassr>`.
 * When a `rank` column is present (either layout), each row's rank must be a positive whole number, unique within
 * its group; members are then ordered by rank (1 = nearest) whatever the row order, and keep it as `rank`. A
 * nearest-neighbour group's subject comes first, without a rank.
 * `kind` and `defaultGroup` apply when the file has no group column. Errors name the line and column.
 */
export const fromCsv = (
  text: string,
  options: {
    readonly defaultGroup?: { id: string; name: string }
    readonly kind?: ComparatorGroup["kind"]
  } = {},
): Either.Either<ReadonlyArray<ComparatorGroup>, GroupParseError> => {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/)
  const header = splitCsvLine(lines[0] ?? "").map((h) => h.toLowerCase().replace(/[\s_-]/g, ""))
  const col = (k: keyof typeof headerAliases) => header.findIndex((h) => headerAliases[k]!.includes(h))
  const ci = {
    group: col("group"),
    groupName: col("groupName"),
    subject: col("subject"),
    neighbour: col("neighbour"),
    council: col("council"),
    firstYear: col("firstYear"),
    lastYear: col("lastYear"),
    rank: col("rank"),
  }
  const nn = ci.subject >= 0 && ci.neighbour >= 0
  if (!nn && ci.council < 0) {
    return Either.left(
      new GroupParseError({
        line: 1,
        message: `The header "${lines[0] ?? ""}" has no council column. Expected "group,council" (one row per member) or "subject,neighbour" (nearest-neighbour lists).`,
      }),
    )
  }
  const groups = new Map<
    string,
    { id: string; name: string; subject?: string; members: Array<GroupMember> }
  >()
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!
    if (raw.trim() === "") continue
    const cells = splitCsvLine(raw)
    const lineNo = i + 1
    const resolve = (idx: number, column: string) => {
      const v = cells[idx] ?? ""
      const found = findCouncil(v)
      return Either.mapLeft(
        found,
        () =>
          new GroupParseError({
            line: lineNo,
            column,
            message: `Line ${lineNo}, column "${column}": "${v}" is not a known council (CASSR code, ONS code or name).`,
          }),
      )
    }
    let rank: number | undefined
    if (ci.rank >= 0) {
      const v = cells[ci.rank] ?? ""
      rank = parseRank(v)
      if (rank === undefined) {
        return Either.left(
          new GroupParseError({
            line: lineNo,
            column: "rank",
            message: `Line ${lineNo}, column "rank": ${v === "" ? "the rank is blank" : `"${v}" is not a rank`}; expected a positive whole number (1 = nearest).`,
          }),
        )
      }
    }
    const rankTaken = (members: ReadonlyArray<GroupMember>, groupId: string) =>
      rank !== undefined && members.some((m) => m.rank === rank)
        ? Either.left(
            new GroupParseError({
              line: lineNo,
              column: "rank",
              message: `Line ${lineNo}, column "rank": rank ${rank} is given twice in group "${groupId}".`,
            }),
          )
        : undefined
    if (nn) {
      const s = resolve(ci.subject, "subject")
      if (Either.isLeft(s)) return Either.left(s.left)
      const n = resolve(ci.neighbour, "neighbour")
      if (Either.isLeft(n)) return Either.left(n.left)
      const id = `cipfa-${s.right.cassr}`
      const g = groups.get(id) ?? {
        id,
        name: `CIPFA nearest neighbours of ${s.right.name}`,
        subject: s.right.cassr,
        members: [{ cassr: s.right.cassr }],
      }
      if (!g.members.some((m) => m.cassr === n.right.cassr)) {
        const taken = rankTaken(g.members, id)
        if (taken) return taken
        g.members.push({ cassr: n.right.cassr, ...(rank !== undefined ? { rank } : {}) })
      }
      groups.set(id, g)
    } else {
      const c = resolve(ci.council, "council")
      if (Either.isLeft(c)) return Either.left(c.left)
      const id = ci.group >= 0 ? (cells[ci.group] ?? "") : (options.defaultGroup?.id ?? "custom")
      if (id === "") {
        return Either.left(
          new GroupParseError({
            line: lineNo,
            column: "group",
            message: `Line ${lineNo}: the group is blank.`,
          }),
        )
      }
      const name = (ci.groupName >= 0 ? cells[ci.groupName] : undefined) || options.defaultGroup?.name || id
      const g = groups.get(id) ?? { id, name, members: [] }
      const fy = ci.firstYear >= 0 ? cells[ci.firstYear] : undefined
      const ly = ci.lastYear >= 0 ? cells[ci.lastYear] : undefined
      for (const [v, column] of [
        [fy, "first_year"],
        [ly, "last_year"],
      ] as const) {
        if (v && Either.isLeft(Period.parseAs("FinancialYear", v))) {
          return Either.left(
            new GroupParseError({
              line: lineNo,
              column,
              message: `Line ${lineNo}, column "${column}": "${v}" is not a financial year like 2024-25.`,
            }),
          )
        }
      }
      const taken = rankTaken(g.members, id)
      if (taken) return taken
      g.members.push({
        cassr: c.right.cassr,
        ...(fy ? { firstYear: fy } : {}),
        ...(ly ? { lastYear: ly } : {}),
        ...(rank !== undefined ? { rank } : {}),
      })
      groups.set(id, g)
    }
  }
  const kind = nn ? "cipfa" : (options.kind ?? "custom")
  return Either.right([...groups.values()].map((g) => ({ ...g, members: byRank(g.members), kind })))
}

// The rank is checked after decoding, so a bad one gets an error naming the group and member.
const JsonMember = Schema.Struct({ ...GroupMember.fields, rank: Schema.optional(Schema.Number) })

const JsonGroups = Schema.Union(
  Schema.Struct({
    groups: Schema.Array(
      Schema.Struct({
        id: Schema.String,
        name: Schema.String,
        kind: Schema.optional(ComparatorGroup.fields.kind),
        subject: Schema.optional(Schema.String),
        members: Schema.Array(Schema.Union(Schema.String, JsonMember)),
      }),
    ),
  }),
  Schema.Struct({
    id: Schema.String,
    name: Schema.String,
    kind: Schema.optional(ComparatorGroup.fields.kind),
    subject: Schema.optional(Schema.String),
    members: Schema.Array(Schema.Union(Schema.String, JsonMember)),
  }),
)

/**
 * Reads comparator groups from JSON text: `{ "id", "name", "members": ["305", "E08000007", …] }` or
 * `{ "groups": [ … ] }`; members may also be `{ "cassr", "firstYear", "lastYear", "rank" }`. Members may be CASSR
 * codes, ONS codes or names; the error names the group and member that could not be resolved. Members with a
 * `rank` (a positive whole number, unique within the group; 1 = nearest) are put in rank order, after any
 * members without one (such as the group's subject).
 */
export const fromJson = (text: string): Either.Either<ReadonlyArray<ComparatorGroup>, GroupParseError> => {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    return Either.left(new GroupParseError({ message: `Not valid JSON: ${(e as Error).message}` }))
  }
  const decoded = Schema.decodeUnknownEither(JsonGroups)(data, { errors: "all" })
  if (Either.isLeft(decoded)) {
    return Either.left(
      new GroupParseError({
        message: `Not a comparator group file: expected { id, name, members } or { groups: [...] }. ${decoded.left.message}`,
      }),
    )
  }
  const list = "groups" in decoded.right ? decoded.right.groups : [decoded.right]
  const out: Array<ComparatorGroup> = []
  for (const g of list) {
    const members: Array<GroupMember> = []
    for (const m of g.members) {
      const code = typeof m === "string" ? m : m.cassr
      const c = findCouncil(code)
      if (Either.isLeft(c)) {
        return Either.left(
          new GroupParseError({ message: `Group "${g.id}": member "${code}" is not a known council.` }),
        )
      }
      if (typeof m !== "string" && m.rank !== undefined) {
        const rank = m.rank
        const problem = !(Number.isInteger(rank) && rank >= 1)
          ? `has rank ${rank}; expected a positive whole number (1 = nearest)`
          : members.some((x) => x.rank === rank)
            ? `has rank ${rank}, which another member already has`
            : undefined
        if (problem) {
          return Either.left(
            new GroupParseError({ column: "rank", message: `Group "${g.id}": member "${code}" ${problem}.` }),
          )
        }
      }
      members.push(typeof m === "string" ? { cassr: c.right.cassr } : { ...m, cassr: c.right.cassr })
    }
    out.push({
      id: g.id,
      name: g.name,
      kind: g.kind ?? "custom",
      ...(g.subject ? { subject: g.subject } : {}),
      members: byRank(members),
    })
  }
  return Either.right(out)
}
