/**
 * The report as one standalone HTML file: inline CSS and SVG only (no script, no fonts, images or styles fetched
 * from anywhere), so it opens offline, passes through email gateways and can be archived as it is. It reads on a
 * phone (the highlight table turns into one card per measure below 760px; wide section tables scroll sideways) and
 * prints (A4 landscape, each section on a new page, colours kept, navigation hidden).
 *
 * Every value missing from the report says why, next to it.
 *
 * @category output
 */
import { Value } from "@asckit/core"
import type { Cell, Table } from "../ReturnDocument.js"
import * as Format from "./Format.js"
import { escape, toHtml } from "./Markdown.js"
import type { Comparator, MeasureRow, Report, Section } from "./Model.js"
import * as Svg from "./Svg.js"

const css = `
:root { --ink: #1b1f24; --muted: #5b6470; --line: #d9dee4; --head: #1f3a5f; --band: #eef2f7;
  --good: #1a7f37; --bad: #c62828; --amber: #b26a00; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: #fff; }
header.top { background: var(--head); color: #fff; padding: 20px 24px 16px; }
header.top h1 { margin: 0 0 4px; font-size: 1.6rem; line-height: 1.2; }
header.top p { margin: 0; opacity: .9; }
nav { padding: 8px 24px; background: var(--band); border-bottom: 1px solid var(--line); font-size: .9rem;
  display: flex; flex-wrap: wrap; gap: 4px 16px; }
nav a { color: var(--head); white-space: nowrap; text-decoration: none; }
nav a:hover { text-decoration: underline; }
main { padding: 8px 24px 32px; max-width: 1400px; margin: 0 auto; }
h2 { color: var(--head); font-size: 1.3rem; margin: 28px 0 8px; border-bottom: 2px solid var(--head); padding-bottom: 4px; }
h3 { font-size: 1.05rem; margin: 18px 0 6px; }
h4, h5, h6 { font-size: 1rem; margin: 12px 0 4px; }
.commentary { background: #f8fafc; border-left: 4px solid var(--head); padding: 8px 14px; margin: 10px 0; }
.commentary p { margin: 6px 0; }
.gaps { background: #fff8e5; border-left: 4px solid var(--amber); padding: 8px 14px; margin: 10px 0; font-size: .92rem; }
.gaps ul { margin: 4px 0 4px 18px; padding: 0; }
.key { font-size: .85rem; color: var(--muted); margin: 6px 0 10px; display: flex; flex-wrap: wrap; gap: 2px 14px; }
.key span { white-space: nowrap; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: var(--band); font-size: .85rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.highlight tbody th.obsession { background: var(--head); color: #fff; font-size: .95rem; padding: 8px; }
table.highlight td.measure { width: 21%; }
table.highlight td.measure strong { display: block; }
table.highlight td.trend { width: 136px; }
table.highlight td.latest-cell { min-width: 170px; }
tbody th[scope="row"] { white-space: nowrap; font-weight: 600; }
table.highlight small, .why { color: var(--muted); font-size: .78rem; display: block; }
.latest { font-size: 1.15rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.marker { font-weight: 600; color: var(--muted); }
.good { color: var(--good); } .bad { color: var(--bad); } .neutral { color: var(--muted); }
.rag { display: inline-block; min-width: 56px; text-align: center; border-radius: 10px; padding: 1px 8px; font-size: .8rem; font-weight: 600; }
.rag.green { background: #d8f0de; color: #11592a; } .rag.amber { background: #fdebc8; color: #7a4a00; }
.rag.red { background: #f9d6d5; color: #8e1b1b; } .rag.none { color: var(--muted); }
svg.spark { width: 120px; height: 32px; display: block; }
svg.chart { width: 100%; height: auto; max-width: 760px; display: block; }
svg text.ax { font: 10px system-ui, Arial, sans-serif; fill: #555; }
svg text.lg { font: 11px system-ui, Arial, sans-serif; fill: #222; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 16px; }
figure { margin: 8px 0; } figcaption { font-weight: 600; font-size: .9rem; margin-bottom: 4px; }
.scroll { overflow-x: auto; margin: 8px 0 16px; }
.scroll table { min-width: 480px; }
caption { text-align: left; font-weight: 600; padding: 6px 0; }
tr.total td, tr.total th { font-weight: 600; background: #f6f6f6; }
.notes { font-size: .85rem; color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; font-size: .9rem; }
dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
details { margin: 8px 0; } summary { cursor: pointer; color: var(--head); font-weight: 600; }
@media (max-width: 760px) {
  body { font-size: 14px; }
  header.top, nav, main { padding-left: 12px; padding-right: 12px; }
  table.highlight thead { display: none; }
  table.highlight, table.highlight tbody, table.highlight tr { display: block; width: 100%; }
  table.highlight tr.measure-row { display: grid; grid-template-columns: 1fr 1fr; gap: 2px 10px; border: 1px solid var(--line);
    border-radius: 8px; margin: 8px 0; padding: 8px; }
  table.highlight tr.measure-row td { display: block; border: 0; padding: 3px 0; width: auto; min-width: 0; text-align: left; }
  table.highlight tr.measure-row td::before { content: attr(data-label); display: block; color: var(--muted); font-size: .72rem;
    text-transform: uppercase; letter-spacing: .02em; }
  table.highlight tr.measure-row td.measure { grid-column: 1 / -1; }
  table.highlight tr.measure-row td.measure::before { content: none; }
  table.highlight tbody th.obsession { display: block; border-radius: 6px; margin-top: 14px; }
  table.highlight tr.comment-row td { display: block; }
}
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 9.5pt; }
  nav { display: none; }
  header.top { padding: 8px 12px; }
  main { padding: 0; max-width: none; }
  section.report-section { break-before: page; }
  tr, figure, .commentary { break-inside: avoid; }
  .scroll { overflow: visible; }
  a { color: inherit; text-decoration: none; }
  details > *:not(summary) { display: block; }
}
`

