import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { TABLE } from '@abad/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { HttpProblem } from './problem.ts';

/**
 * Idempotency records live in the single table as `IDEMPOTENCY#<key hash>` / `IDEMPOTENCY`
 * (Powertools' layer would otherwise put them all under one partition key or need a table
 * without a sort key), with TTL on the table's TTL attribute.
 */
class SingleTablePersistenceLayer extends DynamoDBPersistenceLayer {
  protected override getKey(idempotencyKey: string) {
    return marshall({ [TABLE.partitionKey]: idempotencyKey, [TABLE.sortKey]: 'IDEMPOTENCY' });
  }
}

/** What identifies a request: the route, the caller and their key; the body must match too. */
export interface IdempotentRequest {
  route: string;
  subject: string;
  key: string;
  body: unknown;
}

type Compute = () => Promise<APIGatewayProxyStructuredResultV2>;

let run: ((request: IdempotentRequest, compute: Compute) => Promise<APIGatewayProxyStructuredResultV2>) | undefined;
let config: IdempotencyConfig | undefined;

function idempotentRunner() {
  if (!run) {
    const endpoint = process.env.DYNAMODB_ENDPOINT;
    config = new IdempotencyConfig({
      eventKeyJmesPath: '[route, subject, key]',
      payloadValidationJmesPath: 'body',
      expiresAfterSeconds: 24 * 60 * 60,
    });
    const persistenceStore = new SingleTablePersistenceLayer({
      tableName: process.env.TABLE_NAME!,
      keyAttr: TABLE.partitionKey,
      expiryAttr: TABLE.ttlAttribute,
      awsSdkV3Client: new DynamoDBClient(endpoint ? { endpoint } : {}),
    });
    run = makeIdempotent(async (_request: IdempotentRequest, compute: Compute) => compute(), {
      persistenceStore,
      config,
      keyPrefix: 'IDEMPOTENCY',
    });
  }
  return { run, config: config! };
}

const WAIT_FOR_FIRST_MS = 10_000;

/**
 * Runs `compute` once per (route, caller, key). A retry with the same body gets the first
 * response; a different body is 422. A request racing the first waits for its response.
 * Only successful responses are kept: a rejected request writes nothing, and may be retried.
 */
export async function once(request: IdempotentRequest, context: Context, compute: Compute): Promise<APIGatewayProxyStructuredResultV2> {
  const { run, config } = idempotentRunner();
  config.registerLambdaContext(context);
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await run(request, compute);
    } catch (error) {
      if (error instanceof IdempotencyValidationError) {
        throw new HttpProblem('idempotency-key-reused', 'This Idempotency-Key was used with another request body', [
          { field: 'Idempotency-Key', message: 'Already used with a different body' },
        ]);
      }
      if (error instanceof IdempotencyAlreadyInProgressError) {
        if (Date.now() - started > WAIT_FOR_FIRST_MS) {
          throw new HttpProblem('idempotency-in-progress', 'The first request with this Idempotency-Key has not finished; retry later');
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(25 * 2 ** attempt, 250)));
        continue;
      }
      throw error;
    }
  }
}
