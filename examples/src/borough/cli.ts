#!/usr/bin/env node
/**
 * Command line for the Synthetic Borough generator.
 *
 *   node examples/dist/borough/cli.js --out dir [--scale 1] [--seed 1] [--format csv|xlsx] [--faults]
 *                                     [--mix-releases] [--uk-dates all|some] [--summary]
 *                                     [--all | --las --controcc --dols --spreadsheets --hospital --population
 *                                      --surveys --cqc --turnover] [--events cutover|cld|las-controcc]
 *                                     [--cutover "2026-27 Q1"] [--etl-sources file.json]
 *
 * Prints progress lines; `--summary` also prints the model's plausibility figures for 2024-25 (holds the
 * borough in memory, so keep it to small scales). The extract flags write the borough's other sources beside the
 * CLD submissions (`--all`: every one); `--etl-sources` writes the ETL configuration entries that load them
 * (`sources` of an asckit configuration file, paths relative to that file's folder; `--events` chooses where the
 * people and events come from: the CLD files before the `--cutover` quarter and the LAS and ContrOCC extracts from
 * it on, the default; every CLD file; or the LAS and ContrOCC extracts only — see `boroughEtlSources`).
 */
import { writeFileSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { parseArgs } from "node:util"
import {
  BoroughStats,
  boroughEtlSources,
  boroughModel,
  type EventsRoute,
  generateBorough,
  rebaseEtlSources,
  SYSTEMS_CUTOVER,
} from "./index.js"

const extractFlags = [
  "las",
  "controcc",
  "dols",
  "spreadsheets",
  "hospital",
  "population",
  "surveys",
  "cqc",
  "turnover",
  "all",
] as const

const usage =
  "usage: cli.js --out <dir> [--scale 1] [--seed 1] [--format csv|xlsx] [--faults] [--mix-releases] [--uk-dates all|some] [--summary] " +
  `[${extractFlags.map((f) => `--${f}`).join(" ")}] [--events cutover|cld|las-controcc] [--cutover "2026-27 Q1"] [--etl-sources <file.json>]`

const main = async (): Promise<number> => {
  const { values } = parseArgs({
    options: {
      out: { type: "string" },
      scale: { type: "string", default: "1" },
      seed: { type: "string", default: "1" },
      format: { type: "string", default: "csv" },
      faults: { type: "boolean", default: false },
      "mix-releases": { type: "boolean", default: false },
      "uk-dates": { type: "string" },
      summary: { type: "boolean", default: false },
      ...Object.fromEntries(extractFlags.map((f) => [f, { type: "boolean" as const, default: false }])),
      events: { type: "string", default: "cutover" },
      cutover: { type: "string", default: SYSTEMS_CUTOVER },
      "etl-sources": { type: "string" },
      help: { type: "boolean", default: false },
    },
    allowPositionals: false,
  })
  if (values.help || values.out === undefined) {
    console.log(usage)
    return values.help ? 0 : 2
  }
  const scale = Number(values.scale)
  const seed = Number(values.seed)
  const format = values.format
  if (!Number.isFinite(scale) || !Number.isInteger(seed) || (format !== "csv" && format !== "xlsx")) {
    console.error(usage)
    return 2
  }
  const uk = values["uk-dates"]
  if (uk !== undefined && uk !== "all" && uk !== "some") {
    console.error(usage)
    return 2
  }
  const events = values.events
  if (
    (events !== "cutover" && events !== "cld" && events !== "las-controcc") ||
    !/^\d{4}-\d{2} Q[1-4]$/.test(values.cutover)
  ) {
    console.error(usage)
    return 2
  }
  const ukDates = uk === undefined ? false : uk === "some" ? ("some" as const) : true
  const flags = values as Record<string, unknown>
  const extracts = Object.fromEntries(extractFlags.filter((f) => flags[f] === true).map((f) => [f, true]))
  const t0 = performance.now()
  console.log(`Synthetic Borough: seed ${seed}, scale ${scale}, ${format} → ${values.out}`)
  const manifest = await generateBorough({
    outDir: values.out,
    seed,
    scale,
    format,
    faults: values.faults,
    mixReleases: values["mix-releases"],
    ukDates,
    ...(Object.keys(extracts).length === 0 ? {} : { extracts }),
    onProgress: (m) => console.log(`  ${m}`),
  })
  const secs = ((performance.now() - t0) / 1000).toFixed(1)
  const rows = manifest.files.reduce((n, f) => n + f.rows, 0)
  console.log(
    `Wrote ${manifest.files.length} files, ${rows.toLocaleString("en-GB")} rows; ${manifest.counts.people.toLocaleString("en-GB")} people, ${manifest.counts.events.toLocaleString("en-GB")} events; ${manifest.faults.length} faults; ${secs}s`,
  )
  const written = Object.keys(manifest.extracts ?? {})
  if (written.length > 0) console.log(`Extracts: ${written.join(", ")}`)
  const target = values["etl-sources"]
  if (target !== undefined) {
    const file = resolve(target)
    const sources = rebaseEtlSources(
      boroughEtlSources(manifest, { events: events as EventsRoute, cutover: values.cutover }),
      resolve(values.out),
      dirname(file),
    )
    writeFileSync(file, `${JSON.stringify(sources, null, 2)}\n`)
    console.log(`ETL sources (${sources.length}) → ${file}`)
  }
  if (values.summary) console.log(BoroughStats.summary(boroughModel({ seed, scale }).people))
  return 0
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err)
    process.exitCode = 1
  },
)
