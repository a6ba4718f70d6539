import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** The repository root (this file is packages/core/test/support/source-files.ts). */
export const REPO_ROOT = new URL('../../../../', import.meta.url).pathname;

/** Where the project's own code lives: every package, the stacks, the tests, the benchmarks and scripts. */
const ROOTS = ['packages', 'stacks', 'test', 'bench', 'scripts', 'sst.config.ts'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.sst']);
const CODE = /\.(ts|tsx|mts|js|mjs)$/;

export interface SourceFile {
  /** Relative to the repository root, with `/`. */
  path: string;
  text: string;
  /** Parsed on first use (most checks can skip most files by their text). */
  readonly ast: ts.SourceFile;
}

function walk(path: string, found: string[]): void {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path)) if (!SKIPPED_FOLDERS.has(entry)) walk(join(path, entry), found);
  } else if (CODE.test(path)) {
    found.push(path);
  }
}

export function sourceFiles(): SourceFile[] {
  const paths: string[] = [];
  for (const root of ROOTS) walk(join(REPO_ROOT, root), paths);
  return paths.sort().map((path) => {
    const text = readFileSync(path, 'utf8');
    let ast: ts.SourceFile | undefined;
    return {
      path: relative(REPO_ROOT, path).split('\\').join('/'),
      text,
      get ast() {
        return (ast ??= ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false));
      },
    };
  });
}

/** Every node of a file, depth first (comments are not nodes, so they never match). */
export function nodes(file: SourceFile): ts.Node[] {
  const all: ts.Node[] = [];
  const visit = (node: ts.Node) => {
    all.push(node);
    ts.forEachChild(node, visit);
  };
  visit(file.ast);
  return all;
}

/** `line:column` of a node, 1-based. */
export function position(file: SourceFile, node: ts.Node): string {
  const { line, character } = file.ast.getLineAndCharacterOfPosition(node.getStart(file.ast));
  return `${line + 1}:${character + 1}`;
}
