/// <reference path="./.sst/platform/config.d.ts" />

/**
 * The SST app (SST 4.17.1, pinned in package.json). Infrastructure lives in stacks/; each
 * module is imported inside run(), as SST documents for splitting a config, because the `sst`,
 * `aws` and `random` globals exist only there. Deploy-time settings: stacks/config.ts and
 * stacks/throttling.ts.
 *
 * Stage `prod` keeps its data: removal `retain` (the table and the user pool survive
 * `sst remove`), `protect` (`sst remove --stage prod` refuses to run), and deletion
 * protection on the table and the user pool. Every other stage is removed whole.
 */
export default $config({
  app(input) {
    const prod = input?.stage === 'prod';
    return {
      name: 'abad',
      home: 'aws',
      removal: prod ? 'retain' : 'remove',
      protect: prod,
      providers: {
        aws: {},
        // The version SST 4.17.1's own platform ships (it already uses it); for the cursor secret.
        random: '4.16.6',
      },
    };
  },
  async run() {
    const { readDeployConfig } = await import('./stacks/config');
    const { readThrottling } = await import('./stacks/throttling');
    const { createTable } = await import('./stacks/table');
    const { createCursorSecret } = await import('./stacks/functions');
    const { createTokenIssuer } = await import('./stacks/auth');
    const { createApi } = await import('./stacks/api');
    const { createAggregator } = await import('./stacks/aggregator');
    const { createRefresh } = await import('./stacks/refresh');
    const { createRouter, createWeb } = await import('./stacks/web');
    const { createAlarms } = await import('./stacks/alarms');

    const config = readDeployConfig();
    const table = createTable();
    const shared = { table, cursorSecret: createCursorSecret() };
    // The pages and the API share one origin (stacks/web.ts); its URL is the sign-in's callback.
    const router = createRouter();
    const issuer = createTokenIssuer(config, { siteUrl: router.url });
    const api = createApi(shared, { issuer, corsOrigins: config.webOrigins, throttling: readThrottling() });
    const aggregator = createAggregator(shared);
    const refresh = createRefresh(shared);
    const web = createWeb({ router, apiUrl: api.api.url, issuer });
    createAlarms({ config, api, aggregator, refresh });

    return {
      api: api.api.url,
      table: table.name,
      issuer: issuer.issuer,
      ...(issuer.cognito ? { userPool: issuer.cognito.userPool.id, userPoolClient: issuer.cognito.client.id } : {}),
      web: web.url,
      ...(issuer.signIn ? { signIn: issuer.signIn.url } : {}),
    };
  },
});
