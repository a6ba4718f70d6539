import { spawnSync } from 'node:child_process';
import { StartupError } from './startup-error.ts';

/**
 * Java is the one system requirement of the local runtime (DynamoDB Local is a jar). Its
 * absence is an expected situation on a fresh machine, so it gets its own error type whose
 * message is a single line that `npm start` can print as is.
 */
export class JavaMissingError extends StartupError {
  override name = 'JavaMissingError';
}

const INSTALL_HINT =
  'install Java 17 (Debian/Ubuntu: `sudo apt-get install -y openjdk-17-jre-headless`; ' +
  'macOS: `brew install openjdk@17` and put it on PATH), then run again.';

/** DynamoDB Local 3.x is built for Java 17; older runtimes fail later with obscure class errors. */
const MINIMUM_MAJOR = 17;

/** Throws JavaMissingError unless `java -version` runs and reports Java 17 or newer. */
export function requireJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8', timeout: 15_000 });
  if (result.error || result.status !== 0) {
    throw new JavaMissingError(`DynamoDB Local needs Java, and \`java\` was not found on PATH: ${INSTALL_HINT}`);
  }
  const major = javaMajorVersion(`${result.stderr}${result.stdout}`);
  if (major !== undefined && major < MINIMUM_MAJOR) {
    throw new JavaMissingError(`DynamoDB Local needs Java ${MINIMUM_MAJOR} or newer, found Java ${major}: ${INSTALL_HINT}`);
  }
}

/**
 * DynamoDB Local is started through Java's source-file launcher (see dynamodb-local.ts), which
 * needs the jdk.compiler module: Debian's and Homebrew's packages have it, some slimmed-down
 * JREs do not. Recognizes that failure in the JVM's output, for a one-line message.
 */
export function javaStartFailure(output: string): JavaMissingError | undefined {
  if (!output.includes('jdk.compiler')) return undefined;
  return new JavaMissingError(`This Java lacks the jdk.compiler module that starting DynamoDB Local needs (a slimmed-down JRE?): ${INSTALL_HINT}`);
}

/** `openjdk version "17.0.15"` → 17; the pre-9 scheme `"1.8.0_292"` → 8. */
export function javaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}
