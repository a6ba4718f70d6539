import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './client-config.ts';
import { readOrCreateFile } from './persistent-file.ts';

/**
 * The environment the handlers read, as Lambda (configured by the SST stack) gives it to
 * them in AWS. Must be set before any handler module is imported: modules may read it at
 * load time (e.g. to build their DynamoDB client).
 */
export interface HandlerEnv {
  tableName: string;
  dynamoDbEndpoint: string;
  cursorSecret: string;
}

export function setHandlerEnv({ tableName, dynamoDbEndpoint, cursorSecret }: HandlerEnv): void {
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: dynamoDbEndpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    CURSOR_SECRET: cursorSecret,
    POWERTOOLS_SERVICE_NAME: 'abad',
    // CloudWatch metrics (EMF lines) mean nothing on a laptop; POWERTOOLS_METRICS_DISABLED=false brings them back.
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  });
  // A developer's real session token must not ride along with the dummy keys, and with
  // AWS_PROFILE set the SDK's default chain skips the keys above in favour of the profile.
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
}

/**
 * The key that signs pagination cursors, kept in the data folder so cursors handed out
 * before a restart stay valid after it.
 */
export async function loadCursorSecret(dataDir: string): Promise<string> {
  const text = await readOrCreateFile(join(dataDir, 'cursor-secret'), () => `${randomBytes(32).toString('base64url')}\n`);
  return text.trim();
}
