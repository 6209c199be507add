import { html, type Html, queryOf } from '../html.js';
import { consolePaths } from '../console-paths.js';
import type { AccountLine, OverviewPage, SellerLine } from '../console-overview.service.js';
import { headerView } from './header.view.js';
import { actionButton, badge, layout, type PageContext, when } from './parts.js';

/** The overview: the system's header, then one page of sellers with their accounts. */
export function overviewView(page: OverviewPage, context: PageContext): Html {
  const link = (show: string, label: string) =>
    html`<a href="${consolePaths.overview}${queryOf({ show: show === 'all' ? undefined : show })}" class="${page.show === show ? 'current' : ''}">${label}</a>`;
  return layout(
    'Overview',
    context,
    html`<h1>Seller console</h1>
      ${headerView(page.header, context.csrf)}
      <h2>Sellers <span class="muted small">(${page.total} ${page.show === 'stopped' ? 'stopped' : 'in all'})</span></h2>
      <nav class="filter">Show: ${link('all', 'every seller')} ${link('stopped', 'stopped only')}</nav>
      <table id="sellers">
        <thead>
          <tr>
            <th>Seller</th>
            <th>Standing</th>
            <th>ANYMARKET accounts: acting, token, orders, listings, failed work</th>
          </tr>
        </thead>
        <tbody>
          ${
            page.sellers.length
              ? page.sellers.map((seller) => sellerRow(seller, context.csrf))
              : html`<tr>
                  <td colspan="3" class="muted">No seller on this page</td>
                </tr>`
          }
        </tbody>
      </table>
      ${pager(page)}`,
  );
}

export function standingView(seller: Pick<SellerLine, 'standing' | 'reason' | 'since'>): Html {
  const kind = seller.standing === 'active' ? 'ok' : seller.standing === 'not activated' ? 'warn' : 'bad';
  return html`${badge(kind, seller.standing)}${seller.reason ? html` <span class="reason" data-reason>${seller.reason}</span>` : null}${
    seller.since ? html` <span class="muted small">since ${when(seller.since)}</span>` : null
  }`;
}

/** A stopped seller's row offers Retry: read the seller from Marketplacer now (the seller page's refresh), so one back online resumes at once. */
function sellerRow(seller: SellerLine, csrf: string): Html {
  return html`<tr data-seller-link="${seller.linkId}">
    <td>
      <a href="${consolePaths.seller(seller.linkId)}">${seller.businessName}</a><br /><span class="muted small"
        >legacy id ${seller.sellerLegacyId} · link ${seller.linkId}</span
      >
    </td>
    <td>${standingView(seller)}${seller.standing === 'stopped' ? html` ${actionButton(consolePaths.refreshSeller(seller.linkId), 'Retry', csrf)}` : null}</td>
    <td>${seller.accounts.length ? seller.accounts.map(accountSummary) : html`<span class="muted">none</span>`}</td>
  </tr>`;
}

export function accountSummary(account: AccountLine): Html {
  const orders = account.orders;
  return html`<div class="account">
    <strong>${account.name ?? `account ${account.idAccount}`}</strong> <span class="muted small">#${account.id}</span>
    ${account.stoppedBecause ? html`${badge('bad', 'stopped')} <span class="small reason">${account.stoppedBecause}</span>` : badge('ok', 'acting')}
    ${tokenBadge(account)}
    <span class="small"
      >orders:
      ${
        orders ? html`${orders.pending} pending, ${orders.error ? badge('bad', `${orders.error} in error`) : '0 in error'}, ${orders.synced} synced` : 'none'
      }</span
    >
    <span class="small">· listings in error: ${account.listingsInError ? badge('bad', String(account.listingsInError)) : '0'}</span>
    <span class="small">· failed work: ${account.failedJobs ? badge('bad', String(account.failedJobs)) : '0'}</span>
  </div>`;
}

function tokenBadge(account: AccountLine): Html {
  if (!account.token) return html`<span class="small muted">token not checked</span>`;
  if (account.token.status === 'ok') return badge('ok', 'token accepted');
  if (account.token.status === 'refused' || account.token.status === 'no-token') {
    return html`${badge('bad', account.token.status === 'refused' ? 'ANYMARKET refused the token' : 'no token')}`;
  }
  return badge('warn', `token ${account.token.status}`);
}

function pager(page: OverviewPage): Html {
  const href = (to: number) => `${consolePaths.overview}${queryOf({ show: page.show === 'all' ? undefined : page.show, page: to === 1 ? undefined : to })}`;
  return html`<nav class="pager" aria-label="Pages">
    ${page.page > 1 ? html`<a rel="prev" href="${href(page.page - 1)}">← Previous</a>` : null}
    <span>Page ${page.page} of ${page.pages}</span>
    ${page.page < page.pages ? html`<a rel="next" href="${href(page.page + 1)}">Next →</a>` : null}
  </nav>`;
}
