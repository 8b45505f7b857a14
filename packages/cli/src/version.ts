/** The asckit version, as recorded in runs and return notes. */
export const version = "0.1.0"