const cellText = (c: Cell): string => {
  if (c.marker !== undefined) return c.marker
  if (c.value === null) return ""
  if (typeof c.value === "string") return c.value
  switch (c.format) {
    case "percent1":
      return `${c.value.toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`
    case "percent0":
      return `${c.value.toLocaleString("en-GB", { maximumFractionDigits: 0 })}%`
    case "decimal1":
      return c.value.toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 })
    case "decimal3":
      return c.value.toLocaleString("en-GB", { minimumFractionDigits: 3, maximumFractionDigits: 3 })
    default:
      return c.value.toLocaleString("en-GB", { maximumFractionDigits: 0 })
  }
}

/** A document table as an accessible HTML table (row headers as `th scope="row"`). */
export const table = (t: Table): string => {
  const head = t.columnHeaders
    .map((level, li) => {
      const lead =
        li === t.columnHeaders.length - 1
          ? t.rowHeaders.map((h) => `<th scope="col">${escape(h)}</th>`).join("")
          : `<th colspan="${t.rowHeaders.length}"></th>`
      return `<tr>${lead}${level.map((h) => `<th scope="col" class="num">${escape(h)}</th>`).join("")}</tr>`
    })
    .join("")
  const body = t.rows
    .map(
      (r) =>
        `<tr${r.total ? ' class="total"' : ""}>${r.header.map((h) => `<th scope="row">${escape(h)}</th>`).join("")}${r.cells
          .map((c) => {
            const numeric = typeof c.value === "number" || c.marker !== undefined
            return `<td${numeric ? ' class="num"' : ""}${c.note ? ` title="${escape(c.note)}"` : ""}>${escape(cellText(c))}</td>`
          })
          .join("")}</tr>`,
    )
    .join("")
  const notes = (t.notes ?? []).map((n) => `<p class="notes">${escape(n)}</p>`).join("")
  return `<div class="scroll"><table><caption>${escape(t.title)}</caption><thead>${head}</thead><tbody>${body}</tbody></table></div>${notes}`
}

const latestCell = (row: MeasureRow): string => {
  const p = row.latest
  if (p === undefined)
    return `<span class="marker">[x]</span><span class="why">${escape(row.reason ?? "no value")}</span>`
  if (p.value._tag === "Available") {
    return `<span class="latest">${escape(Format.value(row.measure, p.value))}</span><small>${escape(p.label)}</small>`
  }
  const why = Format.reason(p.value) ?? row.reason ?? ""
  return `<span class="marker">${escape(Value.marker(p.value)!)}</span><small>${escape(p.label)}</small>${why ? `<span class="why">${escape(why)}</span>` : ""}`
}

