/**
 * JSON Schema as Gemini's responseSchema and function parameters accept it: an OpenAPI 3.0
 * subset. It takes one `type` (nullable is a flag of its own), no null in `enum`, and rejects
 * additionalProperties and $schema with a 400.
 * https://ai.google.dev/api/caching#Schema
 */
import { isRecord, type JsonObject } from './wire';

/** JSON-Schema keywords Gemini's OpenAPI-subset schema rejects with a 400. */
const REJECTED_SCHEMA_KEYS = new Set(['additionalProperties', '$schema']);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);

/**
 * The schema in Gemini's dialect, at any depth (properties, items, anyOf…): `type: [T, 'null']`
 * becomes `type: T, nullable: true`, a type list without null its first type, null leaves `enum`
 * (making the schema nullable), and the rejected keywords go. Property names themselves are kept.
 */
export function geminiSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(geminiSchema);
  if (!isRecord(schema)) return schema;
  const converted: JsonObject = {};
  let nullable = false;
  for (const [key, value] of Object.entries(schema)) {
    if (REJECTED_SCHEMA_KEYS.has(key)) continue;
    if (key === 'type' && Array.isArray(value)) {
      const types = value.filter((type) => type !== 'null');
      nullable ||= types.length < value.length;
      if (types.length > 0) converted.type = types[0];
    } else if (key === 'enum' && Array.isArray(value)) {
      const members = value.filter((member) => member !== null);
      nullable ||= members.length < value.length;
      if (members.length > 0) converted.enum = members;
    } else if (key === 'properties' && isRecord(value)) {
      converted.properties = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, geminiSchema(property)]));
    } else if (key === 'items' || key === 'not' || (SCHEMA_LISTS.has(key) && Array.isArray(value))) {
      converted[key] = geminiSchema(value);
    } else {
      converted[key] = value; // description, required, format, minimum…: as they are
    }
  }
  if (nullable) converted.nullable = true;
  return converted;
}
