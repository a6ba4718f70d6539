import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient, type Store } from '@abad/core';
import { startDynamoDbLocal } from '../dynamodb-local.ts';
import { ensureTable } from '../table.ts';
import { localDynamoDbClientConfig } from '../client-config.ts';
import { demoDataSet } from './dataset.ts';
import { writeDataSet } from './write.ts';
const dir = mkdtempSync(join(tmpdir(), 'bench-'));
const db = await startDynamoDbLocal({ dataDir: join(dir, 'dynamodb') });
const jpid = Number(JSON.parse(readFileSync(join(dir, 'dynamodb', 'dynamodb-local.pid'), 'utf8')).pid);
const cpu = (pid: number | 'self') => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
try {
  const T = 'bench-table';
  const c = new DynamoDBClient(localDynamoDbClientConfig(db.endpoint));
  await ensureTable(c, T);
  const store: Store = { doc: createDocumentClient(localDynamoDbClientConfig(db.endpoint)), tableName: T, cursorSecret: 'x', now: () => new Date() };
  const conc = Number(process.env.CONC ?? 8);
  const j0 = cpu(jpid),
    n0 = cpu('self'),
    t0 = Date.now();
  const counts = await writeDataSet(store, demoDataSet('2026-12-01'), { concurrency: conc });
  console.log(
    `conc ${conc}: wall ${((Date.now() - t0) / 1000).toFixed(1)} s, java cpu ${(cpu(jpid) - j0).toFixed(1)} s, node cpu ${(cpu('self') - n0).toFixed(1)} s`,
    JSON.stringify(counts),
  );
} finally {
  await db.stop();
}
