import type { List, Nodes, PhrasingContent, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';

/** A piece of inline text with its emphasis; links keep their address so that paper shows it. */
export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  /** The address of a link: the text is followed by it in brackets. */
  url?: string;
}

/** The blocks minutes are made of, whatever the output format. */
export type Block =
  | { kind: 'heading'; level: number; inlines: Inline[] }
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' };

function inlines(nodes: PhrasingContent[], style: Omit<Inline, 'text'> = {}): Inline[] {
  const result: Inline[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        result.push({ ...style, text: node.value });
        break;
      case 'strong':
        result.push(...inlines(node.children, { ...style, bold: true }));
        break;
      case 'emphasis':
        result.push(...inlines(node.children, { ...style, italic: true }));
        break;
      case 'inlineCode':
        result.push({ ...style, code: true, text: node.value });
        break;
      case 'break':
        result.push({ ...style, text: '\n' });
        break;
      case 'link': {
        const label = inlines(node.children, style);
        const text = label.map((i) => i.text).join('');
        // The address is printed after the text (unless the text is the address already).
        if (label.length === 0 || text === node.url) result.push({ ...style, text: node.url, url: node.url });
        else result.push(...label.map((i) => ({ ...i, url: node.url })), { ...style, text: ` (${node.url})` });
        break;
      }
      case 'image':
        result.push({ ...style, text: `${node.alt ?? ''} (${node.url})` });
        break;
      case 'html':
        // Raw HTML is shown as the text it is, never interpreted.
        result.push({ ...style, text: node.value });
        break;
      default:
        if ('children' in node) result.push(...inlines(node.children as PhrasingContent[], style));
        else if ('value' in node) result.push({ ...style, text: String(node.value) });
    }
  }
  return result;
}

function blocks(nodes: RootContent[] | Nodes[]): Block[] {
  const result: Block[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'heading':
        result.push({ kind: 'heading', level: node.depth, inlines: inlines(node.children) });
        break;
      case 'paragraph':
        result.push({ kind: 'paragraph', inlines: inlines(node.children) });
        break;
      case 'list': {
        const list = node as List;
        result.push({
          kind: 'list',
          ordered: Boolean(list.ordered),
          start: list.start ?? 1,
          items: list.children.map((item) => blocks(item.children)),
        });
        break;
      }
      case 'blockquote':
        result.push({ kind: 'quote', blocks: blocks(node.children) });
        break;
      case 'code':
        result.push({ kind: 'code', text: node.value });
        break;
      case 'thematicBreak':
        result.push({ kind: 'rule' });
        break;
      case 'html':
        result.push({ kind: 'paragraph', inlines: [{ text: node.value }] });
        break;
      default:
        if ('children' in node) result.push(...blocks(node.children as RootContent[]));
    }
  }
  return result;
}

/** Minutes' Markdown (CommonMark) as blocks: headings, paragraphs, lists, quotes, code, bold, italic, links. */
export function parseMarkdown(text: string | null | undefined): Block[] {
  if (!text?.trim()) return [];
  return blocks(fromMarkdown(text).children);
}
