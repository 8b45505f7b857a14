#!/usr/bin/env node
// Renders an HTML file in headless Chromium to a PNG (and optionally a PDF, as printing would), and reports what
// went wrong while loading it: uncaught page errors, console errors, failed requests, and any request at all for
// something other than the file itself (a standalone report must not fetch anything).
//
//   node scripts/render-html.mjs <input.html> <output.png> [--width 1280] [--height 900] [--pdf out.pdf]
//                                [--clip y,height] [--chromium /usr/bin/chromium] [--timeout 60]
//
// --clip captures only the band of the full page from y (CSS pixels) of the given height, to look at one part.
//
// Prints one JSON object: { png, bytes, width, height, pdf?, pdfBytes?, pageErrors, consoleErrors, failedRequests,
// externalRequests }. Exit code 0 when the page rendered with no errors, 1 when it rendered with errors, 2 when it
// could not be rendered (no Chromium, bad arguments, a timeout).
//
// Chromium is Debian's package (`apt-get install chromium`), found as --chromium, $ASCKIT_CHROMIUM or `chromium` on
// the PATH. It is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: file descriptors 3 and 4),
// so no port is opened and no WebSocket client is needed.
import { spawn, spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { pathToFileURL } from "node:url"
import { parseArgs } from "node:util"

const usage =
  "usage: node scripts/render-html.mjs <input.html> <output.png> [--width 1280] [--height 900] [--pdf out.pdf] [--chromium path] [--timeout 60]"

const fail = (message, code = 2) => {
  console.error(`render-html: ${message}`)
  process.exit(code)
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    width: { type: "string", default: "1280" },
    height: { type: "string", default: "900" },
    pdf: { type: "string" },
    clip: { type: "string" },
    chromium: { type: "string" },
    timeout: { type: "string", default: "60" },
  },
})
if (positionals.length !== 2) fail(usage)
const input = resolve(positionals[0])
const output = resolve(positionals[1])
if (!existsSync(input)) fail(`${input} does not exist`)
const width = Number(values.width)
const height = Number(values.height)
const timeoutMs = Number(values.timeout) * 1000
if (!(width > 0 && height > 0 && timeoutMs > 0)) fail(usage)

const findChromium = () => {
  const given = values.chromium ?? process.env.ASCKIT_CHROMIUM
  if (given) return given
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    const r = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" })
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim()
  }
  return undefined
}
const chromium = findChromium()
if (!chromium)
  fail("Chromium not found: install Debian's package (apt-get install chromium) or pass --chromium")

const profile = mkdtempSync(join(tmpdir(), "asckit-chromium-"))
const browser = spawn(
  chromium,
  [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--mute-audio",
    `--user-data-dir=${profile}`,
    "--remote-debugging-pipe",
  ],
  { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] },
)
let stderr = ""
browser.stderr.on("data", (d) => {
  stderr += d.toString()
})
const toBrowser = browser.stdio[3]
const fromBrowser = browser.stdio[4]

