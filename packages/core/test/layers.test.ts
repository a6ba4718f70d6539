import { posix } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { position, sourceFiles } from './support/source-files.ts';

/**
 * Core's layers import one way: table (key formats) ← store (the DynamoDB primitives and the
 * entities) ← aggregation (built on the store's primitives, read and written through them).
 */
const MUST_NOT_IMPORT: Record<string, string[]> = {
  'packages/core/src/table/': ['packages/core/src/store/', 'packages/core/src/aggregation/'],
  'packages/core/src/store/': ['packages/core/src/aggregation/'],
};

/** Where an import points, relative to the repository root (other packages' modules are left as written). */
function target(from: string, specifier: string): string {
  if (specifier.startsWith('@abad/core/')) return `packages/core/src/${specifier.slice('@abad/core/'.length)}`;
  if (specifier.startsWith('.')) return posix.join(posix.dirname(from), specifier);
  return specifier;
}

describe('core layers', () => {
  it('table imports neither store nor aggregation; store does not import aggregation', () => {
    const wrong: string[] = [];
    for (const file of sourceFiles()) {
      const forbidden = Object.entries(MUST_NOT_IMPORT).find(([folder]) => file.path.startsWith(folder))?.[1];
      if (!forbidden) continue;
      for (const node of file.ast.statements) {
        if (!(ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) || !node.moduleSpecifier || !ts.isStringLiteral(node.moduleSpecifier)) continue;
        const to = target(file.path, node.moduleSpecifier.text);
        if (forbidden.some((folder) => to.startsWith(folder))) wrong.push(`${file.path}:${position(file, node)} imports ${node.moduleSpecifier.text}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
