import { parseArgs } from 'node:util';
import { ClaimError, ROLES, isRole, provincesClaim } from './claims.ts';
import { loadIssuer } from './issuer.ts';
import { abadDataDir, localIssuerUrl, portFromEnv } from './paths.ts';

/**
 * `npm run -s token -- --role editor --provinces IR-13,IR-19 [--subject name] [--hours 12]`
 * prints a token on stdout (nothing else, so `$(npm run -s token …)` captures it), signed
 * with the key `npm start` serves. Bad input exits 2 with one line on stderr.
 */
const USAGE = `usage: npm run -s token -- --role ${ROLES.join('|')} --provinces IR-13,IR-19|'*' [--subject name] [--hours 12]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      role: { type: 'string' },
      provinces: { type: 'string' },
      subject: { type: 'string' },
      hours: { type: 'string', default: '12' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)} — ${USAGE}`);
}

const { role, provinces, subject, hours } = values;
if (role === undefined || provinces === undefined) fail(USAGE);
if (!isRole(role)) fail(`unknown role "${role}": use one of ${ROLES.join(', ')}`);
let claim: string;
try {
  claim = provincesClaim(provinces.toLowerCase() === 'all' ? '*' : provinces);
} catch (error) {
  fail(error instanceof ClaimError ? error.message : String(error));
}
const lifetimeHours = Number(hours);
if (!Number.isFinite(lifetimeHours) || lifetimeHours <= 0 || lifetimeHours > 24 * 365) {
  fail(`--hours must be a positive number of hours, not "${hours}"`);
}
let port: number;
try {
  port = portFromEnv();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const issuer = await loadIssuer(abadDataDir(), localIssuerUrl(port));
const token = await issuer.mintToken({ role, provinces: claim, subject, expiresInSeconds: lifetimeHours * 3600 });
process.stdout.write(`${token}\n`);
