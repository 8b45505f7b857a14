/**
 * The registry of return plugins; plugins register through layers, the composition root chooses which.
 *
 * @category services
 */
import { Context, Effect, Layer, Ref } from "effect"
import { UnknownReturnError } from "./ReturnError.js"
import type { ReturnPlugin } from "./ReturnPlugin.js"

/** The registry service. */
export interface Service {
  readonly register: (plugin: ReturnPlugin) => Effect.Effect<void>
  readonly get: (id: string) => Effect.Effect<ReturnPlugin, UnknownReturnError>
  readonly list: Effect.Effect<ReadonlyArray<ReturnPlugin>>
}

/** The registry tag. */
export class ReturnRegistry extends Context.Tag("@asckit/returns/ReturnRegistry")<
  ReturnRegistry,
  Service
>() {}

/** A fresh, empty registry. */
export const make: Effect.Effect<Service> = Effect.map(Ref.make(new Map<string, ReturnPlugin>()), (ref) => ({
  register: (plugin) => Ref.update(ref, (m) => new Map(m).set(plugin.id, plugin)),
  get: (id) =>
    Effect.flatMap(Ref.get(ref), (m) => {
      const p = m.get(id)
      if (p) return Effect.succeed(p)
      const known = [...m.keys()].sort()
      return Effect.fail(
        new UnknownReturnError({
          id,
          known,
          message: `No return "${id}". Returns: ${known.join(", ") || "none"}.`,
        }),
      )
    }),
  list: Effect.map(Ref.get(ref), (m) => [...m.values()].sort((a, b) => a.id.localeCompare(b.id))),
}))

/** The registry layer. */
export const layer: Layer.Layer<ReturnRegistry> = Layer.effect(ReturnRegistry, make)

/** A layer registering `plugin`. */
export const register = (plugin: ReturnPlugin): Layer.Layer<never, never, ReturnRegistry> =>
  Layer.effectDiscard(Effect.flatMap(ReturnRegistry, (r) => r.register(plugin)))

/** A registry with `plugins` registered. */
export const layerWith = (plugins: ReadonlyArray<ReturnPlugin>): Layer.Layer<ReturnRegistry> =>
  Layer.provideMerge(Layer.mergeAll(Layer.empty, ...plugins.map(register)), layer)
