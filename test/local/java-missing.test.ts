import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JavaMissingError, startDynamoDbLocal } from '@abad/local/dynamodb-local';
import { javaMajorVersion } from '@abad/local/java';
import { REPO_ROOT } from '@abad/local/paths';

/** A PATH with nothing on it: `java` cannot be found, as on a fresh machine. */
const emptyBin = mkdtempSync(join(tmpdir(), 'abad-nojava-'));
afterAll(() => rmSync(emptyBin, { recursive: true, force: true }));

function expectInstallLine(message: string): void {
  expect(message.trim().split('\n')).toHaveLength(1);
  expect(message).toContain('sudo apt-get install -y openjdk-17-jre-headless');
  expect(message).toContain('brew install openjdk@17');
}

describe('without Java', () => {
  it('startDynamoDbLocal fails with one line saying how to install Java 17', async () => {
    const path = process.env.PATH;
    process.env.PATH = emptyBin;
    try {
      const error: unknown = await startDynamoDbLocal({ dataDir: join(emptyBin, 'data') }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JavaMissingError);
      expectInstallLine((error as Error).message);
    } finally {
      process.env.PATH = path;
    }
  });

  it('npm start prints that one line and exits 1', () => {
    const out = spawnSync(process.execPath, ['--import', 'tsx', 'packages/local/src/start.ts'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { PATH: emptyBin, ABAD_DATA_DIR: join(emptyBin, 'abad'), PORT: '0' },
      timeout: 60_000,
    });
    expect(out.status).toBe(1);
    expect(out.stdout).toBe('');
    expectInstallLine(out.stderr);
  });

  it('a Java without the jdk.compiler module (a slimmed-down JRE) gets one line saying what to install', async () => {
    // `--limit-modules java.se` leaves exactly the Java SE modules, as such a JRE has.
    const options = process.env.JDK_JAVA_OPTIONS;
    process.env.JDK_JAVA_OPTIONS = '--limit-modules java.se';
    try {
      const error: unknown = await startDynamoDbLocal({ dataDir: join(emptyBin, 'slim') }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JavaMissingError);
      expect((error as Error).message).toContain('jdk.compiler');
      expectInstallLine((error as Error).message);
    } finally {
      if (options === undefined) delete process.env.JDK_JAVA_OPTIONS;
      else process.env.JDK_JAVA_OPTIONS = options;
    }
  });

  it('reads both Java version schemes', () => {
    expect(javaMajorVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(javaMajorVersion('java version "1.8.0_292"')).toBe(8);
    expect(javaMajorVersion('openjdk version "21" 2023-09-19')).toBe(21);
  });
});
