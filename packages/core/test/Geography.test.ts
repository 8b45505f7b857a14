import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { Geography } from "../src/index.js"

describe("Geography", () => {
  it("has 153 councils in 2024-25, across nine regions and five types", () => {
    const now = Geography.councilsIn("2024-25")
    expect(now.length).toBe(153)
    expect(new Set(now.map((c) => c.cassr)).size).toBe(153)
    expect(new Set(now.map((c) => c.region)).size).toBe(9)
    expect(new Set(Geography.councils.map((c) => c.ons)).size).toBe(Geography.councils.length)
  })

  it("finds councils by CASSR code, ONS code or name, including alphanumeric codes", () => {
    const bury = Either.getOrThrow(Geography.findCouncil("305"))
    expect(bury).toMatchObject({
      name: "Bury",
      ons: "E08000002",
      region: "NW",
      type: "metropolitan-district",
    })
    expect(Geography.byOns("E08000002")?.cassr).toBe("305")
    expect(Either.getOrThrow(Geography.findCouncil("westmorland & furness")).cassr).toBe("W8X1Q")
    expect(Geography.byCassr("h6x4g")?.name).toBe("Cumberland")
    expect(Geography.byOns("E10000023")?.name).toBe("North Yorkshire") // former county code
    const unknown = Geography.findCouncil("Atlantis")
    expect(Either.isLeft(unknown) && unknown.left.message).toContain('"Atlantis"')
  })

  it("has Greater Manchester's ten and the North West's 23 then 24", () => {
    expect(Geography.membersIn(Geography.greaterManchester, "2024-25").map((c) => c.name)).toEqual([
      "Bolton",
      "Bury",
      "Manchester",
      "Oldham",
      "Rochdale",
      "Salford",
      "Stockport",
      "Tameside",
      "Trafford",
      "Wigan",
    ])
    expect(Geography.membersIn(Geography.northWest, "2022-23").length).toBe(23)
    expect(Geography.membersIn(Geography.northWest, "2023-24").length).toBe(24)
    const nw2223 = Geography.membersIn(Geography.northWest, "2022-23").map((c) => c.name)
    expect(nw2223).toContain("Cumbria")
    expect(nw2223).not.toContain("Cumberland")
    expect(Geography.membersIn(Geography.englandGroup, "2018-19").length).toBe(152)
    expect(Geography.membersIn(Geography.englandGroup, "2019-20").length).toBe(151)
  })

  it("loads a CIPFA-style nearest-neighbour list from CSV", () => {
    const csv = ["subject,neighbour,rank", "305,Stockport,1", "305,E06000007,2", "Bury,Solihull,3", ""].join(
      "\n",
    )
    const groups = Either.getOrThrow(Geography.fromCsv(csv))
    expect(groups).toHaveLength(1)
    expect(groups[0]).toMatchObject({ id: "cipfa-305", kind: "cipfa", subject: "305" })
    expect(groups[0]!.members.map((m) => m.cassr)).toEqual(["305", "310", "322", "410"])
  })

  it("orders nearest neighbours by the rank column, not by file order", () => {
    const csv = ["subject,neighbour,rank", "305,Stockport,3", "305,Warrington,1", "305,Solihull,2", ""].join(
      "\n",
    )
    const [g] = Either.getOrThrow(Geography.fromCsv(csv))
    expect(g!.members).toEqual([
      { cassr: "305" },
      { cassr: "322", rank: 1 },
      { cassr: "410", rank: 2 },
      { cassr: "310", rank: 3 },
    ])
    expect(Geography.membersIn(g!, "2024-25").map((c) => c.name)).toEqual([
      "Bury",
      "Warrington",
      "Solihull",
      "Stockport",
    ])
    // two subjects interleaved: each group is ordered on its own
    const two = Either.getOrThrow(
      Geography.fromCsv("Subject,Neighbour,Rank\n305,310,2\n304,309,2\n305,322,1\n304,313,1\n"),
    )
    expect(two.map((x) => [x.id, x.members.map((m) => m.cassr)])).toEqual([
      ["cipfa-305", ["305", "322", "310"]],
      ["cipfa-304", ["304", "313", "309"]],
    ])
    // without a rank column, file order is kept
    const plain = Either.getOrThrow(Geography.fromCsv("subject,neighbour\n305,310\n305,322\n"))
    expect(plain[0]!.members).toEqual([{ cassr: "305" }, { cassr: "310" }, { cassr: "322" }])
  })

  it("rejects a rank that is not a positive whole number, naming the line and column", () => {
    for (const [rank, says] of [
      ["0", '"0" is not a rank'],
      ["-1", '"-1" is not a rank'],
      ["1.5", '"1.5" is not a rank'],
      ["first", '"first" is not a rank'],
      ["", "the rank is blank"],
    ] as const) {
      const r = Geography.fromCsv(`subject,neighbour,rank\n305,310,1\n305,322,${rank}\n`)
      expect(Either.isLeft(r) && r.left).toMatchObject({ line: 3, column: "rank" })
      expect(Either.isLeft(r) && r.left.message).toContain(`Line 3, column "rank": ${says}`)
    }
    const dup = Geography.fromCsv("subject,neighbour,rank\n305,310,1\n305,322,1\n")
    expect(Either.isLeft(dup) && dup.left).toMatchObject({ line: 3, column: "rank" })
    expect(Either.isLeft(dup) && dup.left.message).toContain("rank 1 is given twice")
  })

  it("orders JSON members by rank and rejects a bad one", () => {
    const json = Either.getOrThrow(
      Geography.fromJson(
        JSON.stringify({
          id: "nn",
          name: "Neighbours",
          kind: "cipfa",
          subject: "305",
          members: ["305", { cassr: "Stockport", rank: 2 }, { cassr: "322", rank: 1 }],
        }),
      ),
    )
    expect(json[0]!.members).toEqual([{ cassr: "305" }, { cassr: "322", rank: 1 }, { cassr: "310", rank: 2 }])
    const bad = Geography.fromJson('{"id":"nn","name":"N","members":[{"cassr":"310","rank":0}]}')
    expect(Either.isLeft(bad) && bad.left).toMatchObject({ column: "rank" })
    expect(Either.isLeft(bad) && bad.left.message).toContain('member "310" has rank 0')
  })

  it("loads member-per-row groups from CSV and JSON, and names the bad line", () => {
    const csv = "group,council,first_year\nmine,305,\nmine,Oldham,2023-24\n"
    const [g] = Either.getOrThrow(Geography.fromCsv(csv))
    expect(g!.members).toEqual([{ cassr: "305" }, { cassr: "307", firstYear: "2023-24" }])
    expect(Geography.membersIn(g!, "2022-23").map((c) => c.cassr)).toEqual(["305"])

    const bad = Geography.fromCsv("group,council\nmine,305\nmine,Gotham\n")
    expect(Either.isLeft(bad) && bad.left).toMatchObject({ line: 3, column: "council" })
    const noCouncil = Geography.fromCsv("foo,bar\n1,2\n")
    expect(Either.isLeft(noCouncil) && noCouncil.left.message).toContain("no council column")

    const json = Either.getOrThrow(
      Geography.fromJson('{"id":"peers","name":"Peers","members":["305","E08000007"]}'),
    )
    expect(json[0]!.members).toEqual([{ cassr: "305" }, { cassr: "310" }])
    const badJson = Geography.fromJson('{"id":"peers","name":"Peers","members":["999"]}')
    expect(Either.isLeft(badJson) && badJson.left.message).toContain('member "999"')
  })
})
