/**
 * Writes CQC care directory downloads for the borough, dated 1 April of each year 2023–2026, in the layout the
 * `cqc-directory` source reads (CQC's "care directory with filters" columns plus the location's latest overall
 * rating and its publication date): one row per registered location.
 *
 * The locations (deterministic, the same in every download unless registered later):
 * - the borough's **care homes**: the model's 45 provider locations (`1-9990000000` … `1-9990000044`, the ids CLD
 *   and the DoLS returns give residential and nursing placements) and 5 more homes the council does not place in
 *   (self-funders' homes), about 60% residential homes, a third nursing homes, the rest both — 50 homes, as Bury's
 *   ASCOF 6B denominator (50) — and one more home registered in February 2025 (not yet rated in April 2025);
 * - the borough's **community services**: the model's home care, supported living and extra care providers
 *   `1-9990000100` … `1-9990000141` (42); the model's other 18 community provider ids (`…0142` … `…0159`) are
 *   agencies registered in neighbouring (fictional) areas that also serve the borough;
 * - a few other registered locations in the borough (GP practices, a community health service: neither
 *   residential nor community social care, so ASCOF 6B ignores them), and care homes in the neighbouring areas.
 *
 * Ratings: each download holds every location's latest overall rating. The share of the borough's care homes
 * rated Good or Outstanding follows Bury's ASCOF 6B (domain.md §7.1): 42 of 50 in April 2023 (84%; 6B 2023-24) and
 * 44 of 50 in April 2024 (88%; 6B 2024-25, DHSC's "April 2024" snapshot, ODS-2425 Note 18), then 44 of 51 (86%;
 * the new home not yet rated) and 45 of 51 (88%). Which homes are rated Requires improvement or Inadequate changes
 * a little from year to year (a home's persistent quality plus a yearly draw); a changed rating carries a
 * publication date between the two downloads, an unchanged one keeps its date (or a re-inspection with the same
 * result). Community services and other areas' homes get ratings drawn with England-like shares (about 5%
 * Outstanding, 80% Good), three in four keeping last year's.
 *
 * The "Local authority" column holds the borough's CASSR code (`999`): ASCOF 6B matches a council that
 * `@asckit/core` does not know by its CASSR code.
 */
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import type { LocalDate } from "@asckit/core"
import { csvLine } from "./csv.js"
import { isoOfDay, LA_CODE, LA_NAME } from "./model.js"
import { Rng, seedFor, type Weighted } from "./rng.js"

/** The downloads written: 1 April of each year. */
export const CQC_SNAPSHOTS: ReadonlyArray<LocalDate.LocalDate> = [
  "2023-04-01",
  "2024-04-01",
  "2025-04-01",
  "2026-04-01",
].map((d) => d as LocalDate.LocalDate)

/** The download's columns (CQC's names; `Care home?` Y/N as in CQC's active-locations file). */
export const CQC_COLUMNS = [
  "Name",
  "Address",
  "Postcode",
  "Care home?",
  "Service types",
  "Provider name",
  "Local authority",
  "Region",
  "CQC Location ID (for office use only)",
  "CQC Provider ID (for office use only)",
  "Location Latest Overall Rating",
  "Publication Date",
] as const

/** Borough care homes (of 50 existing in every download) rated Requires improvement or Inadequate, by download. */
const HOMES_NOT_GOOD: Readonly<Record<string, number>> = {
  "2023-04-01": 8,
  "2024-04-01": 6,
  "2025-04-01": 6,
  "2026-04-01": 6,
}

/** The neighbouring areas (fictional) and their region. */
const NEIGHBOURS = ["Northmoor", "Eastvale", "Westbridge"] as const

type Kind = "residential" | "nursing" | "both" | "homecare" | "supported-living" | "extra-care" | "other"

/** A registered location. */
export interface CqcLocation {
  /** Position in `cqcLocations` (seeds the location's draws). */
  readonly index: number
  readonly locationId: string
  readonly name: string
  readonly kind: Kind
  /** `999` for the borough, else a neighbouring area's name. */
  readonly localAuthority: string
  /** First day registered (a location registered after a download is not in it). */
  readonly registered: LocalDate.LocalDate
  readonly postcode: string
}

/** A location's row in one download. */
export interface CqcEntry {
  readonly location: CqcLocation
  /** `undefined`: not yet rated. */
  readonly rating: "Outstanding" | "Good" | "Requires improvement" | "Inadequate" | undefined
  readonly published: LocalDate.LocalDate | undefined
}

const SALT = 411
const HOME_WORDS = [
  "Ash",
  "Beech",
  "Birch",
  "Brook",
  "Cedar",
  "Elm",
  "Fern",
  "Hazel",
  "Heather",
  "Holly",
  "Larch",
  "Maple",
  "Meadow",
  "Oak",
  "Rowan",
  "Willow",
  "Moss",
  "Clough",
  "Vale",
  "Kirk",
]
const HOME_ENDS = ["House", "Lodge", "Court", "Grange", "View", "Manor", "Park", "Hall"]
const AGENCY_ENDS = ["Home Care", "Care at Home", "Support Services", "Homecare", "Community Support"]
const LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

