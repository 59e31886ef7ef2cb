/**
 * What the YAML parser cannot say well by itself: nesting too deep to parse safely, and where an
 * unclosed bracket was opened. Both scan the text as flow-collection brackets outside quotes and
 * comments — enough to point a person at the right place.
 */

/** Deeper than any manifest needs; the parser's recursion would overflow long before a real limit. */
export const MAX_NESTING = 64;

/** One bracket-aware pass over YAML text, calling `onBracket` for every `[ { ] }` outside quotes and comments. */
function scanBrackets(text: string, onBracket: (char: string, offset: number) => boolean | void): void {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    // a quote opens a string only where a scalar can start (not inside `don't`)
    if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:-]/.test(text[i - 1]!))) quote = c;
    else if ('[]{}'.includes(c) && onBracket(c, i) === true) return;
  }
}

/** The offset where flow nesting first goes deeper than MAX_NESTING, or where indentation does. */
export function tooDeep(text: string): number | undefined {
  let depth = 0;
  let at: number | undefined;
  scanBrackets(text, (c, offset) => {
    depth += c === '[' || c === '{' ? 1 : -1;
    if (depth > MAX_NESTING) {
      at = offset;
      return true;
    }
  });
  if (at !== undefined) return at;
  // block nesting needs a column of indentation per level at the least
  const deepLine = /^ {256,}\S/m.exec(text);
  return deepLine ? deepLine.index : undefined;
}

/** The unclosed `[` or `{` still open at `offset` (the innermost one), if any. */
export function unclosedBracket(text: string, offset: number): { offset: number; char: string } | undefined {
  const open: { offset: number; char: string }[] = [];
  scanBrackets(text.slice(0, offset), (c, at) => {
    if (c === '[' || c === '{') open.push({ offset: at, char: c });
    else open.pop();
  });
  return open[open.length - 1];
}
