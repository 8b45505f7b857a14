/**
 * The README examples: each README shows exactly an example file's code, and the example prints what it says. The
 * custom source plugin example also passes the source-plugin conformance suite, as a council's own plugin would.
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { suite } from "@asckit/etl/testing"
import { afterAll, describe, expect, it } from "vitest"
import { reablementTracker } from "../src/custom-source-plugin.js"

const root = fileURLToPath(new URL("../..", import.meta.url))

const examples = [
  { readme: "packages/core/README.md", name: "core-quickstart" },
  { readme: "packages/etl/README.md", name: "etl-quickstart" },
]

for (const { readme, name } of examples) {
  describe(`${readme} example`, () => {
    const text = readFileSync(`${root}${readme}`, "utf8")
    const source = readFileSync(`${root}examples/src/${name}.ts`, "utf8")

    it(`shows exactly the code of examples/src/${name}.ts`, () => {
      const block = new RegExp(`<!-- example:${name} -->\\n\`\`\`ts\\n([\\s\\S]*?)\`\`\``).exec(text)?.[1]
      expect(block).toBe(source)
    })

    it("runs and prints what the README says it prints", () => {
      const out = execFileSync(process.execPath, [`${root}examples/dist/${name}.js`], {
        encoding: "utf8",
        cwd: root,
      })
      const printed = /prints\n\n```\n([\s\S]*?)```/.exec(text)?.[1]
      expect(out).toBe(printed)
    })
  })
}

describe("examples/src/custom-source-plugin.ts", () => {
  it("loads a council's own tracker through its own plugin", () => {
    const out = execFileSync(process.execPath, [`${root}examples/dist/custom-source-plugin.js`], {
      encoding: "utf8",
      cwd: root,
    })
    expect(out).toBe("read 4, loaded 3, quarantined 1, findings 1\nrow 5, start: blank-mandatory\n")
  })
})

// The same tracker export as the example writes: four rows, one without a start date (quarantined).
const trackerDir = mkdtempSync(join(tmpdir(), "asckit-tracker-conformance-"))
afterAll(() => rmSync(trackerDir, { recursive: true, force: true }))
writeFileSync(
  join(trackerDir, "tracker.csv"),
  "Client ID,Reablement start,Reablement end,Outcome\n" +
    "C-101,2025-04-07,2025-05-02,NFS\n" +
    "C-102,14/04/2025,09/05/2025,LTC\n" +
    "C-103,2025-04-22,2025-05-20,XYZ\n" +
    "C-104,,2025-05-21,NFS\n",
)
suite(reablementTracker, {
  config: { file: "tracker.csv", laCode: "999" },
  baseDir: trackerDir,
  expect: { rowsRead: 4, rowsQuarantined: 1 },
  badConfig: { file: "tracker.csv" },
})
