import { escapeHtml } from '#common';

/**
 * HTML made on the server: every value interpolated into `html\`…\`` is escaped (seller names,
 * reasons and errors come from remote systems), except an `Html` fragment made by `html` itself.
 * Arrays are joined; null, undefined and false render as nothing.
 */
export class Html {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

type Interpolated = Html | string | number | boolean | null | undefined | Date | readonly Interpolated[];

function render(value: Interpolated): string {
  if (value instanceof Html) return value.text;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return (value as readonly Interpolated[]).map(render).join('');
  if (value instanceof Date) return escapeHtml(value.toISOString());
  return escapeHtml(String(value as string | number | boolean));
}

export function html(strings: TemplateStringsArray, ...values: Interpolated[]): Html {
  let text = strings[0];
  values.forEach((value, index) => {
    text += render(value) + strings[index + 1];
  });
  return new Html(text);
}

/** A query string of a console link, its values encoded (the result is then escaped as any text). */
export function queryOf(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
