import { startSstHarness } from './sst-offline.ts';
const h = await startSstHarness();
const t = Date.now();
const [a, c, d, e] = await Promise.all([
  h.evaluate({ stage: 'prod' }),
  h.evaluate({ stage: 'dev', patches: { 'stacks/table.ts': (s) => s.replace(/\n\s*stream: .*\n/, '\n') } }),
  h.evaluate({ stage: 'dev', patches: { 'packages/functions/src/http/routes.ts': (s) => s.replace("] as const satisfies", "  { method: 'POST', path: '/projects/{id}/archive', handler: 'projects/archive', auth: 'jwt' },\n] as const satisfies") } }),
  h.evaluate({ stage: 'dev', patches: { 'packages/functions/src/http/health.ts': (s) => s.replace('export const handler', 'export const main') } }),
]);
for (const x of [a, c, d, e]) console.log(x.ms, x.errors.map(m => m.slice(0, 300)), x.resources.length, x.builds.length, x.unansweredRpc);
console.log('total', Date.now() - t);
await h.close();
