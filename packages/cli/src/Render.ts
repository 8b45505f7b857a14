/**
 * Text for people: the per-stream summary table, the reconciliation line, and live progress on a terminal.
 *
 * @category output
 */
import { relative } from "node:path"
import type { Pipeline, Progress } from "@asckit/etl"

const n = (x: number) => x.toLocaleString("en-GB")

/** A plain text table with right-aligned numbers. */
export const table = (
  header: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
): string => {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === "number" ? n(c) : c)))]
  const widths = header.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? "").length)))
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === "number"))
  return cells
    .map((r) =>
      r
        .map((c, i) => (numeric[i] ? String(c).padStart(widths[i]!) : String(c).padEnd(widths[i]!)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n")
}

/** A path as short as it can be read from the working directory. */
export const shortPath = (p: string): string => {
  const r = relative(process.cwd(), p)
  return r.startsWith("..") || r === "" ? p : r
}

/** The per-stream summary of a run, with its reconciliation. */
export const runSummary = (s: Pipeline.RunSummary, warehouse: string): string => {
  const lines: Array<string> = []
  lines.push(
    `${s.dryRun ? "Dry run (nothing written)" : "Loaded"} into ${shortPath(warehouse)} — run ${s.runId}, pseudonymisation key ${s.keyId}`,
  )
  lines.push("")
  lines.push(
    table(
      [
        "source",
        "stream",
        "files",
        "loaded",
        "skipped",
        "failed",
        "rows read",
        "rows loaded",
        "quarantined",
        "duplicate",
        "findings",
      ],
      s.streams.map((t) => [
        t.plugin,
        t.stream,
        t.files,
        t.loaded,
        t.skipped,
        t.failed,
        t.rowsRead,
        t.rowsLoaded,
        t.rowsQuarantined,
        t.rowsDuplicate,
        t.findings,
      ]),
    ),
  )
  const read = s.streams.reduce((a, t) => a + t.rowsRead, 0)
  const loaded = s.streams.reduce((a, t) => a + t.rowsLoaded, 0)
  const q = s.streams.reduce((a, t) => a + t.rowsQuarantined, 0)
  const d = s.streams.reduce((a, t) => a + t.rowsDuplicate, 0)
  lines.push("")
  lines.push(
    `Reconciliation: ${n(read)} rows read = ${n(loaded)} loaded + ${n(q)} quarantined + ${n(d)} duplicate ${read === loaded + q + d ? "✓" : "✗ (MISMATCH — please report this)"}`,
  )
  const replaced = s.streams.filter((t) => (t.rowsReplaced ?? 0) > 0)
  if (replaced.length > 0) {
    lines.push(
      "Held in the warehouse (a later row with the same key replaces an earlier one: overlapping submissions, the latest wins):",
    )
    for (const t of replaced)
      lines.push(
        `  ${t.plugin} ${t.stream}: ${n(t.rowsHeld ?? 0)} rows; ${n(t.rowsReplaced ?? 0)} loaded over time were replaced by later ones`,
      )
  }
  for (const f of s.files.filter((x) => x.status === "failed")) {
    lines.push(`✗ ${shortPath(f.path)}: ${f.message ?? "failed"}`)
  }
  return lines.join("\n")
}

/** A progress renderer: a live line on a terminal, one line per finished file everywhere. */
export const progress = (out: NodeJS.WriteStream = process.stderr): ((e: Progress.Event) => void) => {
  const tty = out.isTTY === true
  let started = 0
  let current = ""
  let last = 0
  return (e) => {
    if (e._tag === "FileStarted") {
      started = Date.now()
      current = shortPath(e.path)
      if (tty) out.write(`\r\x1b[K… ${current} (${(e.size / 1e6).toFixed(1)} MB)`)
    } else if (e._tag === "RowsRead") {
      const now = Date.now()
      if (tty && now - last > 100) {
        last = now
        const rate = (e.rows / Math.max(1, now - started)) * 1000
        out.write(`\r\x1b[K… ${current}: ${n(e.rows)} rows (${n(Math.round(rate))} rows/s)`)
      }
    } else {
      const f = e.summary
      const name = shortPath(f.path)
      const secs = (f.durationMs / 1000).toFixed(1)
      const line =
        f.status === "skipped"
          ? `↷ ${name}: skipped, ${f.message}`
          : f.status === "failed"
            ? `✗ ${name}: ${f.message}`
            : `✓ ${name}: ${n(f.rowsRead)} rows — ${n(f.rowsLoaded)} loaded, ${n(f.rowsQuarantined)} quarantined, ${n(f.rowsDuplicate)} duplicate${f.findings ? `, ${n(f.findings)} findings` : ""} (${secs}s)`
      out.write(`${tty ? "\r\x1b[K" : ""}${line}\n`)
    }
  }
}
