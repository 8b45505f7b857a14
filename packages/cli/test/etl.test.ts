/** `asckit etl` as a user runs it: a real process, real files, real exit codes. */
import { spawnSync } from "node:child_process"
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url))
const fixtures = fileURLToPath(new URL("../../etl/test/fixtures/cld", import.meta.url))
const dir = mkdtempSync(join(tmpdir(), "asckit-cli-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const asckit = (args: ReadonlyArray<string>, env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: {
      ...process.env,
      FORCE_COLOR: undefined,
      NO_COLOR: "1",
      ASCKIT_TEST_KEY: "cli-test-key-0123456789",
      ...env,
    },
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

const config = (name: string, files: ReadonlyArray<string>, extra: object = {}) => {
  const path = join(dir, name)
  writeFileSync(
    path,
    JSON.stringify({
      warehouse: `${name}.sqlite`,
      pseudonymisation: { keyEnv: "ASCKIT_TEST_KEY" },
      sources: [{ plugin: "cld", files }],
      ...extra,
    }),
  )
  return path
}

describe("asckit etl", () => {
  cpSync(fixtures, join(dir, "cld"), { recursive: true })

  it("loads, prints the per-stream summary and reconciliation, writes the reject report, exits 0", () => {
    const r = asckit(["etl", "--config", config("a.json", ["cld/"])])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/cld\s+events\s+2\s+2\s+0\s+0\s+14\s+13\s+1\s+0\s+0/)
    expect(r.out).toContain("Reconciliation: 14 rows read = 13 loaded + 1 quarantined + 0 duplicate ✓")
    // the two overlapping submissions describe 8 events: the later file's rows replaced 5 of the earlier's
    expect(r.out).toContain("cld events: 8 rows; 5 loaded over time were replaced by later ones")
    expect(r.out).toMatch(/Rejected rows: .*rejects\.csv/)
    expect(r.err).toContain("✓ cld/cld-2024-25-Q2.csv: 8 rows")
    // again: both files skipped, nothing changes
    const again = asckit(["etl", "-c", join(dir, "a.json")])
    expect(again.code).toBe(0)
    expect(again.out).toMatch(/cld\s+events\s+2\s+0\s+2\s+0\s+0/)
  })

  it("prints JSON for scripts", () => {
    const r = asckit(["etl", "--config", config("b.json", ["cld/"]), "--json"])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.out)
    expect(json).toMatchObject({
      ok: true,
      dryRun: false,
      streams: [{ plugin: "cld", stream: "events", rowsRead: 14, rowsHeld: 8, rowsReplaced: 5 }],
    })
    expect(json.files).toHaveLength(2)
  })

  it("loads the same rows in one thread when the configuration says workers: false", () => {
    const threaded = JSON.parse(asckit(["etl", "--json", "-c", config("w1.json", ["cld/"])]).out)
    const r = asckit(["etl", "--json", "-c", config("w2.json", ["cld/"], { workers: false })])
    expect(r.code).toBe(0)
    const single = JSON.parse(r.out)
    const counts = (j: { streams: ReadonlyArray<Record<string, unknown>> }) =>
      j.streams.map(({ plugin, stream, rowsRead, rowsLoaded, rowsQuarantined, rowsDuplicate }) => ({
        plugin,
        stream,
        rowsRead,
        rowsLoaded,
        rowsQuarantined,
        rowsDuplicate,
      }))
    expect(counts(single)).toEqual(counts(threaded))
    expect(counts(single)[0]).toMatchObject({ rowsRead: 14, rowsLoaded: 13, rowsQuarantined: 1 })
  })

  it("lists the unmapped local codes with counts: printed, in <run>-unmapped.csv and in --json", () => {
    // An LAS contacts report with two local values the default code tables do not map.
    writeFileSync(
      join(dir, "las-contacts.csv"),
      [
        "Period Start,Period End,Contact ID,Person ID,NHS Number,Contact Date,Contact Source,Contact Outcome,Team",
        "01/04/2024,31/03/2025,CT1,P0001,9434765919,02/04/2024,Hospital Discharge,Progress to Assessment,Front Door",
        "01/04/2024,31/03/2025,CT2,P0002,,05/04/2024,Walk-in Centre,Progress to Assessment,Front Door",
        "01/04/2024,31/03/2025,CT3,P0003,,06/04/2024,Walk-in Centre,Resolved - Information and Advice,Front Door",
        "01/04/2024,31/03/2025,CT4,P0004,,07/04/2024,Community,Sent a leaflet,Front Door",
        "01/04/2024,31/03/2025,CT5,P0005,,08/04/2024,Walk-in Centre,Progress to Assessment,Front Door",
      ].join("\r\n"),
    )
    const las = (name: string) => {
      const path = join(dir, name)
      writeFileSync(
        path,
        JSON.stringify({
          warehouse: `${name}.sqlite`,
          outputDir: `${name}-out`,
          pseudonymisation: { keyEnv: "ASCKIT_TEST_KEY" },
          sources: [{ plugin: "las", laCode: "999", files: { contacts: ["las-contacts.csv"] } }],
        }),
      )
      return path
    }
    const r = asckit(["etl", "-c", las("u.json")])
    expect(r.code).toBe(0)
    expect(r.out).toContain("Unmapped local codes: 2 values in 4 quarantined rows")
    expect(r.out).toMatch(/las contacts\s+Contact Source "Walk-in Centre" → \S+: 3 rows/)
    expect(r.out).toMatch(/las contacts\s+Contact Outcome "Sent a leaflet" → \S+: 1 row\b/)
    const path = /Unmapped values: (.*-unmapped\.csv)/.exec(r.out)?.[1]
    expect(path).toBeDefined()
    const csv = readFileSync(join(dir, path ?? ""), "utf8")
      .trim()
      .split(/\r\n/)
    expect(csv[0]).toBe("plugin,stream,column,value,mapping table,rows")
    expect(csv.slice(1)).toEqual([
      expect.stringMatching(/^las,contacts,Contact Source,Walk-in Centre,\w+,3$/),
      expect.stringMatching(/^las,contacts,Contact Outcome,Sent a leaflet,\w+,1$/),
    ])
    // --json lists them too (a dry run counts them from its sample of rejected rows)
    for (const args of [["--json"], ["--json", "--dry-run"]]) {
      const j = JSON.parse(asckit(["etl", ...args, "-c", las(`u${args.length}.json`)]).out) as {
        unmapped: ReadonlyArray<Record<string, unknown>>
        reports: { unmapped?: string }
      }
      expect(j.unmapped).toEqual([
        expect.objectContaining({
          plugin: "las",
          stream: "contacts",
          column: "Contact Source",
          value: "Walk-in Centre",
          rows: 3,
        }),
        expect.objectContaining({
          plugin: "las",
          stream: "contacts",
          column: "Contact Outcome",
          value: "Sent a leaflet",
          rows: 1,
        }),
      ])
      expect(j.reports.unmapped).toMatch(/-unmapped\.csv$/)
    }
    // a load with every value mapped prints no such section
    expect(asckit(["etl", "-c", config("v.json", ["cld/"])]).out).not.toContain("Unmapped")
  })

  it("validates without writing on --dry-run", () => {
    const r = asckit(["etl", "--config", config("c.json", ["cld/"]), "--dry-run"])
    expect(r.code).toBe(0)
    expect(r.out).toContain("Dry run (nothing written)")
    expect(existsSync(join(dir, "c.json.sqlite"))).toBe(false)
  })

  it("exits 1 naming a file that cannot be read, and still loads the others", () => {
    writeFileSync(join(dir, "broken.csv"), "")
    const r = asckit([
      "etl",
      "--config",
      config("d.json", ["cld/cld-2024-25-Q2.csv", "broken.csv", "missing.csv"]),
    ])
    expect(r.code).toBe(1)
    expect(r.out + r.err).toContain("broken.csv: the file is empty")
    expect(r.out + r.err).toContain("missing.csv: the file does not exist")
    expect(r.err).toContain("2 files could not be loaded")
    expect(r.out).toMatch(/cld\s+events\s+3\s+1\s+0\s+2\s+8/)
  })

  it("exits 2 for usage and configuration errors, saying what to do", () => {
    expect(asckit(["etl", "--bogus"]).code).toBe(2)
    const noConfig = asckit(["etl"])
    expect(noConfig.code).toBe(2)
    expect(noConfig.err).toContain("No configuration: pass --config <file>")
    writeFileSync(join(dir, "bad.json"), '{"sources": "cld"}')
    const bad = asckit(["etl", "-c", "bad.json"])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain("is not a valid asckit configuration")
    const noKey = asckit(["etl", "-c", config("e.json", ["cld/"])], { ASCKIT_TEST_KEY: "" })
    expect(noKey.code).toBe(2)
    expect(noKey.err).toContain("No pseudonymisation key in the environment variable ASCKIT_TEST_KEY")
    writeFileSync(
      join(dir, "g.json"),
      JSON.stringify({ pseudonymisation: { keyEnv: "ASCKIT_TEST_KEY" }, sources: [{ plugin: "mosaic" }] }),
    )
    const noPlugin = asckit(["etl", "-c", "g.json"])
    expect(noPlugin.code).toBe(2)
    expect(noPlugin.err).toContain('No source plugin "mosaic"')
  })

  it("writes the configured outputs after a load: the returns for the latest complete year, ASCOF, the highlight report", () => {
    cpSync(fileURLToPath(new URL("../../../examples/highlight", import.meta.url)), join(dir, "highlight"), {
      recursive: true,
    })
    const outputs = {
      returns: ["salt", "ascof"],
      ascofRolling: true,
      highlight: "highlight/highlight.config.json",
    }
    const r = asckit(["etl", "--json", "-c", config("o.json", ["cld/"], { outputDir: "o-out", outputs })])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.out) as {
      outputs: ReadonlyArray<{ output: string; period: string; files: string[] }>
    }
    // The fixtures end on 2024-12-31: the latest complete financial year is 2023-24, the latest quarter 2024-25 Q3.
    expect(json.outputs.map((o) => [o.output, o.period])).toEqual([
      ["salt", "2023-24"],
      ["ascof", "2023-24"],
      ["ascof", "12 months to 2024-25 Q3"],
      ["highlight", "2024-25 Q3"],
    ])
    const files = json.outputs.flatMap((o) => o.files)
    expect(files.map((f) => f.slice(join(dir, "o-out").length + 1))).toEqual([
      "returns/salt-999-2023-24-draft.xlsx",
      "returns/ascof-999-2023-24-draft.xlsx",
      "returns/ascof-999-2023-24.csv",
      "returns/ascof-999-12-months-to-2024-25-Q3-draft.xlsx",
      "returns/ascof-999-12-months-to-2024-25-Q3.csv",
      "highlight/highlight-2024-25-Q3.xlsx",
      "highlight/highlight-2024-25-Q3.html",
    ])
    for (const f of files) expect(existsSync(f), f).toBe(true)
    // Without --json the outputs are listed after the load's summary; a dry run writes none.
    const again = asckit(["etl", "-c", join(dir, "o.json")])
    expect(again.out).toMatch(
      /Reconciliation[\s\S]*Outputs:\n[\s\S]*Wrote o-out\/returns\/salt-999-2023-24-draft\.xlsx/,
    )
    const dry = asckit([
      "etl",
      "--dry-run",
      "-c",
      config("p.json", ["cld/"], { outputDir: "p-out", outputs }),
    ])
    expect(dry.code).toBe(0)
    expect(dry.out).not.toContain("Outputs:")
    expect(existsSync(join(dir, "p-out", "returns"))).toBe(false)
  })
})
