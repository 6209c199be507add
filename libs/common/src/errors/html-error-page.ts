import type { Response } from 'express';
import { escapeHtml as escape } from '../http/escape-html.js';
import type { ErrorBodyDto } from './error-response.js';

/**
 * A failure of a server-rendered page (the operators' console) as a small HTML page: the status, the
 * code and message (escaped), the request id, and a way back. A page asked for without a session (401
 * on GET or HEAD) is sent to `signInPath` instead (303).
 */
export function htmlErrorRenderer(signInPath: string | undefined) {
  return (status: number, error: ErrorBodyDto, res: Response): void => {
    const method = res.req?.method;
    if (signInPath && status === 401 && (method === 'GET' || method === 'HEAD')) {
      res.redirect(303, signInPath);
      return;
    }
    const reference = error.errorId ?? error.requestId;
    res
      .status(status)
      .type('html')
      .send(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>' +
          `${status} ${escape(error.code)}</title></head><body><main><h1>${status} ${escape(error.code)}</h1>` +
          `<p>${escape(error.message)}</p>` +
          (reference ? `<p><small>Reference: ${escape(reference)}</small></p>` : '') +
          `<p><a href="${escape(signInPath ?? '/admin/console')}">Back to the console</a></p></main></body></html>`,
      );
  };
}
