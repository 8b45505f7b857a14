/** The README examples: each README shows exactly an example file's code, and the example prints what it says. */
import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

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
