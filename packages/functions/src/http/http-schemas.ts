// Bodies only the HTTP layer answers with, named beside core's (see core/src/schemas/named.ts).
// Imported by the route table, so zod and core's schema modules only (see request-schemas.ts).
import * as z from 'zod';
import { named } from '../../../core/src/schemas/named.ts';

export const healthSchema = named('Health', z.strictObject({ status: z.literal('ok'), service: z.literal('abad') }));

/** The document itself: an OpenAPI 3.1 object (the OpenAPI specification has its full schema). */
export const openApiDocumentSchema = named(
  'OpenApiDocument',
  z.looseObject({
    openapi: z.literal('3.1.0'),
    info: z.looseObject({ title: z.string().max(100), version: z.string().max(20) }),
    paths: z.record(z.string().max(200), z.looseObject({})),
  }),
);

/**
 * What API Gateway itself answers before a handler runs (and the local runtime likewise): no
 * or a bad token (401), throttling (429), a body over its limit (413), a handler that failed
 * or timed out (500, 503).
 */
export const gatewayErrorSchema = named('GatewayError', z.strictObject({ message: z.string().max(100) }));
