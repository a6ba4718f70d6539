/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/// <reference types="vite/client" />

/**
 * The browser's types for the web package. (The repository's one `tsc` program sees them too;
 * they sit alongside @types/node without conflict.)
 */
interface ImportMetaEnv {
  /** The API's origin when it is not the page's own (AWS: the API Gateway URL). Empty: same origin. */
  readonly VITE_API_URL?: string;
  /** AWS: the identity provider's hosted sign-in (OAuth 2 authorize endpoint). Empty: local development sign-in. */
  readonly VITE_AUTH_URL?: string;
  /** AWS: the app client id the hosted sign-in issues tokens for. */
  readonly VITE_AUTH_CLIENT_ID?: string;
  /** AWS: the token endpoint the hosted sign-in's code is exchanged at; by default derived from VITE_AUTH_URL (config.ts). */
  readonly VITE_AUTH_TOKEN_URL?: string;
}
