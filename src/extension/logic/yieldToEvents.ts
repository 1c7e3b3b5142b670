/** Let other events run between the long steps of a load (read, parse, check, index). */
export const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
