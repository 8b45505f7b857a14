import { writeFileSync } from "node:fs"
import { join } from "node:path"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Tabular } from "../src/index.js"
import { tempDir } from "./helpers.js"

const quote = (f: string) => (/[",\r\n]/.test(f) || f === "" ? `"${f.replace(/"/g, '""')}"` : f)

const collect = async (path: string, chunkSize: number) => {
  const out: Array<Tabular.RawRecord> = []
  for await (const batch of Tabular.csvRecords(path, "utf-8", 7, chunkSize)) out.push(...batch)
  return out
}

describe("CSV reader", () => {
  const dir = tempDir()

  it("round-trips any table whatever the chunk boundaries (property)", async () => {
    const field = fc.string({
      unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r\n", " ", "é", "😀"),
      maxLength: 6,
    })
    const table = fc.array(fc.array(field, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 12 })
    let n = 0
    await fc.assert(
      fc.asyncProperty(
        table,
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom("\n", "\r\n", "\r"),
        async (rows, chunk, eol) => {
          // Every field is quoted so that an all-empty row is still a record.
          const text = rows.map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(",")).join(eol) + eol
          const path = join(dir, `p${n++}.csv`)
          writeFileSync(path, text)
          const got = await collect(path, chunk)
          expect(got.map((r) => r.cells)).toEqual(rows)
          expect(got.map((r) => r.row)).toEqual(rows.map((_, i) => i + 1))
          expect(got.every((r) => r.complete)).toBe(true)
        },
      ),
      { numRuns: 150 },
    )
  })

  it("handles unquoted fields, a missing final newline and a truncated quoted field", async () => {
    const a = join(dir, "a.csv")
    writeFileSync(a, `x,y\n1,${quote('say "hi"')}\n2,last`)
    expect((await collect(a, 3)).map((r) => r.cells)).toEqual([
      ["x", "y"],
      ["1", 'say "hi"'],
      ["2", "last"],
    ])
    const b = join(dir, "b.csv")
    writeFileSync(b, 'x,y\n1,"never closed\n2,3\n')
    const got = await collect(b, 4)
    expect(got.at(-1)).toMatchObject({ row: 2, complete: false })
  })

  it("names spreadsheet columns by letter", () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(Tabular.columnLetter)).toEqual([
      "A",
      "Z",
      "AA",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
    ])
  })
})
