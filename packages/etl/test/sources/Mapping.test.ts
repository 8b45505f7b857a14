/** The shared mapping machinery on its own, with a small made-up layout (the LAS and ContrOCC tests cover it in use). */
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { Cause, Chunk, Effect, Either, Exit, Option, Schema, Stream } from "effect"
import { describe, expect, it } from "vitest"
import { Fields, Mapping } from "../../src/index.js"
import { tempDir } from "../helpers.js"

const Colour = Mapping.codeList("Colour", ["Red", "Green", "Blue"])

const spec: Mapping.Spec = {
  layouts: [
    Mapping.layout({
      name: "paint",
      title: "paint log",
      columns: [
        { name: "Tin ID", headers: ["Tin"], required: true, description: "the tin" },
        { name: "Colour", headers: ["Shade"], codes: "Colours", required: true, description: "its colour" },
        { name: "Opened", headers: ["Date Opened"], description: "when it was opened" },
        { name: "Owner", identifier: true, codes: "Colours", description: "a personal field (for the test)" },
      ],
    }),
  ],
  tables: [
    Mapping.table({
      name: "Colours",
      description: "local colours",
      list: Colour,
      map: { Scarlet: "Red", "Sea  Green": "Green", Navy: "Blue" },
    }),
  ],
}

const rows = (m: Mapping.Mapping, path: string, fill?: Record<string, string>) =>
  Effect.runPromise(
    Stream.runCollect(Mapping.read(m, "paint", path, fill === undefined ? {} : { fill })).pipe(
      Effect.map(Chunk.toReadonlyArray),
    ),
  )

