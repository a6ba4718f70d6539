/// <reference path="./.sst/platform/config.d.ts" />

/**
 * The SST app. Infrastructure lives in stacks/; each module is imported inside run(), as SST
 * documents for splitting a config, because the `sst` and `aws` globals exist only there.
 */
export default $config({
  app(input) {
    return {
      name: 'abad',
      home: 'aws',
      removal: input?.stage === 'prod' ? 'retain' : 'remove',
      protect: input?.stage === 'prod',
      providers: { aws: {} },
    };
  },
  async run() {
    const { createTable } = await import('./stacks/table');
    const { createApi } = await import('./stacks/api');

    const table = createTable();
    const api = createApi({ table });

    return {
      table: table.name,
      api: api.url,
    };
  },
});
