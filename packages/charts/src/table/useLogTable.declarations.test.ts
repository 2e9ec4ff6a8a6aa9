// @vitest-environment node
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// Declarations are emitted one file at a time, as a bundler without type information would: that only
// works when every exported type is written out, which is what keeps TanStack's inferred `any`s out.
function declarationsOf(file: string) {
  const path = fileURLToPath(new URL(file, import.meta.url));
  const { outputText, diagnostics = [] } = ts.transpileDeclaration(readFileSync(path, 'utf8'), {
    fileName: path,
    reportDiagnostics: true,
    compilerOptions: { strict: true, verbatimModuleSyntax: true },
  });
  const code = outputText.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const messages = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  return { code, messages };
}

describe('the published types of useLogTable', () => {
  const { code, messages } = declarationsOf('./useLogTable.ts');

  it('spell out every exported type, so they need no inference', () => {
    expect(messages).toEqual([]);
  });

  it('contain no any', () => {
    expect(code).not.toMatch(/\bany\b/);
  });

  it('import only from @tanstack/react-table and the package itself', () => {
    const sources = [...code.matchAll(/from '([^']+)'|import\("([^"]+)"\)/g)].map((m) => m[1] ?? m[2]);
    expect(sources.filter((s) => s !== '@tanstack/react-table' && !s?.startsWith('./'))).toEqual([]);
  });
});