describe("Mapping", () => {
  const dir = tempDir("asckit-mapping-")
  const file = (name: string, text: string) => {
    const p = join(dir, name)
    writeFileSync(p, text)
    return p
  }

  it("matches headers ignoring case and punctuation, a council's aliases first", () => {
    const l = Mapping.make(spec, { columns: { paint: { Colour: ["Tin"], "Tin ID": "Tin Number" } } }).layout(
      "paint",
    )
    expect(l.canonical("TIN_ID")).toBe("Tin ID")
    expect(l.canonical("date opened")).toBe("Opened")
    expect(l.canonical("Tin")).toBe("Colour") // the alias wins over the default header
    expect(l.canonical("tin-number")).toBe("Tin ID")
    expect(l.canonical("Lid")).toBeUndefined()
    expect(l.headersOf("Tin ID")).toEqual(["Tin Number", "Tin ID"])
    expect(l.required).toEqual(["Tin ID", "Colour"])
    expect(l.identifierColumns).toEqual(["Owner"])
  })

  it("maps local values (tolerant of case and spaces), accepts national labels, overrides winning in order", () => {
    const m = Mapping.make(
      spec,
      { codes: { Colours: { navy: "Green" } } },
      { Colours: { Navy: "Red", Teal: "Blue" } },
    )
    expect(m.code("Colours", "SCARLET")).toBe("Red")
    expect(m.code("Colours", "sea green")).toBe("Green")
    expect(m.code("Colours", "Navy")).toBe("Green") // inline codes > codes file > defaults
    expect(m.code("Colours", "Teal")).toBe("Blue")
    expect(m.code("Colours", "blue")).toBe("Blue")
    expect(m.code("Colours", "Mauve")).toBeUndefined()
  })

  it("reads a file: codes mapped (local values kept), unmapped rows quarantined, configured values filled", async () => {
    const path = file(
      "ok.csv",
      "Tin,Shade,Date Opened,Owner\nT1,Scarlet,01/02/2024,\nT2,Mauve,,Puce\nT3,Red,2024-03-04,Navy\n",
    )
    const out = await rows(Mapping.make(spec), path, { Site: "Depot" })
    expect(out.map((r) => r.row)).toEqual([2, 3, 4])
    expect(out[0]?.values).toMatchObject({
      "Tin ID": "T1",
      Colour: "Red",
      "Colour (local)": "Scarlet",
      Site: "Depot",
    })
    expect(out[0]?.issues).toBeUndefined()
    expect(out[1]?.issues).toEqual([
      {
        column: "Colour",
        code: "unmapped-code",
        message: Mapping.unmappedMessage("Mauve", "Colours", "Colour"),
      },
      // an identifier column's value is never echoed
      {
        column: "Owner",
        code: "unmapped-code",
        message: Mapping.unmappedMessage(undefined, "Colours", "Colour"),
      },
    ])
    expect(out[1]?.values.Colour).toBe("Mauve") // a quarantined row keeps its cells as they were
    expect(Mapping.parseMessage(out[1]!.issues![0]!.message)).toEqual({ value: "Mauve", table: "Colours" })
    expect(out[2]?.values).toMatchObject({ Colour: "Red", Owner: "Blue", "Owner (local)": "Navy" })
  })

  it("fails a file whose header does not fit, listing missing and unexpected columns", async () => {
    const exit = (p: string, o: Mapping.Override = {}) =>
      Effect.runPromiseExit(Stream.runDrain(Mapping.read(Mapping.make(spec, o), "paint", p)))
    const failure = async (p: string, o: Mapping.Override = {}) => {
      const e = await exit(p, o)
      return Exit.isFailure(e) ? Option.getOrUndefined(Cause.failureOption(e.cause)) : undefined
    }
    const missing = file("missing.csv", "Tin,Hue,Lid\nT1,Red,x\n")
    expect(await failure(missing)).toMatchObject({
      problem: "missing-columns",
      row: 1,
      column: "Colour",
      message: `${missing}, row 1: the columns do not match the paint log layout: missing column "Colour" (headers looked for: "Colour", "Shade"); columns not in the layout: "Hue", "Lid". If the report names a column differently, map it in the configuration: mapping.columns.paint = { "Colour": "<the header in the file>" }.`,
    })
    // nothing recognised at all: the same message, every required column missing
    const none = file("none.csv", "A,B\n1,2\n")
    expect((await failure(none))?.message).toContain(
      'missing columns "Tin ID" (headers looked for: "Tin ID", "Tin"), "Colour"',
    )
    // a header-only file still fails
    expect(await failure(file("header-only.csv", "Tin,Hue\n"))).toMatchObject({ problem: "missing-columns" })
    // unexpected columns fail only when asked
    const extra = file("extra.csv", "Tin,Shade,Lid\nT1,Red,x\n")
    expect(Exit.isSuccess(await exit(extra))).toBe(true)
    expect(await failure(extra, { unexpectedColumns: "error" })).toMatchObject({ problem: "malformed" })
  })

  it("validates overrides against the spec and reads codes files", async () => {
    expect(
      Mapping.problems(spec, { columns: { paint: { Lid: "x" } }, codes: { Colours: { Mauve: "Purple" } } }),
    ).toEqual([
      'columns.paint: no column "Lid" in the paint log layout (columns: "Tin ID", "Colour", "Opened", "Owner")',
      'codes.Colours: "Mauve" is mapped to "Purple", which is not a Colour label (one of: "Red", "Green", "Blue")',
    ])
    const schema = Mapping.overrideFor(spec)
    expect(
      Either.isRight(Schema.decodeUnknownEither(schema)({ codes: { Colours: { Mauve: "Blue" } } })),
    ).toBe(true)
    expect(Either.isLeft(Schema.decodeUnknownEither(schema)({ codes: { Paints: {} } }))).toBe(true)
    const good = file("codes.json", JSON.stringify({ Colours: { Mauve: "Blue" } }))
    const m = await Effect.runPromise(Mapping.compile(spec, { codesFile: "codes.json" }, dir))
    expect(m.code("Colours", "Mauve")).toBe("Blue")
    expect(good).toContain(dir)
    const notJson = file("bad.json", "{ nope")
    const r = await Effect.runPromiseExit(Mapping.compile(spec, { codesFile: notJson }, dir))
    expect(Exit.isFailure(r) && JSON.stringify(r.cause)).toContain("the codes file is not valid JSON")
    const wrongShape = file("shape.json", JSON.stringify({ Colours: ["Red"] }))
    const s = await Effect.runPromiseExit(Mapping.compile(spec, { codesFile: wrongShape }, dir))
    expect(Exit.isFailure(s) && JSON.stringify(s.cause)).toContain("must map table names to objects")
  })

  it("decodes rows declaratively: mandatory fields fail the row, invalid optional ones are findings", () => {
    const Row = Mapping.rowSchema({
      name: "Tin",
      fields: {
        id: Mapping.text("Tin ID", true),
        colour: Mapping.code("Colour", Colour, true),
        opened: Mapping.date("Opened"),
        litres: Mapping.number("Litres"),
        coats: Mapping.integer("Coats"),
      },
      build: (v, ctx) => {
        if (v.id === "T0") ctx.fail("Tin ID", "reserved", "T0 is reserved")
        return { id: v.id, colour: v.colour, opened: v.opened, litres: v.litres, coats: v.coats }
      },
    })
    const decode = Schema.decodeUnknownEither(Row, { errors: "all" })
    const ok = decode({
      "Tin ID": " T1 ",
      Colour: "red",
      Opened: "31/02/2024",
      Litres: "1,250.5",
      Coats: "2.5",
    })
    expect(Either.isRight(ok)).toBe(true)
    const row = Either.isRight(ok) ? (ok.right as Record<string, unknown>) : {}
    expect(row).toMatchObject({ id: "T1", colour: "Red", opened: null, litres: 1250.5, coats: null })
    expect(
      (row[Fields.findingsKey] as ReadonlyArray<Fields.Finding>).map((f) => [
        f.column,
        f.value.code,
        f.value.raw,
      ]),
    ).toEqual([
      ["Opened", "invalid-date", "31/02/2024"],
      ["Coats", "invalid-number", "2.5"],
    ])
    const bad = decode({ "Tin ID": "", Colour: "Mauve" })
    expect(Either.isLeft(bad) && bad.left.message).toMatch(
      /Tin ID[\s\S]*blank-mandatory[\s\S]*Colour[\s\S]*invalid-code/,
    )
    const reserved = decode({ "Tin ID": "T0", Colour: "Red" })
    expect(Either.isLeft(reserved) && reserved.left.message).toContain("reserved|T0 is reserved")
  })
})
