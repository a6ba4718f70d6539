import { startSstHarness } from './sst-offline.ts';
process.env.T0 = String(Date.now());
const h = await startSstHarness();
const t = Date.now();
const a = await h.evaluate({ stage: 'prod' }); console.log('A', a.ms);
const b = await h.evaluate({ stage: 'dev', env: { ABAD_OIDC_ISSUER: 'https://id.example.org/', ABAD_OIDC_AUDIENCE: 'abad' } }); console.log('B', b.ms, b.errors);
const c = await h.evaluate({ stage: 'dev', patches: { 'stacks/table.ts': (s) => s.replace(/\n\s*stream: .*\n/, '\n') } }); console.log('C', c.ms);
const par = await Promise.all([
  h.evaluate({ stage: 'dev', patches: { 'packages/functions/src/http/routes.ts': (s) => s.replace("] as const satisfies", "  { method: 'POST', path: '/projects/{id}/archive', handler: 'projects/archive', auth: 'jwt' },\n] as const satisfies") } }),
  h.evaluate({ stage: 'dev', patches: { 'packages/functions/src/http/health.ts': (s) => s.replace('export const handler', 'export const main') } }),
]);
console.log('D,E parallel', par.map(x => x.ms));
console.log('total', Date.now() - t);
await h.close();
