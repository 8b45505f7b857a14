/** `asckit report highlight` as a user runs it: a real process, a real warehouse file, real outputs and exit codes. */
import { spawnSync } from "node:child_process"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { createServer } from "node:net"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import { makeWarehouse } from "../../returns/test/highlight/fixture.js"

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url))
const wh = makeWarehouse()
afterAll(wh.cleanup)

const asckit = (args: ReadonlyArray<string>, env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: wh.dir,
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: "1", ...env },
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

const config = (name: string, extra: object = {}) => {
  const path = join(wh.dir, name)
  writeFileSync(
    path,
    JSON.stringify({
      laCode: "305",
      warehouse: "warehouse.sqlite",
      outputDir: "out",
      obsessions: [
        {
          id: "O2",
          title: "People stay independent at home",
          measures: [{ measure: "LOCAL:FIRST-CONTACT-RESOLUTION", target: 60 }, { measure: "ASCOF-2023:2A" }],
        },
      ],
      email: { to: ["dmt@council.example", "lead@council.example"] },
      ...extra,
    }),
  )
  return path
}

const freePort = async () => {
  const s = createServer()
  await new Promise<void>((ok) => s.listen(0, "127.0.0.1", ok))
  const port = (s.address() as { port: number }).port
  await new Promise<void>((ok) => s.close(() => ok()))
  return port
}

describe("asckit report highlight", () => {
  it("writes the workbook and the HTML, says how complete the report is, exits 0", () => {
    const r = asckit(["report", "highlight", "--period", "2025-26Q2", "--config", config("a.json")])
    expect(r.err).toBe("")
    expect(r.code).toBe(0)
    expect(r.out).toContain("Adult social care highlight report: Bury, 2025-26 Q2 (Jul–Sep 2025)")
    expect(r.out).toContain("2 measures: 2 with a value for the latest period, 0 without")
    expect(r.out).toMatch(/10 sections: \d+ complete, \d+ with data not loaded/)
    expect(existsSync(join(wh.dir, "out", "highlight-2025-26-Q2.xlsx"))).toBe(true)
    expect(readFileSync(join(wh.dir, "out", "highlight-2025-26-Q2.html"), "utf8")).toContain(
      '<table class="highlight">',
    )
  })

  it("--dry-run writes the .eml instead of sending", () => {
    const r = asckit([
      "report",
      "highlight",
      "-p",
      "2025-26 Q2",
      "-c",
      config("b.json"),
      "--dry-run",
      "--out",
      "dry",
    ])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(
      /Dry run: wrote .*dry\/highlight-2025-26-Q2\.eml \(to 2 recipients\); nothing was sent\./,
    )
    const eml = readFileSync(join(wh.dir, "dry", "highlight-2025-26-Q2.eml"), "utf8")
    expect(eml).toContain("To: dmt@council.example, lead@council.example")
    expect(eml).toContain("filename=highlight-2025-26-Q2.xlsx")
  })

  it("--email: a server that cannot be reached exits 1 with a clear error, keeping the files", async () => {
    const port = await freePort()
    const r = asckit(
      ["report", "highlight", "-p", "2025-26Q2", "-c", config("c.json"), "--email", "--out", "mail"],
      {
        ASCKIT_SMTP_HOST: "127.0.0.1",
        ASCKIT_SMTP_PORT: String(port),
        ASCKIT_SMTP_FROM: "performance@council.example",
        ASCKIT_SMTP_PASSWORD: "do-not-print-me",
        ASCKIT_SMTP_USER: "bot",
        ASCKIT_SMTP_ATTEMPTS: "2",
        ASCKIT_SMTP_RETRY_SECONDS: "0.01",
      },
    )
    expect(r.code).toBe(1)
    expect(r.err).toContain(`Could not reach the SMTP server 127.0.0.1:${port} (2 attempts)`)
    expect(r.out + r.err).not.toContain("do-not-print-me")
    expect(existsSync(join(wh.dir, "mail", "highlight-2025-26-Q2.xlsx"))).toBe(true)
  })

  it("exits 2 for usage and configuration errors, saying what to do", () => {
    const noSmtp = asckit(["report", "highlight", "-p", "2025-26Q2", "-c", config("d.json"), "--email"], {
      ASCKIT_SMTP_HOST: "",
    })
    expect(noSmtp.code).toBe(2)
    expect(noSmtp.err).toContain("Set ASCKIT_SMTP_HOST and ASCKIT_SMTP_FROM")
    const year = asckit(["report", "highlight", "-p", "2025-26", "-c", config("e.json")])
    expect(year.code).toBe(2)
    expect(year.err).toContain("The highlight report is quarterly: e.g. --period 2026-27Q2.")
    const none = asckit(["report", "highlight", "-p", "2025-26Q2"])
    expect(none.code).toBe(2)
    expect(none.err).toContain("No highlight configuration: pass --config <file>")
    const unknown = asckit([
      "report",
      "highlight",
      "-p",
      "2025-26Q2",
      "-c",
      config("f.json", {
        obsessions: [{ id: "O1", title: "x", measures: [{ measure: "LOCAL:NA-WAITING" }] }],
      }),
    ])
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain('obsession "O1"')
    expect(unknown.err).toContain("LOCAL:NA-WAITING-LIST")
    expect(asckit(["report", "highlight"]).code).toBe(2) // --period is required
  })

  it("exits 1 when the warehouse does not exist, saying how to build it", () => {
    const r = asckit([
      "report",
      "highlight",
      "-p",
      "2025-26Q2",
      "-c",
      config("g.json"),
      "--warehouse",
      "missing.sqlite",
    ])
    expect(r.code).toBe(1)
    expect(r.err).toContain("Run `pnpm etl` (or `asckit etl`) first to build the warehouse.")
  })
})
