/**
 * What markdown dialects add to CommonMark, rendered as their tools show it: MDX's program parts,
 * Pandoc's heading attributes and fenced divs, Logseq's block properties blanked; note apps'
 * (Obsidian, Logseq, Foam) wiki links shown as their text; footnote marks left out.
 */

/**
 * The parts of MDX (Docusaurus, Astro, Next.js blogs: `.mdx`, and `.md` read as MDX) that are
 * program, not text: `import`/`export` statements, lines holding only a component's tag
 * (`<Tabs>`, `</TabItem>`, `<Figure src="..." />`), `{/* comments *\/}` and the `:::tip` fences of
 * admonitions. Blanked before the markdown is parsed, so a component's children are read as the
 * paragraphs they are (CommonMark would take `<Tabs>` and the lines under it for one raw HTML
 * block and drop them). Code fences are left as written.
 */

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const IMPORT_START = /^import\s+(?:[\w*{]|['"])/;
/** Where an import statement ends: its module name in quotes. */
const IMPORT_END = /['"][^'"\n]+['"];?\s*$/;
const EXPORT_START = /^export\s+(?:const|let|var|function|default|\{)/;
/** A component's tag alone on its line: capitalised, as JSX requires and HTML never is by convention. */
const COMPONENT_TAG_LINE = /^\s*<\/?[A-Z][\w.]*(?:\s[^<>]*)?\/?>\s*$/;
const ADMONITION_FENCE = /^\s*:::+\s*[\w-]*\s*(?:\[[^\]\n]*\]|\{[^}\n]*\})?\s*$/;
/** A Logseq block's property (`id:: 6341a9c2-...`), alone on its line or as a bullet. */
const BLOCK_PROPERTY = /^\s*(?:-\s+)?[\w-]+::\s/;
/** Pandoc's attributes after a heading (`## Results {#results .unnumbered}`). */
const HEADING_ATTRIBUTES = /^(#{1,6}\s.*?)\s*\{[#.][^}\n]*\}\s*$/;
const JSX_COMMENT = /\{\/\*[\s\S]*?\*\/\}/g;
/** A statement longer than this many lines is not one of these: leave it as text. */
const MAX_STATEMENT_LINES = 40;

/** How many lines from `start` a statement spans (1 when it ends on its first line), or 0 when it does not end. */
function statementLength(lines: readonly string[], start: number): number {
  const first = lines[start]!;
  if (IMPORT_START.test(first)) {
    for (let i = start; i < Math.min(lines.length, start + MAX_STATEMENT_LINES); i += 1) {
      if (IMPORT_END.test(lines[i]!)) return i - start + 1;
    }
    return 0;
  }
  if (!EXPORT_START.test(first)) return 0;
  let depth = 0;
  for (let i = start; i < Math.min(lines.length, start + MAX_STATEMENT_LINES); i += 1) {
    for (const char of lines[i]!) {
      if (char === '{' || char === '(' || char === '[') depth += 1;
      else if (char === '}' || char === ')' || char === ']') depth -= 1;
    }
    if (depth <= 0) return i - start + 1;
  }
  return 0;
}

/** Blanks the `{/* comments *\/}` that open on line `start`, over the lines they span. */
function blankComments(lines: string[], start: number): void {
  let end = start;
  while (end < Math.min(lines.length, start + MAX_STATEMENT_LINES) - 1 && !lines.slice(start, end + 1).join('\n').includes('*/}')) end += 1;
  const blanked = lines.slice(start, end + 1).join('\n').replace(JSX_COMMENT, (comment) => comment.replace(/[^\n]/g, ''));
  lines.splice(start, end - start + 1, ...blanked.split('\n'));
}

/**
 * `source` with MDX's statements, component tags, comments and admonition fences, Pandoc's fenced
 * divs and heading attributes, and Logseq's block properties blanked; line count kept.
 */
export function blankDialectSyntax(source: string): string {
  const lines = source.split('\n');
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i += 1) {
    let line = lines[i]!;
    const mark = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (mark && mark[0] === fence[0] && mark.length >= fence.length) fence = null;
      continue;
    }
    if (mark) {
      fence = mark;
      continue;
    }
    if (line.includes('{/*')) {
      blankComments(lines, i);
      line = lines[i]!;
    }
    const statement = statementLength(lines, i);
    if (statement > 0) {
      lines.fill('', i, i + statement);
      i += statement - 1;
    } else if (COMPONENT_TAG_LINE.test(line) || ADMONITION_FENCE.test(line) || BLOCK_PROPERTY.test(line)) {
      lines[i] = '';
    } else if (HEADING_ATTRIBUTES.test(line)) {
      lines[i] = line.replace(HEADING_ATTRIBUTES, '$1');
    }
  }
  return lines.join('\n');
}

const EMBED = /!\[\[[^\]\n]*\]\]/g;
/** A footnote's mark (`text.[^entries]`) and the label opening its note (`[^entries]: ...`), as GitHub and Pandoc write them. */
const FOOTNOTE_MARK = /\[\^[^\]\s]+\](?::[ \t]*)?/g;
const WIKI_LINK = /\[\[([^\]|\n]+?)(?:\|([^\]\n]+))?\]\]/g;
/** What opens a paragraph without being read: a callout's type (`> [!note] Title`), a task's box (`- [ ] Book the hall`). */
const OPENING_MARK = /^(?:\[![\w-]+\][+-]?|\[[ xX]\])[ \t]*/;

/**
 * Text as a note app shows it: `[[Page|shown]]` is `shown`, `[[Page#Part]]` is `Page`, an embed
 * `![[file.pdf]]` and a footnote's mark are nothing; at `opening` (a paragraph's start), a
 * callout's or task's mark is nothing.
 */
export function renderDialectText(text: string, opening: boolean): string {
  const shown = text
    .replace(EMBED, '')
    .replace(FOOTNOTE_MARK, '')
    .replace(WIKI_LINK, (_link, target: string, alias: string | undefined) => (alias ?? target.replace(/#.*$/, '')).trim());
  return opening ? shown.replace(OPENING_MARK, '') : shown;
}