let nextId = 1
const pending = new Map()
const listeners = []
let buffer = Buffer.alloc(0)
fromBrowser.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk])
  for (let i = buffer.indexOf(0); i >= 0; i = buffer.indexOf(0)) {
    const message = JSON.parse(buffer.subarray(0, i).toString("utf8"))
    buffer = buffer.subarray(i + 1)
    if (message.id !== undefined && pending.has(message.id)) {
      const { ok, ko } = pending.get(message.id)
      pending.delete(message.id)
      if (message.error) ko(new Error(`${message.error.message} (${message.error.code})`))
      else ok(message.result)
    } else {
      for (const l of listeners) l(message)
    }
  }
})
const send = (method, params = {}, sessionId) =>
  new Promise((ok, ko) => {
    const id = nextId++
    pending.set(id, { ok, ko })
    toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`)
  })
const waitFor = (predicate) =>
  new Promise((ok) => {
    const l = (m) => {
      if (predicate(m)) {
        listeners.splice(listeners.indexOf(l), 1)
        ok(m)
      }
    }
    listeners.push(l)
  })

const exited = new Promise((ok) => browser.once("exit", ok))
const cleanup = async () => {
  // Browser.close has asked it to quit; make sure, wait for the process, then remove its profile
  const grace = setTimeout(() => browser.kill("SIGKILL"), 3000)
  await exited
  clearTimeout(grace)
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })
  } catch {
    // a helper process still writing: the temporary profile is left for the system to clean
  }
}
const timer = setTimeout(async () => {
  browser.kill("SIGKILL")
  await cleanup()
  fail(`timed out after ${values.timeout}s${stderr ? `\n${stderr.slice(-2000)}` : ""}`)
}, timeoutMs)
browser.on("error", (e) => {
  clearTimeout(timer)
  rmSync(profile, { recursive: true, force: true })
  fail(`cannot start ${chromium}: ${e.message}`)
})

const url = pathToFileURL(input).href
const report = { pageErrors: [], consoleErrors: [], failedRequests: [], externalRequests: [] }

try {
  const { targetId } = await send("Target.createTarget", { url: "about:blank" })
  const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true })
  listeners.push((m) => {
    if (m.sessionId !== sessionId) return
    const p = m.params ?? {}
    switch (m.method) {
      case "Runtime.exceptionThrown":
        report.pageErrors.push(
          p.exceptionDetails?.exception?.description ?? p.exceptionDetails?.text ?? "error",
        )
        break
      case "Runtime.consoleAPICalled":
        if (p.type === "error" || p.type === "assert")
          report.consoleErrors.push((p.args ?? []).map((a) => a.value ?? a.description ?? "").join(" "))
        break
      case "Log.entryAdded":
        if (p.entry?.level === "error")
          report.consoleErrors.push(`${p.entry.text}${p.entry.url ? ` (${p.entry.url})` : ""}`)
        break
      case "Network.requestWillBeSent": {
        const u = p.request?.url ?? ""
        if (u !== url && !u.startsWith("data:") && !u.startsWith("about:")) report.externalRequests.push(u)
        break
      }
      case "Network.loadingFailed":
        report.failedRequests.push(`${p.errorText}${p.blockedReason ? ` (${p.blockedReason})` : ""}`)
        break
    }
  })
  for (const m of ["Page.enable", "Runtime.enable", "Log.enable", "Network.enable"])
    await send(m, {}, sessionId)
  await send(
    "Emulation.setDeviceMetricsOverride",
    { width, height, deviceScaleFactor: 1, mobile: width < 600 },
    sessionId,
  )
  const loaded = waitFor((m) => m.sessionId === sessionId && m.method === "Page.loadEventFired")
  const nav = await send("Page.navigate", { url }, sessionId)
  if (nav.errorText) report.failedRequests.push(`${url}: ${nav.errorText}`)
  await loaded
  // let layout and any late errors settle
  await new Promise((r) => setTimeout(r, 300))
  const metrics = await send("Page.getLayoutMetrics", {}, sessionId)
  const full = metrics.cssContentSize ?? metrics.contentSize
  const pageHeight = Math.min(Math.ceil(full.height), 20000)
  await send(
    "Emulation.setDeviceMetricsOverride",
    { width, height: pageHeight, deviceScaleFactor: 1, mobile: width < 600 },
    sessionId,
  )
  const [clipY, clipH] = (values.clip ?? "").split(",").map(Number)
  const clip =
    values.clip === undefined
      ? {}
      : { clip: { x: 0, y: clipY, width, height: Math.min(clipH, pageHeight - clipY), scale: 1 } }
  const shot = await send(
    "Page.captureScreenshot",
    { format: "png", captureBeyondViewport: true, ...clip },
    sessionId,
  )
  const png = Buffer.from(shot.data, "base64")
  writeFileSync(output, png)
  Object.assign(report, { png: output, bytes: png.length, width, height: pageHeight })
  if (values.pdf) {
    await send("Emulation.clearDeviceMetricsOverride", {}, sessionId)
    const pdf = await send("Page.printToPDF", { printBackground: true, preferCSSPageSize: true }, sessionId)
    const bytes = Buffer.from(pdf.data, "base64")
    writeFileSync(resolve(values.pdf), bytes)
    Object.assign(report, { pdf: resolve(values.pdf), pdfBytes: bytes.length })
  }
  await send("Browser.close").catch(() => {})
} catch (e) {
  clearTimeout(timer)
  browser.kill("SIGKILL")
  await cleanup()
  fail(`rendering failed: ${e.message}${stderr ? `\n${stderr.slice(-2000)}` : ""}`)
}
clearTimeout(timer)
await cleanup()
console.log(JSON.stringify(report, null, 2))
const errors =
  report.pageErrors.length +
  report.consoleErrors.length +
  report.failedRequests.length +
  report.externalRequests.length
process.exit(errors === 0 ? 0 : 1)