const serviceTypes: Readonly<Record<Kind, string>> = {
  residential: "Residential homes",
  nursing: "Nursing homes",
  both: "Nursing homes|Residential homes",
  homecare: "Homecare agencies",
  "supported-living": "Supported living",
  "extra-care": "Extra care housing services",
  other: "Doctors/GPs",
}

const isHome = (k: Kind): boolean => k === "residential" || k === "nursing" || k === "both"

const nameFor = (rng: Rng, kind: Kind, n: number): string => {
  const word = HOME_WORDS[n % HOME_WORDS.length] ?? "Oak"
  if (isHome(kind)) return `${word} ${rng.pick(HOME_ENDS)}${kind === "nursing" ? " Nursing Home" : ""}`
  if (kind === "other") return `${word} Medical Practice`
  return `${word} ${rng.pick(AGENCY_ENDS)}`
}

const postcodeFor = (rng: Rng, inBorough: boolean): string =>
  inBorough
    ? `SB${rng.int(1, 9)} ${rng.int(1, 9)}${rng.pick([...LETTERS])}${rng.pick([...LETTERS])}`
    : `NX${rng.int(1, 9)} ${rng.int(1, 9)}${rng.pick([...LETTERS])}${rng.pick([...LETTERS])}`

const id = (prefix: string, n: number): string => `${prefix}${String(n).padStart(7, "0")}`

/** The borough's and its neighbours' registered locations (deterministic for a seed). */
export const cqcLocations = (seed = 1): ReadonlyArray<CqcLocation> => {
  const out: Array<CqcLocation> = []
  const add = (
    n: number,
    locationId: string,
    kind: Kind,
    localAuthority: string,
    registered: string,
    inBorough: boolean,
  ) => {
    const rng = new Rng(seedFor(seed, n, SALT))
    out.push({
      index: out.length,
      locationId,
      name: nameFor(rng, kind, n),
      kind,
      localAuthority,
      registered: registered as LocalDate.LocalDate,
      postcode: postcodeFor(rng, inBorough),
    })
  }
  // care homes: the model's 45 and 5 more, all registered long before the first download; one new in 2025
  for (let i = 0; i < 50; i++) {
    const kind: Kind = i % 12 === 5 ? "both" : i % 3 === 1 ? "nursing" : "residential"
    add(
      i,
      id("1-999", i),
      kind,
      LA_CODE,
      `20${String(10 + (i % 12)).padStart(2, "0")}-0${1 + (i % 9)}-15`,
      true,
    )
  }
  add(50, id("1-999", 50), "residential", LA_CODE, "2025-02-10", true)
  // community services: 42 in the borough, 18 in the neighbouring areas (the model's ids 100…159)
  for (let i = 100; i < 160; i++) {
    const kind: Kind = i % 5 === 2 ? "supported-living" : i % 9 === 4 ? "extra-care" : "homecare"
    const area = i < 142 ? LA_CODE : (NEIGHBOURS[i % NEIGHBOURS.length] ?? "Northmoor")
    add(
      i,
      id("1-999", i),
      kind,
      area,
      `20${String(12 + (i % 10)).padStart(2, "0")}-0${1 + (i % 9)}-01`,
      i < 142,
    )
  }
  // other registered locations in the borough (not adult social care)
  for (let i = 200; i < 204; i++) add(i, id("1-999", i), "other", LA_CODE, "2013-04-01", true)
  // care homes in the neighbouring areas
  for (let i = 0; i < 12; i++) {
    const kind: Kind = i % 3 === 1 ? "nursing" : "residential"
    add(300 + i, id("1-998", i), kind, NEIGHBOURS[i % NEIGHBOURS.length] ?? "Northmoor", "2014-06-01", false)
  }
  return out
}

const ratingTable: Weighted<CqcEntry["rating"]> = [
  ["Outstanding", 5],
  ["Good", 80],
  ["Requires improvement", 13],
  ["Inadequate", 2],
]

const dayOf = (d: string): number => Date.parse(`${d}T00:00:00Z`) / 86_400_000

/**
 * The directory as at each download: every location registered by then with its latest rating (see the module
 * notes). Deterministic for a seed.
 */
