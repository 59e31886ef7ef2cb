import { isScalar, visit, type Document, type LineCounter, type Node, type YAMLError } from 'yaml';
import { formatSource, type Diagnostic } from '../model/diagnostics.js';
import type { NodeReader } from './read.js';
import { unclosedBracket } from './syntax.js';

/** Every key given twice in one mapping, anywhere in the document (policy documents included). */
export function duplicateKeys(doc: Document, reader: NodeReader): void {
  visit(doc, {
    Map(_, map) {
      const seen = new Map<unknown, Node>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const first = seen.get(pair.key.value);
        if (first) {
          reader.error(pair.key, `YAML: Map keys must be unique; '${String(pair.key.value)}' is also at ${formatSource(reader.at(first))}`);
        } else seen.set(pair.key.value, pair.key);
      }
    },
  });
}

const firstLine = (s: string) => s.split('\n')[0]!;

/**
 * A document's YAML syntax error, the first one: what follows it is mostly the same mistake seen
 * again. An unclosed bracket is pointed at where it was opened, not where the parser gave up.
 */
export function syntaxError(file: string, text: string, lines: LineCounter, errors: YAMLError[]): Diagnostic {
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (${errors.length - 1} more YAML error${errors.length === 2 ? '' : 's'} after it, probably caused by this one)` : '';
  const closing = /end with an? ([\]}])/.exec(first.message)?.[1];
  const opener = closing === undefined ? undefined : unclosedBracket(text, first.pos[0]);
  if (opener) {
    const { line, col } = lines.linePos(opener.offset);
    const at = lines.linePos(first.pos[0]);
    return { severity: 'error', summary: `YAML: this '${opener.char}' is never closed: expected '${closing}' before line ${at.line}, column ${at.col}${more}`, source: { file, line, col } };
  }
  const { line, col } = lines.linePos(first.pos[0]);
  return { severity: 'error', summary: `YAML: ${firstLine(first.message)}${more}`, source: { file, line, col } };
}
