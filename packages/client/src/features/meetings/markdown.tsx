import Markdown from 'react-markdown';
import { isKhmer } from '../../lib/format.js';

/** Minutes are Markdown; rendered without raw HTML (react-markdown escapes it), links open safely. */
export function MarkdownText({ text }: { text: string }) {
  return (
    <div className="markdown" lang={isKhmer(text) ? 'km' : undefined}>
      <Markdown
        skipHtml
        components={{
          a: ({ href, children }) => (
            <a href={href} rel="noopener noreferrer nofollow" target="_blank">
              {children}
            </a>
          ),
        }}
      >
        {text}
      </Markdown>
    </div>
  );
}
