import { Controller, Get, Logger, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CONSOLE_SESSION_COOKIE, ConsoleSessions, ConsoleSignInRoute, cookieOf } from '#common';
import { consolePaths } from '../console-paths.js';
import { cookieOptions, sendPage } from '../console-http.js';
import { signInView } from '../views/sign-in.view.js';

/** The longest admin token the form takes. */
const MAX_TOKEN_LENGTH = 1000;

/**
 * Signing in to the console: the admin token typed once, checked in constant time, answered with a
 * signed session cookie (never the token). HTML pages, kept out of the OpenAPI document.
 */
@ApiExcludeController()
@ConsoleSignInRoute()
@Controller('admin/console')
export class ConsoleSignInController {
  private readonly logger = new Logger('Access');

  constructor(private readonly sessions: ConsoleSessions) {}

  @Get('sign-in')
  signInPage(@Req() req: Request, @Res() res: Response): void {
    if (this.sessions.verify(cookieOf(req.header('cookie'), CONSOLE_SESSION_COOKIE))) return res.redirect(303, consolePaths.overview);
    sendPage(res, 200, signInView(null));
  }

  @Post('sign-in')
  signIn(@Req() req: Request, @Res() res: Response): void {
    const token = (req.body as Record<string, unknown> | undefined)?.token;
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      return sendPage(res, 400, signInView('Type the admin token'));
    }
    if (!this.sessions.credentialMatches(token)) {
      // Logged as the access guard's refusals are: the code, the status and why (never what was typed).
      this.logger.warn({ code: 'UNAUTHENTICATED', status: 401, path: req.path, msg: 'console sign-in refused', cause: 'wrong admin credential' });
      return sendPage(res, 401, signInView('That is not the admin token'));
    }
    const { cookie, caller } = this.sessions.issue();
    res.cookie(CONSOLE_SESSION_COOKIE, cookie, cookieOptions(req, caller.expiresAt.getTime() - Date.now()));
    this.logger.log({ msg: 'console signed in', path: req.path });
    res.redirect(303, consolePaths.overview);
  }
}
