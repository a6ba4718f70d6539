import type { DeployConfig } from './config';

/** Who issues the tokens the API's JWT authorizer accepts. */
export interface TokenIssuer {
  issuer: $util.Input<string>;
  audiences: $util.Input<string>[];
  /** The user pool and its web client, when the stack created them (the default). */
  cognito?: { userPool: sst.aws.CognitoUserPool; client: ReturnType<sst.aws.CognitoUserPool['addClient']> };
}

/** The claims the handlers read (role and provinces), as Cognito custom attributes. */
const CUSTOM_ATTRIBUTES = [
  // admin | editor | operator | viewer
  { name: 'role', maxLength: '16' },
  // ISO 3166-2:IR codes, comma-separated, or `*`
  { name: 'provinces', maxLength: '512' },
];

/**
 * The identity provider. By default a Cognito user pool created here: accounts are created by
 * administrators only (no self sign-up), each carries `custom:role` and `custom:provinces`,
 * and the web client may read those attributes but never write them, so a user cannot grant
 * themselves a role. Clients send the pool's ID token (it carries the custom attributes; its
 * `aud` is the client id). With `ABAD_OIDC_ISSUER` and `ABAD_OIDC_AUDIENCE` set, no pool is
 * created and the authorizer trusts that issuer instead; its tokens must carry `sub`, `role`
 * and `provinces` claims.
 */
export function createTokenIssuer(config: DeployConfig): TokenIssuer {
  if (config.oidc) return { issuer: config.oidc.issuer, audiences: config.oidc.audiences };

  const prod = $app.stage === 'prod';
  const userPool = new sst.aws.CognitoUserPool('Users', {
    usernames: ['email'],
    transform: {
      userPool: (args, opts) => {
        args.adminCreateUserConfig = { allowAdminCreateUserOnly: true };
        args.schemas = CUSTOM_ATTRIBUTES.map(({ name, maxLength }) => ({
          name,
          attributeDataType: 'String',
          mutable: true,
          developerOnlyAttribute: false,
          required: false,
          stringAttributeConstraints: { minLength: '1', maxLength },
        }));
        // The accounts are data too: stage prod protects and keeps its pool like its table.
        args.deletionProtection = prod ? 'ACTIVE' : 'INACTIVE';
        if (prod) opts.retainOnDelete = true;
        return undefined;
      },
    },
  });

  const origins = config.webOrigins.filter((origin) => origin !== '*');
  const client = userPool.addClient('Web', {
    ...(origins.length > 0 ? { callbackUrls: origins } : {}),
    transform: {
      client: (args) => {
        args.readAttributes = ['email', 'email_verified', 'name', ...CUSTOM_ATTRIBUTES.map((a) => `custom:${a.name}`)];
        args.writeAttributes = ['email', 'name'];
        args.explicitAuthFlows = ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
        args.allowedOauthFlows = ['code'];
        args.allowedOauthScopes = ['openid', 'email', 'profile'];
        args.preventUserExistenceErrors = 'ENABLED';
        return undefined;
      },
    },
  });

  const endpoint = userPool.nodes.userPool.apply((pool) => pool.endpoint);
  return {
    issuer: $interpolate`https://${endpoint}`,
    audiences: [client.id],
    cognito: { userPool, client },
  };
}
