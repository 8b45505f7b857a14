import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { SurveySource } from "../src/index.js"
import { suite } from "./contract/SourcePluginSuite.js"
import { load, query, tempDir } from "./helpers.js"

const fixtures = fileURLToPath(new URL("./fixtures/survey/", import.meta.url))
const config = { survey: "ASCS", year: "2024-25", laCode: "999", files: ["ascs-2024-25.csv"] }

suite(SurveySource.plugin, {
  config,
  baseDir: fixtures,
  expect: { rowsRead: 5, rowsQuarantined: 1 },
  badConfig: { survey: "GPPS", year: "2024-25", laCode: "999", files: ["x.csv"] },
})

describe("survey source", () => {
  const dir = tempDir("asckit-survey-")

  it("loads one response per respondent, answers as coded, and keeps out-of-range answers as findings", async () => {
    const db = join(dir, "s.sqlite")
    const s = await load(db, [SurveySource.plugin], {
      sources: [{ plugin: "survey", config }],
      baseDir: fixtures,
    })
    expect(s.files[0]).toMatchObject({ rowsRead: 5, rowsLoaded: 4, rowsQuarantined: 1, findings: 1 })
    const rows = query<{ respondent_id: string; weight: number; age: number; answers: string }>(
      db,
      "select respondent_id, weight, age, answers from survey_response order by respondent_id",
    )
    expect(rows.map((r) => r.respondent_id)).toEqual(["R1", "R2", "R3", "R4"])
    expect(JSON.parse(rows[3]!.answers)).not.toHaveProperty("q3a") // 9 is not an answer to q3a (1–4)
    expect(JSON.parse(rows[0]!.answers)).toMatchObject({
      q1: 2,
      q3a: 1,
      psr: 1,
      setting: 1,
      questionnaire: 1,
    })
    expect(query(db, "select column, code, value from etl_finding")).toEqual([
      { column: "q3a", code: "invalid-answer", value: "9" },
    ])
    expect(query(db, "select row_number, column, error_code from etl_quarantine")).toEqual([
      { row_number: 6, column: "respondent", error_code: "blank-mandatory" },
    ])
  })

  it("maps headers tolerantly", () => {
    expect(
      ["SerialNo", "Q3a", "q 13", "Question7a", "weight", "Primary Support Reason"].map(
        SurveySource.canonical,
      ),
    ).toEqual(["respondent", "q3a", "q13", "q7a", "weight", "psr"])
  })
})
