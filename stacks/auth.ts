import type { DeployConfig } from './config';

/** Who issues the tokens the API's JWT authorizer accepts. */
export interface TokenIssuer {
  issuer: $util.Input<string>;
  audiences: $util.Input<string>[];
  /** The user pool and its web client, when the stack created them (the default). */
  cognito?: { userPool: sst.aws.CognitoUserPool; client: ReturnType<sst.aws.CognitoUserPool['addClient']> };
  /**
   * The hosted sign-in the web pages send users to (OAuth 2 authorization code flow with PKCE:
   * the code comes back in the query, the pages exchange it at the token endpoint for the ID
   * token; no token is ever in a URL): its authorize and token endpoints and the client id.
   * Built into the site as VITE_AUTH_URL, VITE_AUTH_TOKEN_URL and VITE_AUTH_CLIENT_ID. Absent
   * with an external issuer unless ABAD_OIDC_SIGN_IN_URL is set.
   */
  signIn?: { url: $util.Input<string>; tokenUrl: $util.Input<string>; clientId: $util.Input<string> };
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
export function createTokenIssuer(config: DeployConfig, web: { siteUrl?: $util.Input<string> } = {}): TokenIssuer {
  if (config.oidc) {
    const { issuer, audiences, signInUrl, tokenUrl, clientId } = config.oidc;
    return {
      issuer,
      audiences,
      ...(signInUrl && tokenUrl ? { signIn: { url: signInUrl, tokenUrl, clientId: clientId ?? audiences[0]! } } : {}),
    };
  }

  const prod = $app.stage === 'prod';
  const userPool = new sst.aws.CognitoUserPool('Users', {
    usernames: ['email'],
    // The hosted sign-in of the web pages: https://<prefix>.auth.<region>.amazoncognito.com.
    domain: { prefix: hostedDomainPrefix() },
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

  // Where the hosted sign-in may send the code back: the site's own page (the pages send
  // `redirect_uri` = origin + path, i.e. `https://…/`, which Cognito compares exactly), and the
  // configured origins.
  const origins = config.webOrigins.filter((origin) => origin !== '*');
  const callbackUrls = [...(web.siteUrl ? [$interpolate`${web.siteUrl}/`] : []), ...origins];
  const client = userPool.addClient('Web', {
    ...(callbackUrls.length > 0 ? { callbackUrls } : {}),
    transform: {
      client: (args) => {
        args.readAttributes = ['email', 'email_verified', 'name', ...CUSTOM_ATTRIBUTES.map((a) => `custom:${a.name}`)];
        args.writeAttributes = ['email', 'name'];
        args.explicitAuthFlows = ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
        // The web pages' hosted sign-in: the authorization code flow with PKCE
        // (`response_type=code`, packages/web/src/auth/hosted-sign-in.ts). Not the implicit flow,
        // which puts the token in the URL (deprecated by RFC 9700).
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
    signIn: { url: $interpolate`${userPool.domainUrl!}/oauth2/authorize`, tokenUrl: $interpolate`${userPool.domainUrl!}/oauth2/token`, clientId: client.id },
  };
}

/**
 * The origin of the hosted sign-in's token endpoint, for the pages' Content-Security-Policy
 * (stacks/web.ts): known before the user pool exists, since the router that sends that policy is
 * created first. With Cognito, `https://<prefix>.auth.<region>.amazoncognito.com` (the user
 * pool's `domainUrl`, from the same prefix and region); with an external issuer, its token URL's
 * origin; none without a hosted sign-in.
 */
export function signInTokenOrigin(config: DeployConfig): $util.Output<string | undefined> {
  if (config.oidc) return $output(config.oidc.tokenUrl ? new URL(config.oidc.tokenUrl).origin : undefined);
  const region = aws.getRegionOutput().region;
  return $interpolate`https://${hostedDomainPrefix()}.auth.${region}.amazoncognito.com`;
}

let domainPrefix: { stage: string; prefix: $util.Output<string> } | undefined;

/**
 * The Cognito domain prefix: unique in the region across all accounts, so the app and stage
 * plus a random suffix kept in the stage's state. Lowercase letters, digits and hyphens, at most
 * 63 characters, and never "aws", "amazon" or "cognito" (Cognito refuses them). One per
 * evaluation (the router's security headers and the user pool both need it).
 */
function hostedDomainPrefix(): $util.Output<string> {
  if (domainPrefix?.stage === $app.stage) return domainPrefix.prefix;
  const suffix = new random.RandomString('UsersDomainSuffix', { length: 8, special: false, upper: false }).result;
  const base = `${$app.name}-${$app.stage}`
    .toLowerCase()
    .replace(/aws|amazon|cognito/g, 'x')
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, 50)
    .replace(/-+$/, '');
  const prefix = $interpolate`${base}-${suffix}`;
  domainPrefix = { stage: $app.stage, prefix };
  return prefix;
}
