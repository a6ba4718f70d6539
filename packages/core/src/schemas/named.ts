import * as z from 'zod';

/**
 * The named output schemas: what the system hands out (entities, pages, figures), each under
 * a stable name. The API's OpenAPI document publishes each as a component and refers to it
 * by that name wherever it appears, so a client gets one `Project` type, not one per route.
 */
export const namedSchemas = z.registry<{ id: string }>();
const names = new Set<string>();

/** Registers `schema` under `id`; a name is given once (two schemas under one name would be one type to a client). */
export function named<S extends z.ZodType>(id: string, schema: S): S {
  if (names.has(id)) throw new Error(`Two output schemas are named ${id}`);
  names.add(id);
  namedSchemas.add(schema, { id });
  return schema;
}
