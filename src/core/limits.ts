/**
 * How far one server answer may expand once parsed. A 16 MB body is harmless as bytes but not as a million small
 * objects (hundreds of MB of heap, seconds of CPU) or as ten thousand nested arrays (a stack overflow wherever the
 * value is walked). The response gate refuses anything beyond these bounds before it is parsed.
 */
export const LIMITS = {
  /** Nesting of arrays and objects in one answer (real payloads stay under 10). */
  maxDepth: 64,
  /** Elements of any one array: items of one page. */
  maxArrayItems: 50_000,
  /** Arrays and objects in one answer. */
  maxContainers: 250_000,
  /** Values of every kind in one answer. */
  maxValues: 1_000_000,
  /** Tasks one connection may hold after a refresh or while a list is paged (10,000 is the largest real case). */
  maxTasksPerConnection: 50_000,
} as const;
