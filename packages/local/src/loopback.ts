/**
 * Whether a request comes from this machine and names it: what the development sign-ins of the
 * local runtime (dev-sign-in.ts, dev-oauth.ts) demand, so that neither a
 * machine on the network nor a web page elsewhere (DNS rebinding: evil.example re-pointed at
 * 127.0.0.1 still sends `Host: evil.example`) can get a token.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.replace(/^::ffff:/, '');
  return v4.startsWith('127.') || address === '::1';
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/** `localhost`, 127.0.0.0/8 or `[::1]`, with or without a port: the names of this machine. */
const LOOPBACK_HOST = new RegExp(`^(?:localhost|127(?:\\.${OCTET}){3}|\\[::1\\])(?::\\d{1,5})?$`, 'i');

export function isLoopbackHost(host: string | undefined): host is string {
  return host !== undefined && LOOPBACK_HOST.test(host);
}

/** An origin (or URL) that is http(s) on a loopback host, and exactly the host the request's Host names. */
export function isOriginOfHost(url: URL, host: string): boolean {
  return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.host) && url.host === host.toLowerCase();
}

/** A declared `Origin` that is this loopback origin; `null` (what pages with `Referrer-Policy: no-referrer` may send) passes too. */
export function isSameLoopbackOrigin(origin: string | undefined, host: string): boolean {
  if (origin === undefined || origin === 'null') return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return url.origin === origin && isOriginOfHost(url, host);
}