export const cqcDirectory = (
  seed = 1,
): ReadonlyArray<{
  readonly asAt: LocalDate.LocalDate
  readonly entries: ReadonlyArray<CqcEntry>
}> => {
  const locations = cqcLocations(seed)
  const first = CQC_SNAPSHOTS[0] ?? "2023-04-01"
  const established = locations.filter(
    (l) => isHome(l.kind) && l.localAuthority === LA_CODE && l.registered < first,
  )
  // each borough home's persistent quality, and a yearly draw: the lowest `HOMES_NOT_GOOD` are not good
  const quality = new Map(
    established.map((h) => [h.locationId, new Rng(seedFor(seed, h.index, SALT + 1)).normal(0, 1)]),
  )
  const previous = new Map<string, CqcEntry>()
  return CQC_SNAPSHOTS.map((asAt, y) => {
    const prevAsAt = y === 0 ? undefined : CQC_SNAPSHOTS[y - 1]
    const draw = (l: CqcLocation, salt: number) => new Rng(seedFor(seed, l.index * 8 + y, SALT + salt))
    const notGood = new Set(
      established
        .map((h) => ({ h, score: (quality.get(h.locationId) ?? 0) + 0.5 * draw(h, 2).normal(0, 1) }))
        .sort((a, b) => a.score - b.score || a.h.index - b.h.index)
        .slice(0, HOMES_NOT_GOOD[asAt] ?? 6)
        .map((x) => x.h.locationId),
    )
    const entries: Array<CqcEntry> = []
    for (const l of locations) {
      if (l.registered > asAt) continue
      const rng = draw(l, 3)
      let rating: CqcEntry["rating"]
      if (quality.has(l.locationId)) {
        rating = notGood.has(l.locationId)
          ? rng.chance(0.85)
            ? "Requires improvement"
            : "Inadequate"
          : rng.chance(0.1)
            ? "Outstanding"
            : "Good"
      } else if (isHome(l.kind) && l.localAuthority === LA_CODE) {
        // a home registered since the last download: rated at its first inspection, about a year on
        rating = dayOf(asAt) - dayOf(l.registered) > 300 ? "Good" : undefined
      } else {
        const before = previous.get(l.locationId)?.rating
        rating = before !== undefined && rng.chance(0.75) ? before : rng.weighted(ratingTable)
      }
      const before = previous.get(l.locationId)
      let published: LocalDate.LocalDate | undefined
      if (rating === undefined) published = undefined
      else if (before?.rating === rating && before.published !== undefined && rng.chance(0.7))
        published = before.published
      else {
        // an inspection published since the last download (or, for the first, in the three years before it)
        const hi = dayOf(asAt) - 7
        const lo = prevAsAt === undefined ? hi - 3 * 365 : dayOf(prevAsAt) + 7
        published = isoOfDay(rng.int(Math.max(lo, dayOf(l.registered) + 60), hi))
      }
      const entry: CqcEntry = { location: l, rating, published }
      previous.set(l.locationId, entry)
      entries.push(entry)
    }
    return { asAt, entries }
  })
}

const ukDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`

/** The CSV row of one entry. */
const row = (e: CqcEntry): string => {
  const l = e.location
  const borough = l.localAuthority === LA_CODE
  return csvLine([
    l.name,
    borough
      ? `${1 + (l.index % 97)} High Street, ${LA_NAME}`
      : `${1 + (l.index % 97)} Station Road, ${l.localAuthority}`,
    l.postcode,
    isHome(l.kind) ? "Y" : "N",
    serviceTypes[l.kind],
    `Synthetic Care Provider ${l.locationId.slice(-4)}`,
    l.localAuthority,
    "North West",
    l.locationId,
    `1-${100_000_000 + l.index * 7_919}`,
    e.rating ?? "",
    e.published === undefined ? "" : ukDate(e.published),
  ])
}

/** Options for `writeCqcDirectory`. */
export interface CqcWriterOptions {
  /** The folder to write into (created if missing). */
  readonly outDir: string
  /** Borough seed (default 1). */
  readonly seed?: number
}

/** One download written. */
export interface CqcFile {
  /** The date of the download (the `cqc-directory` source's `asAt`). */
  readonly asAt: LocalDate.LocalDate
  readonly file: string
  readonly path: string
  readonly rows: number
  /** The borough's care homes, and those rated Good or Outstanding (ASCOF 6B's denominator and numerator). */
  readonly careHomes: number
  readonly careHomesGoodOrOutstanding: number
}

/** Writes one download per date in `CQC_SNAPSHOTS` (`cqc-directory-<yyyy-mm>.csv`, CRLF, as CQC's CSVs). */
export const writeCqcDirectory = async (options: CqcWriterOptions): Promise<ReadonlyArray<CqcFile>> => {
  await mkdir(options.outDir, { recursive: true })
  const out: Array<CqcFile> = []
  for (const { asAt, entries } of cqcDirectory(options.seed ?? 1)) {
    const file = `cqc-directory-${asAt.slice(0, 7)}.csv`
    const path = join(options.outDir, file)
    await writeFile(path, `${[csvLine(CQC_COLUMNS), ...entries.map(row)].join("\r\n")}\r\n`)
    const homes = entries.filter((e) => isHome(e.location.kind) && e.location.localAuthority === LA_CODE)
    out.push({
      asAt,
      file,
      path,
      rows: entries.length,
      careHomes: homes.length,
      careHomesGoodOrOutstanding: homes.filter((e) => e.rating === "Good" || e.rating === "Outstanding")
        .length,
    })
  }
  return out
}
