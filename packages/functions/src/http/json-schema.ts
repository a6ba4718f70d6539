import { namedSchemas } from '@abad/core';
import * as z from 'zod';

/**
 * zod schemas as JSON Schema (draft 2020-12, as OpenAPI 3.1 uses), the way the API puts values
 * on the wire: a `bigint` (toman) is a decimal string, as response.ts `toJson` writes it.
 * Requests are described in their input form, responses in their output form.
 */
export type JsonSchema = Record<string, unknown>;
type Io = 'input' | 'output';

/** Toman beyond 2^53: DynamoDB numbers hold 38 digits. */
const DECIMAL_STRING: JsonSchema = { type: 'string', pattern: '^[0-9]{1,38}$', maxLength: 38 };

/** Formats whose values have a known greatest length (a client need not guess the bound). */
const FORMAT_MAX_LENGTH: Record<string, number> = { ulid: 26, date: 10, 'date-time': 64 };

const INT32 = 2 ** 31;

function params(io: Io): z.core.ToJSONSchemaParams {
  return {
    io,
    target: 'draft-2020-12',
    // Anything else without a JSON form (a transform whose output no schema states) is a bug: throw.
    unrepresentable: ({ zodSchema }) => {
      const def = zodSchema._zod.def;
      if (def.type === 'bigint') return { ...DECIMAL_STRING };
      if (def.type === 'default' && typeof def.defaultValue === 'bigint') return { default: String(def.defaultValue) };
      return undefined;
    },
    override: ({ jsonSchema }) => {
      const schema = jsonSchema as JsonSchema;
      if (schema.type === 'integer' && schema.format === undefined) {
        const fits32 = typeof schema.minimum === 'number' && typeof schema.maximum === 'number' && schema.minimum >= -INT32 && schema.maximum < INT32;
        schema.format = fits32 ? 'int32' : 'int64';
      }
      if (schema.type === 'string' && schema.maxLength === undefined && typeof schema.format === 'string' && schema.format in FORMAT_MAX_LENGTH) {
        schema.maxLength = FORMAT_MAX_LENGTH[schema.format];
      }
    },
  };
}

/** One schema, inline (request bodies, parameters). */
export function jsonSchemaOf(schema: z.ZodType, io: Io): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, params(io)) as JsonSchema;
  return rest;
}

/** Every named output schema (core/src/schemas/named.ts), for `components.schemas`; they refer to each other by `$ref`. */
export function namedJsonSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(namedSchemas, { ...params('output'), uri: (id) => componentRef(id).$ref });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema as JsonSchema;
      return [id, rest];
    }),
  );
}

export function componentRef(id: string): { $ref: string } {
  return { $ref: `#/components/schemas/${id}` };
}

/** The name a response schema is published under; every response body is a named schema. */
export function componentOf(schema: z.ZodType): { $ref: string } {
  const id = namedSchemas.get(schema)?.id;
  if (!id) throw new Error('A response schema is not named: register it with `named()` (core/src/schemas/named.ts)');
  return componentRef(id);
}
