/**
 * The registry of source plugins. Plugins register through layers (`SourceRegistry.register(plugin)` as a layer),
 * and the composition root merges the plugin layers it ships with the user's own; the pipeline looks plugins up
 * by id.
 *
 * @category services
 */
import { Context, Effect, Layer, Ref } from "effect"
import { UnknownSourceError } from "./EtlError.js"
import type { SourcePlugin } from "./SourcePlugin.js"

/** The registry service. */
export interface Service {
  readonly register: (plugin: SourcePlugin) => Effect.Effect<void>
  readonly get: (id: string) => Effect.Effect<SourcePlugin, UnknownSourceError>
  readonly list: Effect.Effect<ReadonlyArray<SourcePlugin>>
}

/** The registry service tag. */
export class SourceRegistry extends Context.Tag("@asckit/etl/SourceRegistry")<SourceRegistry, Service>() {}

/** A fresh, empty registry. */
export const make: Effect.Effect<Service> = Effect.map(Ref.make(new Map<string, SourcePlugin>()), (ref) => ({
  register: (plugin) => Ref.update(ref, (m) => new Map(m).set(plugin.id, plugin)),
  get: (id) =>
    Effect.flatMap(Ref.get(ref), (m) => {
      const p = m.get(id)
      if (p) return Effect.succeed(p)
      const known = [...m.keys()].sort()
      return Effect.fail(
        new UnknownSourceError({
          id,
          known,
          message: `No source plugin "${id}". Registered plugins: ${known.join(", ") || "none"}.`,
        }),
      )
    }),
  list: Effect.map(Ref.get(ref), (m) => [...m.values()]),
}))

/** The registry layer: provide it once, below every plugin layer. */
export const layer: Layer.Layer<SourceRegistry> = Layer.effect(SourceRegistry, make)

/** A layer that registers `plugin` with the registry. */
export const register = (plugin: SourcePlugin): Layer.Layer<never, never, SourceRegistry> =>
  Layer.effectDiscard(Effect.flatMap(SourceRegistry, (r) => r.register(plugin)))

/** A registry layer with `plugins` already registered (for programs and tests). */
export const layerWith = (plugins: ReadonlyArray<SourcePlugin>): Layer.Layer<SourceRegistry> =>
  Layer.provideMerge(Layer.mergeAll(Layer.empty, ...plugins.map(register)), layer)