const rankCell = (row: MeasureRow, groupId: string, label: string): string => {
  const r = Format.rankIn(row, groupId)
  const text = Format.rank(r)
  const q = Format.quartile(r)
  return `<td class="num" data-label="${escape(label)}">${escape(text)}${q ? `<small>${escape(q)}</small>` : ""}${r?.year && r.rank !== undefined ? `<small>${escape(r.year)}</small>` : ""}</td>`
}

const comparatorCell = (row: MeasureRow, label: string, c: Comparator | undefined, extra = ""): string =>
  `<td class="num" data-label="${escape(label)}">${c ? `${escape(Format.value(row.measure, c.value))}<small>${escape(c.year)}</small>${c.value._tag !== "Available" && Format.reason(c.value) ? `<small>${escape(Format.reason(c.value)!)}</small>` : ""}` : "–"}${extra}</td>`

const measureRow = (row: MeasureRow, groups: Report["comparators"], region: string | undefined): string => {
  const d = row.direction
  const tone = Format.tone(d.direction)
  const values = row.series.map((p) => (p.value._tag === "Available" ? p.value.value : null))
  const spark = Svg.sparkline(values, {
    label: `${row.title}: ${row.series.map((p) => `${p.label} ${Format.value(row.measure, p.value)}`).join(", ")}`,
    tone,
    ...(row.target === undefined ? {} : { target: row.target }),
  })
  const first = row.series[0]
  const last = row.series.at(-1)
  const england = Format.comparatorIn(row, "england")
  const rankReason = Format.rankReason(row)
  const englandRank = Format.rankIn(row, "england")
  const change =
    d.change !== undefined && d.direction !== "not-comparable"
      ? `<small>${d.change > 0 ? "+" : ""}${escape(d.change.toLocaleString("en-GB", { maximumFractionDigits: row.measure.decimals }))}${row.measure.unit === "percent" ? " pts" : ""} on ${escape(row.previous?.label ?? "")}</small>`
      : d.reason
        ? `<small>${escape(d.reason)}</small>`
        : ""
  return `<tr class="measure-row">
<td class="measure" data-label="Measure"><strong>${escape(row.title)}</strong><small>${escape(`${row.measure.framework === "local" ? "Local" : row.measure.framework} ${row.measure.code}`)}</small></td>
<td data-label="Frequency">${escape(Format.frequency(row.measure.frequency))}</td>
<td data-label="Polarity">${escape(Format.polarity(row.measure.polarity))}</td>
<td class="trend" data-label="Trend">${spark}<small>${escape(first && last && first !== last ? `${first.label} – ${last.label}` : "")}</small></td>
<td class="latest-cell" data-label="Latest">${latestCell(row)}</td>
<td data-label="Direction of travel">${row.latest?.value._tag === "Available" ? `<span class="${tone}">${escape(Format.direction(d))}</span>${change}` : "–"}</td>
<td data-label="Target / RAG">${row.target === undefined ? "–" : `${escape(Format.target(row))}${row.rag === "none" ? "" : `<br><span class="rag ${row.rag}">${escape(Format.rag(row.rag))}</span>`}`}</td>
${groups
  .filter((g) => g.id !== "england")
  .map((g) => rankCell(row, g.id, `${g.name} rank`))
  .join("\n")}
${region === undefined ? "" : `${comparatorCell(row, region, Format.comparatorIn(row, "region"))}\n`}${comparatorCell(
  row,
  "England",
  england,
  `${englandRank?.rank !== undefined ? `<small>rank ${englandRank.rank} of ${englandRank.of}, ${escape(Format.quartile(englandRank))}</small>` : ""}${rankReason && row.measure.framework !== "local" ? `<small>${escape(rankReason)}</small>` : ""}`,
)}
</tr>`
}

