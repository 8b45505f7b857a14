import { Benchmark, Measure, Outcome, Period, Value } from "@asckit/core"

// 1. Define a measure with the same types as the built-in catalogue.
const reablement = Measure.make({
  id: "LOCAL:REABLEMENT-NFR",
  framework: "local",
  frameworkVersion: "2025",
  code: "REABLEMENT-NFR",
  title: "People who had reablement, not previously receiving services, with no further request for support",
  shortTitle: "Reablement: no further request",
  objective: { code: "IND", name: "Independence" },
  unit: "percent",
  decimals: 1,
  polarity: "higher-is-better",
  frequency: "annual",
  source: [{ id: "CLD" }],
  numerator: "new clients whose reablement ended with no further request for support",
  denominator: "new clients who completed reablement",
  suppression: { rule: "numerator-or-denominator", threshold: 5 },
})

// 2. Compute outcomes for three councils, this year and last (counts as in ASCOF 2A).
const counts = {
  Bolton: { now: { numerator: 685, denominator: 950 }, before: { numerator: 640, denominator: 920 } },
  Bury: { now: { numerator: 738, denominator: 897 }, before: { numerator: 770, denominator: 905 } },
  Oldham: { now: { numerator: 340, denominator: 429 }, before: { numerator: 330, denominator: 416 } },
}
const now = Period.unsafeParse("2025-26")
const before = Period.previous(now)
const outcomes = Object.entries(counts).map(([council, c]) => ({
  key: council,
  value: Outcome.computePublished(reablement, c.now),
  previous: Outcome.computePublished(reablement, c.before),
}))

// 3. Rank them (1 = best by polarity) and 4. get each one's direction of travel.
for (const r of Benchmark.rank(reablement, outcomes)) {
  const o = outcomes.find((x) => x.key === r.key)!
  const travel = Benchmark.direction(reablement, o.value, o.previous, { current: now, previous: before })
  console.log(
    `${r.key}: ${Value.format(r.value, 1)}% (${Period.format(now)}), rank ${r.rank} of ${r.of}, ` +
      `${travel.direction} from ${Value.format(o.previous, 1)}%`,
  )
}
