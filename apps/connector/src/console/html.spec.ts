import { escapeHtml } from '#common';
import { html, queryOf } from './html.js';

// The same tag under another name: prettier formats templates tagged `html`, and these cases are about exact bytes.
const markup = html;

describe('html', () => {
  it('escapes every interpolated value: text from remote systems never becomes markup', () => {
    const name = `<script>alert("x")</script> & 'quotes' \`tick\``;
    const page = html`<p title="${name}">${name}</p>`.text;
    expect(page).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39; &#96;tick&#96;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39; &#96;tick&#96;</p>',
    );
    expect(page).not.toContain('<script>');
  });

  it('keeps fragments it made, joins arrays and leaves out null, undefined and false', () => {
    const items = ['a<b', 'c'].map((item) => html`<li>${item}</li>`);
    expect(markup`<ul>${items}</ul>${null}${undefined}${false}${0}`.text).toBe('<ul><li>a&lt;b</li><li>c</li></ul>0');
  });

  it('escapes an attribute breakout and a date', () => {
    expect(markup`<a href="/x/${'" onclick="evil()'}">`.text).toBe('<a href="/x/&quot; onclick=&quot;evil()">');
    expect(html`${new Date(Date.UTC(2026, 0, 2))}`.text).toBe('2026-01-02T00:00:00.000Z');
  });

  it('escapeHtml and queryOf', () => {
    expect(escapeHtml('&<>"\'')).toBe('&amp;&lt;&gt;&quot;&#39;');
    expect(queryOf({ page: 2, show: 'stopped', none: undefined })).toBe('?page=2&show=stopped');
    expect(queryOf({})).toBe('');
  });
});
