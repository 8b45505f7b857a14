/** The highlight report as a return plugin passes the return-plugin conformance suite. */
import { Period } from "@asckit/core"
import { afterAll } from "vitest"
import { HighlightReport } from "../../src/index.js"
import { suite } from "../contract/ReturnPluginSuite.js"
import { makeWarehouse, testConfig } from "./fixture.js"

const wh = makeWarehouse()
afterAll(wh.cleanup)

suite(HighlightReport.plugin, {
  warehouse: () => wh.path,
  config: testConfig(),
  period: Period.quarter(2025, 2),
  laCode: "305",
})
