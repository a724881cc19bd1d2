/**
 * How far one server answer may expand once parsed. A 16 MB body is harmless as bytes but not as a million small
 * objects (hundreds of MB of heap, seconds of CPU) or as ten thousand nested arrays (a stack overflow wherever the
 * value is walked). The response gate refuses anything beyond these bounds before it is parsed.
 */
export const LIMITS = {
  /** Nesting of arrays and objects in one answer (real payloads stay under 10). */
  maxDepth: 64,
  /** Elements of any one array: items of one page (twice the 10,000 tasks of the largest real cluster we know). */
  maxArrayItems: 20_000,
  /** Arrays and objects in one answer (six per task at 20,000 tasks). */
  maxContainers: 120_000,
  /** Values of every kind in one answer. */
  maxValues: 500_000,
  /** Tasks one connection may hold after a refresh or while a list is paged. */
  maxTasksPerConnection: 20_000,
} as const;
