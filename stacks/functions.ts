import { ARCHITECTURE, HANDLER_BUNDLE, NODE_RUNTIME } from './bundle';
import type { Table } from './table';

/** What every function is given: the table's name and the cursor-signing secret. */
export interface SharedEnvironment {
  table: Table;
  cursorSecret: $util.Output<string>;
}

/**
 * The secret that signs pagination cursors: 64 random characters, generated once per stage
 * and kept (encrypted) in the stage's state, so cursors stay valid across deploys. It reaches
 * the handlers as CURSOR_SECRET.
 */
export function createCursorSecret(): $util.Output<string> {
  return new random.RandomPassword('CursorSecret', { length: 64, special: false }).result;
}

/**
 * The arguments every function shares: Node.js 22, ESM, minified, the AWS SDK left to the
 * runtime (stacks/bundle.ts), arm64, logs kept a month, and the environment the handlers
 * read. Table access is never granted with `link` (that would be `dynamodb:*`): each caller
 * passes its own least-privilege `permissions` (stacks/access.ts).
 */
export function functionArgs(
  shared: SharedEnvironment,
  args: {
    handler: string;
    service: string;
    permissions: sst.aws.FunctionPermissionArgs[];
    environment?: Record<string, $util.Input<string>>;
    timeout?: sst.aws.FunctionArgs['timeout'];
    memory?: sst.aws.FunctionArgs['memory'];
    description?: string;
  },
): sst.aws.FunctionArgs {
  return {
    handler: args.handler,
    ...(args.description ? { description: args.description } : {}),
    runtime: NODE_RUNTIME,
    architecture: ARCHITECTURE,
    nodejs: HANDLER_BUNDLE,
    timeout: args.timeout ?? '15 seconds',
    memory: args.memory ?? '512 MB',
    logging: { retention: '1 month' },
    permissions: args.permissions,
    transform: {
      role: (role) => {
        // SST 4.17.1 tests `!dev` on an Output (always truthy), so every role it creates also
        // trusts the account root (its `sst dev` trust policy). Only Lambda assumes these roles.
        role.assumeRolePolicy = aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' });
        return undefined;
      },
    },
    environment: {
      TABLE_NAME: shared.table.name,
      CURSOR_SECRET: shared.cursorSecret,
      POWERTOOLS_SERVICE_NAME: args.service,
      ...args.environment,
    },
  };
}
