import { XMLParser } from 'fast-xml-parser';
import { ProviderError } from '../../core/errors';
import * as say from '../../core/say';
import type { JsonObject } from '../../core/shape';

/**
 * The query API's XML, read with `fast-xml-parser` into plain objects of strings: every value stays text (numbers and
 * dates are read field by field later, so one odd value degrades that field only), attributes and namespaces are
 * dropped (AWS puts only `xmlns` on the root). A DOCTYPE is refused outright: AWS never sends one, and entity
 * declarations are how an XML answer is made to expand or to reach for files.
 */
const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: false,
});

export function parseXml(text: string, what: say.Words): JsonObject {
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new ProviderError(
      'bad-response',
      say.t('The answer to {0} declares a DOCTYPE, which AWS never sends.', what),
    );
  let value: unknown;
  try {
    value = parser.parse(text, true);
  } catch (e) {
    throw new ProviderError('bad-response', say.t('The answer to {0} is not well-formed XML.', what), { cause: e });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ProviderError('bad-response', say.t('The answer to {0} is not an XML document.', what));
  return value as JsonObject;
}

/**
 * A wrapped XML list (`<Snapshots><Snapshot>…</Snapshot></Snapshots>`): one member reads as an object, several as
 * an array, none as an empty string. Every shape becomes an array; anything else is an empty list.
 */
export function xmlList(container: unknown, member: string): unknown[] {
  if (container === null || typeof container !== 'object' || Array.isArray(container)) return [];
  const items = (container as JsonObject)[member];
  if (items === undefined || items === null || items === '') return [];
  return Array.isArray(items) ? items : [items];
}
