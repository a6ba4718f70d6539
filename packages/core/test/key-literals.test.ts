import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { nodes, position, sourceFiles } from './support/source-files.ts';

/**
 * Keys in one place: item key prefixes, index names and index key attributes are written only
 * in packages/core/src/table (keys.ts, definition.ts); everything else calls `keys`,
 * `indexKeys`, `indexPartitions` or `TABLE`. Checked on the syntax tree: string and template
 * literals, and identifiers (`gsi1pk` as a property); comments may still show a key's shape.
 * `DRIVE#`, `PROVINCE#`, `PROGRAMME#` and `PARTNER#` are left out: they are also aggregate scope names (aggregation/scopes.ts).
 */
const KEY_PREFIX = /(?<![A-Za-z0-9_])(AGG|HIST|IDEMPOTENCY|PROJECT|PROGRESS|RECEIPT|DONATION|DISTRIBUTION|TYPE|INDICATOR|PLAN|PARTNERNAME)#/;
const COUNTY_LIST = /COUNTYAGG/;
const INDEX_NAME = /\bGSI\d+\b/;
const INDEX_ATTRIBUTE = /\bgsi\d+(pk|sk)\b/;
const PATTERNS = [KEY_PREFIX, COUNTY_LIST, INDEX_NAME, INDEX_ATTRIBUTE];

const HOME = 'packages/core/src/table/';

/** Files that may spell a key, and why. */
const EXEMPT: Record<string, string> = {
  'packages/core/test/keys.test.ts': 'the key formats’ own test: it states them literally, independently of keys.ts',
  'packages/core/test/key-literals.test.ts': 'this test',
  'test/bench/scale-model-math.test.ts': 'the scale model’s arithmetic on literal DynamoDB items and queries, as the SDK sends them, independently of keys.ts',
};

/** One literal a file may hold, and why. */
const ALLOWED: { file: string; text: string; why: string }[] = [
  { file: 'test/infra/stacks.test.ts', text: 'IDEMPOTENCY#4d2a0c1f', why: 'the retired format of separate idempotency records, which no role may write' },
  {
    file: 'test/aggregation/county-aggregates.test.ts',
    text: 'PROVINCE#IR-13#COUNTYAGG',
    why: 'the retired listing of county aggregates on GSI1, as aggregates stored before carry it and no write makes any more',
  },
];

/**
 * Being rewritten by another engineer at the time this test was written; each still spells
 * index names and attributes. Remove a file from here once it uses `indexPartitions`
 * (the test fails while a listed file is already clean).
 */
const PENDING: string[] = [];

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) return node.text;
  return undefined;
}

function keyLiterals(): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  for (const file of sourceFiles()) {
    if (file.path.startsWith(HOME) || EXEMPT[file.path] || !PATTERNS.some((pattern) => pattern.test(file.text))) continue;
    const found: string[] = [];
    for (const node of nodes(file)) {
      const text = literalText(node);
      const spelled = (text !== undefined && PATTERNS.some((pattern) => pattern.test(text))) || (ts.isIdentifier(node) && INDEX_ATTRIBUTE.test(node.text));
      if (!spelled) continue;
      const shown = text ?? (node as ts.Identifier).text;
      if (ALLOWED.some((a) => a.file === file.path && a.text === shown)) continue;
      found.push(`${file.path}:${position(file, node)} ${JSON.stringify(shown)}`);
    }
    if (found.length) byFile.set(file.path, found);
  }
  return byFile;
}

describe('keys in one place', () => {
  const found = keyLiterals();

  it('no key prefix, index name or index attribute is spelled outside core/table', () => {
    const outside = [...found].filter(([file]) => !PENDING.includes(file)).flatMap(([, lines]) => lines);
    expect(outside).toEqual([]);
  });

  it('every file still pending a rewrite still needs it (else remove it from PENDING)', () => {
    expect(PENDING.filter((file) => !found.has(file))).toEqual([]);
  });
});
