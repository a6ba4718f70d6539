import { writeFileSync } from 'node:fs';
import { startSstHarness } from './sst-offline.ts';
const h = await startSstHarness();
const e = await h.evaluate({ stage: process.argv[2] ?? 'prod', env: { ABAD_WEB_ORIGINS: 'https://abad.example.org', ABAD_ALARM_EMAIL: 'ops@example.org' } });
writeFileSync('/tmp/scratch/eval.json', JSON.stringify(e, null, 1));
console.log(e.ms, e.errors);
await h.close();