const highlightTable = (report: Report): string => {
  const groups = report.comparators
  const region = Format.regionName(report.obsessions.flatMap((o) => o.rows))
  const cols = 8 + groups.filter((g) => g.id !== "england").length + (region === undefined ? 0 : 1)
  const head = `<thead><tr><th scope="col">Measure</th><th scope="col">Frequency</th><th scope="col">Polarity</th><th scope="col">Trend</th><th scope="col">Latest</th><th scope="col">Direction of travel</th><th scope="col">Target / RAG</th>${groups
    .filter((g) => g.id !== "england")
    .map((g) => `<th scope="col" class="num">${escape(g.name)} rank</th>`)
    .join(
      "",
    )}${region === undefined ? "" : `<th scope="col" class="num">${escape(region)}</th>`}<th scope="col" class="num">England</th></tr></thead>`
  const bodies = report.obsessions
    .map(
      (o) =>
        `<tbody id="${escape(`obsession-${o.id}`)}"><tr><th class="obsession" colspan="${cols}" scope="colgroup">${escape(`${o.id}: ${o.title}`)}</th></tr>${o.rows
          .map((r) => measureRow(r, groups, region))
          .join(
            "\n",
          )}${o.commentary ? `<tr class="comment-row"><td colspan="${cols}"><div class="commentary">${toHtml(o.commentary)}</div></td></tr>` : ""}</tbody>`,
    )
    .join("\n")
  return `<table class="highlight">${head}${bodies}</table>`
}

const sectionHtml = (s: Section): string => {
  const commentary = s.commentary ? `<div class="commentary">${toHtml(s.commentary)}</div>` : ""
  const gaps =
    s.gaps.length === 0
      ? ""
      : `<div class="gaps"><strong>Not shown:</strong><ul>${s.gaps.map((g) => `<li>${escape(g)}</li>`).join("")}</ul></div>`
  const charts =
    s.charts.length === 0
      ? ""
      : `<div class="charts">${s.charts
          .map((c) => `<figure><figcaption>${escape(c.title)}</figcaption>${Svg.chart(c)}</figure>`)
          .join("")}</div>`
  return `<section class="report-section" id="section-${escape(s.id)}"><h2>${escape(s.title)}</h2>${commentary}${gaps}${charts}${s.tables.map(table).join("")}</section>`
}

/** The report as a standalone HTML document. */
export const render = (report: Report): string => {
  const title = `${report.title}: ${report.councilName}, ${report.periodLabel}`
  const nav = [
    `<a href="#highlights">Highlights</a>`,
    ...report.sections.map((s) => `<a href="#section-${escape(s.id)}">${escape(s.title)}</a>`),
    `<a href="#notes">Notes</a>`,
  ].join("")
  const summary = report.summary ? `<div class="commentary">${toHtml(report.summary)}</div>` : ""
  const key = `<p class="key"><span>▲ improving</span><span>▼ worsening</span><span>► no change</span><span>↑ ↓ up or down, no judgement</span><span>Ranks: 1 = best, for measures with published comparators</span><span>[c] suppressed</span><span>[x] not available (reason given)</span><span>[z] not applicable</span></p>`
  const definitions = report.obsessions
    .flatMap((o) => o.rows)
    .map(
      (r) =>
        `<dt>${escape(`${r.measure.code}: ${r.title}`)}</dt><dd>${escape(r.measure.numerator)}${r.measure.denominator ? ` ÷ ${escape(r.measure.denominator)}` : ""}. <em>${escape(r.source)}</em></dd>`,
    )
    .join("")
  const facts = report.notes.map((n) => `<dt>${escape(n.label)}</dt><dd>${escape(n.value)}</dd>`).join("")
  const comparators = report.comparators
    .map((c) => `<dt>${escape(c.name)}</dt><dd>${escape(c.status)}</dd>`)
    .join("")
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${css}</style>
</head>
<body>
<header class="top"><h1>${escape(report.title)}</h1><p>${escape(report.councilName)} · ${escape(report.periodLabel)}</p></header>
<nav aria-label="Sections">${nav}</nav>
<main>
${summary}
<section id="highlights"><h2>Highlights</h2>${key}${highlightTable(report)}</section>
${report.sections.map(sectionHtml).join("\n")}
<section class="report-section" id="notes"><h2>Notes</h2>
<dl class="facts">${facts}</dl>
<h3>Comparator groups</h3><dl class="facts">${comparators}</dl>
<details><summary>What each measure counts</summary><dl class="facts">${definitions}</dl></details>
</section>
</main>
</body>
</html>
`
}
