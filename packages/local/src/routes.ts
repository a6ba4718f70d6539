import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';

/**
 * The shape of one entry of the route table (packages/functions/src/http/routes.ts). The
 * same table drives the SST stack in AWS and this runtime locally, so the two cannot
 * disagree about paths or auth. Declared here too so the runtime works before that file
 * exists and checks whatever it exports at run time.
 */
export const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;
export type RouteMethod = (typeof METHODS)[number];

export interface LocalRoute {
  method: RouteMethod;
  /** An API Gateway path template: `/projects/{id}`. */
  path: string;
  /** `projects/create` → packages/functions/src/http/projects/create.ts, export `handler`. */
  handler: string;
  auth: 'jwt' | 'public';
}

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

/** Checks an imported route table, so a typo there fails at start with the entry named. */
export function parseRoutes(value: unknown): LocalRoute[] {
  if (!Array.isArray(value)) throw new Error('the route table must be an array');
  const seen = new Set<string>();
  return value.map((entry: unknown, index) => {
    const where = `route #${index}`;
    if (typeof entry !== 'object' || entry === null) throw new Error(`${where} is not an object`);
    const { method, path, handler, auth } = entry as Record<string, unknown>;
    if (typeof method !== 'string' || !(METHODS as readonly string[]).includes(method)) throw new Error(`${where}: bad method ${String(method)}`);
    if (typeof path !== 'string' || !path.startsWith('/')) throw new Error(`${where}: path must start with /`);
    if (typeof handler !== 'string' || !/^[\w-]+(\/[\w-]+)*$/.test(handler)) throw new Error(`${where}: bad handler ${String(handler)}`);
    if (auth !== 'jwt' && auth !== 'public') throw new Error(`${where}: auth must be 'jwt' or 'public'`);
    const key = `${method} ${path}`;
    if (seen.has(key)) throw new Error(`${where}: ${key} is declared twice`);
    seen.add(key);
    return { method: method as RouteMethod, path, handler, auth };
  });
}

/**
 * Imports the functions package's route table. Until that file exists the runtime still
 * starts (serving the JWKS) with no routes; any other import failure is a real error.
 */
export async function loadRouteTable(): Promise<LocalRoute[]> {
  // A variable specifier: the module may not exist yet, and tsc must not require it.
  const specifier = '@abad/functions/http/routes';
  let module: Record<string, unknown>;
  try {
    module = (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    if (isMissingModule(error, specifier)) return [];
    throw error;
  }
  return parseRoutes(module.routes ?? module.default);
}

/** Handlers are imported on first use, after the runtime has set the environment they read. */
export async function importHandler(route: LocalRoute): Promise<HttpHandler> {
  const module = (await import(`@abad/functions/http/${route.handler}`)) as Record<string, unknown>;
  if (typeof module.handler !== 'function') {
    throw new Error(`packages/functions/src/http/${route.handler}.ts has no exported function \`handler\``);
  }
  return module.handler as HttpHandler;
}

function isMissingModule(error: unknown, specifier: string): boolean {
  if (!(error instanceof Error) || !('code' in error) || error.code !== 'ERR_MODULE_NOT_FOUND') return false;
  // Only the route table itself missing counts; a missing import *inside* it is a bug to show.
  const missing = /Cannot find (?:module|package) '([^']+)'/.exec(error.message)?.[1] ?? '';
  return missing === specifier || /\/http\/routes(\.ts)?$/.test(missing);
}
