// Bench child: computes every CLD-based ASCOF measure (2A, 2B, 2C, 2D(1), 2D(2), 2E(1), 2E(2a), 2E(2b), 3D(1a),
// 3D(2a)) for 2024-25 on a loaded warehouse — bench/run.mjs makes bench/tmp/pipeline-x10.sqlite — and prints one
// JSON line: milliseconds per measure (each on its own, as `Ascof.compute` runs it), all of them together (as
// `Ascof.computeAll` runs them: one query per family), each measure's status and counts, and peak RSS. The
// baseline, timed in the same process, is one plain aggregate scan of the council's events (count of rows and of
// distinct people): the least any measure over the whole CLD could cost. Ratios are reported against it.
// 2B/2C need the ONS population and 2D(1)/2D(2) the hospital extract in the warehouse: bench/etl-reference.mjs
// loads them (run.mjs does, before this). Exits 1, after printing, unless every measure is computed ("ok").
//   node bench/ascof-measures.mjs <warehouse.sqlite> [laCode = 999] [period = 2024-25]
import { Period } from "@asckit/core"
import { WarehouseReader } from "@asckit/etl"
import { Ascof } from "@asckit/returns"
import { sql } from "drizzle-orm"
import { Effect } from "effect"

const [db, laCode = "999", periodText = "2024-25"] = process.argv.slice(2)
if (db === undefined) {
  console.error("usage: node bench/ascof-measures.mjs <warehouse.sqlite> [laCode] [period]")
  process.exit(2)
}
const period = Period.unsafeParse(periodText)

let peak = 0
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)

const program = Effect.gen(function* () {
  const reader = yield* WarehouseReader.WarehouseReader
  const measures = {}
  for (const code of Ascof.codes) {
    const t0 = performance.now()
    const r = yield* Ascof.compute(reader, { code, period, laCode })
    measures[code] = {
      ms: Math.round(performance.now() - t0),
      status: r.status,
      numerator: r.numerator ?? null,
      denominator: r.denominator ?? null,
      value: r.value._tag === "Available" ? r.value.value : null,
      ...(r.reason === undefined ? {} : { reason: r.reason }),
    }
  }
  const b0 = performance.now()
  const scan = yield* reader.get(
    "baseline scan",
    sql`select count(*) as n, count(distinct person_id) as people from event where la_code = ${laCode}`,
  )
  const baselineMs = performance.now() - b0
  const t0 = performance.now()
  const all = yield* Ascof.computeAll(reader, { period, laCode })
  const totalMs = Math.round(performance.now() - t0)
  return {
    baseline: { ms: Math.round(baselineMs), events: scan.n, people: scan.people },
    measures,
    totalMs,
    computed: all.filter((r) => r.status === "ok").length,
  }
})

const result = await Effect.runPromise(program.pipe(Effect.provide(WarehouseReader.layer(db))))
clearInterval(sample)
console.log(
  JSON.stringify({
    period: Period.format(period),
    laCode,
    ...result,
    codes: Ascof.codes.length,
    sumOfMeasuresMs: Object.values(result.measures).reduce((n, m) => n + m.ms, 0),
    peakRssMB: Math.max(peak, process.resourceUsage().maxRSS * 1024) / 1e6,
  }),
)
if (result.computed !== Ascof.codes.length) process.exitCode = 1
