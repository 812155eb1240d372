/**
 * The check behind "every field of every row type has its TSDoc in the emitted `.d.ts`": reads
 * a package's built declarations and lists each field of a public row interface that has no
 * doc comment. Row interfaces are the exported interfaces named `…Row` (models, event rows) and
 * the record interfaces of DexCare; `pnpm run docs` writes their docs from the models.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** Record interfaces that are rows without the `Row` suffix. */
const ROW_RECORDS = new Set(['DexCareAvrReport', 'DexCareAvrReportStatus', 'SpruceConversationEventColumns']);

function isRowInterface(name: string): boolean {
  return name.endsWith('Row') || ROW_RECORDS.has(name);
}

function hasDoc(node: ts.Node): boolean {
  return ts.getJSDocCommentsAndTags(node).some((doc) => ts.isJSDoc(doc) && (doc.comment ?? '') !== '');
}

/**
 * `Interface.field` for each undocumented field (and `Interface` for an undocumented
 * interface) in the `.d.ts` files of `dist`.
 */
export function undocumentedRowFields(dist: string): string[] {
  const problems = new Set<string>();
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.d.ts'));
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(join(dist, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isInterfaceDeclaration(node) && isRowInterface(node.name.text)) {
        const name = node.name.text;
        if (!hasDoc(node)) problems.add(name);
        for (const member of node.members) {
          if (ts.isPropertySignature(member) && !hasDoc(member)) problems.add(`${name}.${member.name.getText(source)}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return [...problems].sort();
}
