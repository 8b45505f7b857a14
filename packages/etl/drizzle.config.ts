import { defineConfig } from "drizzle-kit"

export default defineConfig({
  dialect: "sqlite",
  schema: "./src/WarehouseSchema.ts",
  out: "./drizzle",
})
