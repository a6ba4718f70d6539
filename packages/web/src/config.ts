/**
 * Build-time settings (Vite `VITE_*` variables). Locally none is set: the API is the page's
 * own origin and sign-in is the local runtime's development sign-in.
 */
const env: Partial<ImportMetaEnv> = import.meta.env ?? {};

export const API_BASE = (env.VITE_API_URL ?? '').replace(/\/+$/, '');

/** The hosted sign-in of the identity provider (AWS); undefined locally. */
export const AUTH_URL = env.VITE_AUTH_URL || undefined;
export const AUTH_CLIENT_ID = env.VITE_AUTH_CLIENT_ID || undefined;

/** How often the dashboard asks for new figures while the page is visible. */
export const POLL_INTERVAL_MS = 4_000;
