/**
 * @asckit/examples — the synthetic borough generator (`@asckit/examples/borough`) and usage examples.
 */
export * as Borough from "./borough/index.js"
