import { Html, html } from '../html.js';
import { CONSOLE_CSS } from './console.css.js';
import { consolePaths } from '../console-paths.js';
import type { Flash } from '../console-actions.service.js';

/** What every signed-in page carries: the session's CSRF token (for its forms) and a message of the last action. */
export interface PageContext {
  csrf: string;
  flash: Flash | null;
}

export function layout(title: string, context: PageContext | null, body: Html): Html {
  const signOut = context
    ? html`<form class="inline" method="post" action="${consolePaths.signOut}">${csrfField(context.csrf)}<button type="submit">Sign out</button></form>`
    : null;
  const flash = context?.flash ? html`<p class="flash ${context.flash.kind}" role="status">${context.flash.text}</p>` : null;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Seller console</title>
        <style>
          ${rawCss()}
        </style>
      </head>
      <body>
        <header class="top"><a href="${consolePaths.overview}">Seller console</a><span class="spacer"></span>${signOut}</header>
        <main>${flash}${body}</main>
      </body>
    </html>`;
}

/** The style sheet is a constant of this code, never remote text: the one fragment not made by `html`. */
function rawCss(): Html {
  return new Html(CONSOLE_CSS);
}

export function csrfField(csrf: string): Html {
  return html`<input type="hidden" name="csrf" value="${csrf}" />`;
}

/** A one-click action: a POST form with the CSRF token. */
export function actionButton(action: string, label: string, csrf: string): Html {
  return html`<form class="inline" method="post" action="${action}">${csrfField(csrf)}<button type="submit">${label}</button></form>`;
}

export function when(date: Date | string | null | undefined): Html {
  if (!date) return html`<span class="muted">never</span>`;
  const value = typeof date === 'string' ? new Date(date) : date;
  const iso = value.toISOString();
  return html`<time datetime="${iso}">${iso.slice(0, 19).replace('T', ' ')} UTC</time>`;
}

export function badge(kind: 'ok' | 'bad' | 'warn', text: string): Html {
  return html`<span class="badge ${kind}">${text}</span>`;
}
