import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CONSOLE_SESSION_COOKIE, ConsoleRoute, ConsoleSessions, consoleCallerOf, cookieOf } from '#common';
import { ConsoleActionsService, type Flash } from '../console-actions.service.js';
import { ConsoleIdPipe, cookieOptions, redirectWithFlash, sendPage, takeFlash } from '../console-http.js';
import { ConsoleOverviewService } from '../console-overview.service.js';
import { consolePaths } from '../console-paths.js';
import { consoleErrors } from '../console.errors.js';
import { OverviewQuery } from '../dto/overview.query.js';
import { SellerPageService } from '../seller-page.service.js';
import { overviewView } from '../views/overview.view.js';
import type { PageContext } from '../views/parts.js';
import { sellerView } from '../views/seller.view.js';

const linkId = new ConsoleIdPipe('seller link id');
const orderId = new ConsoleIdPipe('order id');
const listingId = new ConsoleIdPipe('listing id');
const eventId = new ConsoleIdPipe('webhook event id');
const jobId = new ParseUUIDPipe();

/**
 * The operators' seller console: server-rendered pages and their one-click actions (POST, then 303
 * back with a message). A signed-in browser (session cookie, and the CSRF token in every form) or a
 * caller with the admin bearer token. HTML, so kept out of the OpenAPI document.
 */
@ApiExcludeController()
@ConsoleRoute(consolePaths.signIn)
@Controller('admin/console')
export class ConsoleController {
  constructor(
    private readonly sessions: ConsoleSessions,
    private readonly overview: ConsoleOverviewService,
    private readonly sellers: SellerPageService,
    private readonly actions: ConsoleActionsService,
  ) {}

  @Get()
  async overviewPage(@Query() query: OverviewQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    const page = await this.overview.page(query.show, query.page);
    sendPage(res, 200, overviewView(page, this.context(req, res)));
  }

  @Get('sellers/:id')
  async sellerPage(@Param('id', linkId) id: number, @Req() req: Request, @Res() res: Response): Promise<void> {
    const page = await this.sellers.page(id);
    sendPage(res, 200, sellerView(page, this.context(req, res)));
  }

  @Post('sign-out')
  signOut(@Req() req: Request, @Res() res: Response): void {
    this.checkCsrf(req);
    res.clearCookie(CONSOLE_SESSION_COOKIE, cookieOptions(req));
    res.redirect(303, consolePaths.signIn);
  }

  @Post('sellers/:id/refresh')
  async refreshSeller(@Param('id', linkId) id: number, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.checkCsrf(req);
    this.back(req, res, consolePaths.seller(id), await this.actions.refreshSeller(req, id));
  }

  @Post('sellers/:id/orders/:orderId/repush')
  async repushOrder(@Param('id', linkId) id: number, @Param('orderId', orderId) order: number, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.checkCsrf(req);
    this.back(req, res, consolePaths.seller(id), await this.actions.repushOrder(req, order));
  }

  @Post('sellers/:id/listings/:listingId/resync')
  async resyncListing(
    @Param('id', linkId) id: number,
    @Param('listingId', listingId) listing: number,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    this.checkCsrf(req);
    this.back(req, res, consolePaths.seller(id), await this.actions.resyncListing(req, listing));
  }

  @Post('sellers/:id/work/:jobId/retry')
  async retrySellerJob(@Param('id', linkId) id: number, @Param('jobId', jobId) job: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.checkCsrf(req);
    this.back(req, res, consolePaths.seller(id), await this.actions.retryJob(req, job));
  }

  @Post('sellers/:id/webhook-events/:eventId/replay')
  async replaySellerEvent(@Param('id', linkId) id: number, @Param('eventId', eventId) event: number, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.checkCsrf(req);
    this.back(req, res, consolePaths.seller(id), await this.actions.replayEvent(req, event));
  }

  @Post('work/:jobId/retry')
  async retryJob(@Param('jobId', jobId) job: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.checkCsrf(req);
    this.back(req, res, consolePaths.overview, await this.actions.retryJob(req, job));
  }

  @Post('webhook-events/replay-failed')
  async replayFailedEvents(@Req() req: Request, @Res() res: Response): Promise<void> {
    this.checkCsrf(req);
    this.back(req, res, consolePaths.overview, await this.actions.replayFailedEvents(req));
  }

  private context(req: Request, res: Response): PageContext {
    const caller = consoleCallerOf(req);
    return { csrf: caller.kind === 'session' ? caller.csrfToken : '', flash: takeFlash(req, res, cookieOf) };
  }

  /** A form of a signed-in browser carries its session's CSRF token (SameSite=Strict is the first line, this the second). */
  private checkCsrf(req: Request): void {
    const csrf = (req.body as Record<string, unknown> | undefined)?.csrf;
    if (!this.sessions.csrfMatches(consoleCallerOf(req), csrf)) throw consoleErrors.csrfRefused();
  }

  private back(req: Request, res: Response, to: string, flash: Flash): void {
    redirectWithFlash(req, res, to, flash);
  }
}
