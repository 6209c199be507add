import { html, type Html } from '../html.js';
import { consolePaths } from '../console-paths.js';
import type { SellerPage } from '../seller-page.service.js';
import { headerView } from './header.view.js';
import { accountSummary, standingView } from './overview.view.js';
import { actionButton, badge, layout, type PageContext, when } from './parts.js';

/** A seller's page: its standing and accounts, its recent timeline, and the actions on each item. */
export function sellerView(page: SellerPage, context: PageContext): Html {
  const { seller, header } = page;
  const id = seller.linkId;
  const csrf = context.csrf;
  return layout(
    seller.businessName,
    context,
    html`<p class="small"><a href="${consolePaths.overview}">← All sellers</a></p>
      <h1>
        ${seller.businessName} <span class="muted small">legacy id ${seller.sellerLegacyId} · link ${id} · <span class="mono">${seller.sellerId}</span></span>
      </h1>
      <div id="standing">${standingView(seller)} ${actionButton(consolePaths.refreshSeller(id), 'Refresh from Marketplacer', csrf)}</div>
      <h2>ANYMARKET accounts</h2>
      <div class="card" id="accounts">
        ${seller.accounts.length ? seller.accounts.map(accountSummary) : html`<span class="muted">No account has activated the module yet</span>`}
      </div>
      <h2>Orders</h2>
      ${section(
        'orders',
        ['Order', 'Account', 'State', 'ANYMARKET status', 'Last error', 'Changed', ''],
        page.orders.map(
          (order) =>
            html`<tr>
              <td>${order.id} <span class="muted small">invoice ${order.marketPlaceId}</span></td>
              <td>${order.accountId ?? '—'}</td>
              <td>${order.state === 'error' ? badge('bad', order.state) : order.state === 'synced' ? badge('ok', order.state) : badge('warn', order.state)}</td>
              <td class="small">${order.anymarketStatus ?? '—'} → ${order.targetStatus}</td>
              <td class="small error-text">${order.lastError}</td>
              <td class="small">${when(order.updatedAt)}</td>
              <td>${actionButton(consolePaths.repushOrder(id, order.id), 'Re-push', csrf)}</td>
            </tr>`,
        ),
      )}
      <h2>Listings in error</h2>
      ${section(
        'listings',
        ['Listing', 'Account', 'Title', 'Error', 'Changed', ''],
        page.listingsInError.map(
          (listing) =>
            html`<tr>
              <td>${listing.id} <span class="muted small">transmission ${listing.idSkuMarketplace}</span></td>
              <td>${listing.accountId}</td>
              <td>${listing.title}</td>
              <td class="small error-text">${listing.lastError}</td>
              <td class="small">${when(listing.updatedAt)}</td>
              <td>${actionButton(consolePaths.resyncListing(id, listing.id), 'Resync', csrf)}</td>
            </tr>`,
        ),
      )}
      <h2>Failed work</h2>
      ${section(
        'failed-jobs',
        ['Queue', 'What', 'Error', 'Attempts', 'Failed', ''],
        page.failedJobs.map(
          (job) =>
            html`<tr>
              <td>${job.queue}</td>
              <td class="mono">${JSON.stringify(job.data)}</td>
              <td class="small error-text">${job.error}</td>
              <td>${job.attempts}</td>
              <td class="small">${when(job.failedAt)}</td>
              <td>${actionButton(consolePaths.retrySellerJob(id, job.id), 'Retry', csrf)}</td>
            </tr>`,
        ),
      )}
      <h2>Webhook events about this seller</h2>
      ${section(
        'webhook-events',
        ['Event', 'Type', 'State', 'Note or error', 'Received', ''],
        page.webhookEvents.map(
          (event) =>
            html`<tr>
              <td>${event.id} <span class="muted small">${event.eventName}</span></td>
              <td>${event.type}</td>
              <td>${event.state === 'failed' ? badge('bad', event.state) : event.state}</td>
              <td class="small error-text">${event.error ?? event.note}</td>
              <td class="small">${when(event.receivedAt)}</td>
              <td>${event.state === 'received' ? null : actionButton(consolePaths.replaySellerEvent(id, event.id), 'Replay', csrf)}</td>
            </tr>`,
        ),
      )}
      <h2>Order timeline</h2>
      ${section(
        'order-events',
        ['When', 'Order', 'Source', 'Action', 'Outcome', 'Detail'],
        page.orderEvents.map(
          ({ event, order }) =>
            html`<tr>
              <td class="small">${when(event.at)}</td>
              <td>${order.id} <span class="muted small">invoice ${order.marketPlaceId}</span></td>
              <td>${event.source}</td>
              <td>${event.action}</td>
              <td>${event.outcome === 'failed' ? badge('bad', 'failed') : event.outcome}</td>
              <td class="small error-text">${event.detail}</td>
            </tr>`,
        ),
      )}
      <h2>Actions taken here</h2>
      ${section(
        'actions',
        ['When', 'Action', 'Status', 'Error'],
        page.actions.map(
          (action) =>
            html`<tr>
              <td class="small">${when(action.occurredAt)}</td>
              <td class="mono">${action.method} ${action.path}</td>
              <td>${action.statusCode}</td>
              <td>${action.errorCode}</td>
            </tr>`,
        ),
      )}
      <h2>System</h2>
      ${headerView(header, csrf)}`,
  );
}

function section(id: string, headings: string[], rows: Html[]): Html {
  if (rows.length === 0) return html`<p class="muted" id="${id}">None</p>`;
  return html`<table class="compact" id="${id}">
    <thead>
      <tr>
        ${headings.map((heading) => html`<th>${heading}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}
