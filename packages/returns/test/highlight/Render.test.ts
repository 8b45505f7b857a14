/**
 * The HTML report rendered in headless Chromium (Debian's `chromium` package) by `scripts/render-html.mjs`: it loads
 * with no page errors, console errors, failed or external requests, on a desktop and a phone, and prints to PDF.
 * Chromium is found as $ASCKIT_CHROMIUM (set by `pnpm test` when it is installed) or `chromium` on the PATH.
 */
import { spawnSync } from "node:child_process"
import { readFileSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Period } from "@asckit/core"
import { WarehouseReader } from "@asckit/etl"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { HighlightReport } from "../../src/index.js"
import { makeWarehouse, testConfig } from "./fixture.js"

const script = fileURLToPath(new URL("../../../../scripts/render-html.mjs", import.meta.url))
const chromium =
  process.env.ASCKIT_CHROMIUM ??
  (spawnSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).stdout.trim() || undefined)

const wh = makeWarehouse()
afterAll(wh.cleanup)

const render = (html: string, png: string, ...args: ReadonlyArray<string>) => {
  if (chromium === undefined) {
    throw new Error(
      "Chromium is not installed: `apt-get install -y chromium` (Debian), or set ASCKIT_CHROMIUM to its path.",
    )
  }
  const r = spawnSync(process.execPath, [script, html, png, "--chromium", chromium, ...args], {
    encoding: "utf8",
    timeout: 90_000,
  })
  return { code: r.status, report: r.stdout ? JSON.parse(r.stdout) : undefined, stderr: r.stderr }
}

const isPng = (path: string) =>
  readFileSync(path)
    .subarray(0, 8)
    .equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))

describe("the HTML report in headless Chromium", async () => {
  const written = await Effect.runPromise(
    Effect.gen(function* () {
      const resolved = yield* HighlightReport.Config.resolveConfig(testConfig(), wh.dir)
      const reader = yield* WarehouseReader.WarehouseReader
      return yield* HighlightReport.write(reader, resolved, Period.quarter(2025, 2), join(wh.dir, "out"))
    }).pipe(Effect.provide(WarehouseReader.layer(wh.path))),
  )

  it("renders on a desktop without errors, to a PNG and (printed) a PDF", () => {
    const png = join(wh.dir, "desktop.png")
    const pdf = join(wh.dir, "print.pdf")
    const r = render(written.html, png, "--width", "1280", "--pdf", pdf)
    expect(r.stderr).toBe("")
    expect(r.code).toBe(0)
    expect(r.report).toMatchObject({
      pageErrors: [],
      consoleErrors: [],
      failedRequests: [],
      externalRequests: [],
    })
    expect(isPng(png)).toBe(true)
    expect(statSync(png).size).toBeGreaterThan(20_000)
    expect(r.report.height).toBeGreaterThan(2000)
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-")
  })

  it("renders on a phone (390 px wide) without errors", () => {
    const png = join(wh.dir, "phone.png")
    const r = render(written.html, png, "--width", "390")
    expect(r.code).toBe(0)
    expect(r.report).toMatchObject({
      pageErrors: [],
      consoleErrors: [],
      failedRequests: [],
      externalRequests: [],
    })
    expect(isPng(png)).toBe(true)
    expect(r.report.width).toBe(390)
  })

  it("the checker itself catches page errors and requests for outside resources", () => {
    const bad = join(wh.dir, "bad.html")
    writeFileSync(
      bad,
      '<!doctype html><html><body><p>x</p><img src="http://127.0.0.1:9/missing.png"><script>undefinedFunction()</script></body></html>',
    )
    const r = render(bad, join(wh.dir, "bad.png"))
    expect(r.code).toBe(1)
    expect(r.report.pageErrors.join()).toMatch(/undefinedFunction is not defined/)
    expect(r.report.externalRequests).toEqual(["http://127.0.0.1:9/missing.png"])
  })
})
