import { html, type Html } from '../html.js';
import { consolePaths } from '../console-paths.js';
import type { ConsoleHeader } from '../console-overview.service.js';
import { actionButton, badge, when } from './parts.js';

/** How many failed jobs the overview lists (the count covers all that were read). */
const FAILED_JOBS_SHOWN = 10;

/** The system's standing: the contract check, the feeds, failed work and webhook events. */
export function headerView(header: ConsoleHeader, csrf: string): Html {
  return html`<section class="cards" aria-label="System">
    ${contractCard(header)} ${feedsCard(header)} ${failedWorkCard(header, csrf)} ${webhooksCard(header, csrf)}
  </section>`;
}

function contractCard({ contract, contractRunning }: ConsoleHeader): Html {
  if (!contract) {
    return html`<div class="card" id="contract">
      <h2>Contract check</h2>
      <p>${badge('warn', contractRunning ? 'running' : 'not run yet')}</p>
    </div>`;
  }
  const accounts = 'counts' in contract.anymarketAccounts ? contract.anymarketAccounts : null;
  const refused = accounts ? accounts.counts.refused + accounts.counts['no-token'] : null;
  return html`<div class="card" id="contract">
    <h2>Contract check</h2>
    <p>${contract.ok ? badge('ok', 'passes') : badge('bad', 'fails')} <span class="muted small">checked ${when(contract.checkedAt)}</span></p>
    <p class="small">
      Documents: ${contract.summary.ok} of ${contract.summary.documents} ok, ${contract.summary.failed} failed, ${contract.summary.notChecked} not checked
    </p>
    ${contract.error ? html`<p class="small reason">${contract.error.code}: ${contract.error.message}</p>` : null}
    ${contract.featuresOff.length ? html`<p class="small">Features off: ${contract.featuresOff.map((off) => off.feature).join(', ')}</p>` : null}
    <p class="small">
      ANYMARKET tokens:
      ${
        accounts ? (refused ? badge('bad', `${refused} refused or missing`) : badge('ok', `${accounts.counts.ok} accepted`)) : badge('bad', 'not checked')
      }${accounts?.note ? html` <span class="reason">${accounts.note}</span>` : null}
    </p>
    <p class="small">Marketplacer webhooks: ${contract.marketplacerWebhooks.ok ? badge('ok', 'ok') : badge('bad', 'not ok')}</p>
  </div>`;
}

function feedsCard({ feeds }: ConsoleHeader): Html {
  const rows = feeds.map(
    (feed) =>
      html`<tr>
        <td>${feed.job}</td>
        <td>${when(feed.lastSuccessAt)}</td>
        <td>
          ${
            feed.switchedOffBecause
              ? html`${badge('warn', 'off')} <span class="small">${feed.switchedOffBecause}</span>`
              : feed.consecutiveFailures
                ? html`${badge('bad', `${feed.consecutiveFailures} failed`)} <span class="small error-text">${feed.lastError}</span>`
                : badge('ok', 'ok')
          }
        </td>
      </tr>`,
  );
  return html`<div class="card" id="feeds">
    <h2>Feeds: last successful run</h2>
    ${
      feeds.length
        ? html`<table class="compact">
            <thead>
              <tr>
                <th>Feed</th>
                <th>Last success</th>
                <th>Now</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>`
        : html`<p class="muted">No feed has run yet</p>`
    }
  </div>`;
}

function failedWorkCard({ failedJobs, failedJobsCapped }: ConsoleHeader, csrf: string): Html {
  const count = `${failedJobs.length}${failedJobsCapped ? '+' : ''}`;
  const rows = failedJobs.slice(0, FAILED_JOBS_SHOWN).map(
    (job) =>
      html`<tr>
        <td>${job.queue}</td>
        <td class="small error-text">${job.error}</td>
        <td>${when(job.failedAt)}</td>
        <td>${actionButton(consolePaths.retryJob(job.id), 'Retry', csrf)}</td>
      </tr>`,
  );
  return html`<div class="card" id="failed-work">
    <h2>Failed work: ${failedJobs.length ? badge('bad', count) : badge('ok', '0')}</h2>
    ${
      rows.length
        ? html`<table class="compact">
            <thead>
              <tr>
                <th>Queue</th>
                <th>Error</th>
                <th>Failed</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>`
        : null
    }
    ${failedJobs.length > FAILED_JOBS_SHOWN ? html`<p class="small muted">The ${FAILED_JOBS_SHOWN} newest are listed; a seller's page lists its own.</p>` : null}
  </div>`;
}

function webhooksCard({ webhookEvents }: ConsoleHeader, csrf: string): Html {
  return html`<div class="card" id="webhook-events">
    <h2>Webhook events</h2>
    <div>
      Failed: ${webhookEvents.failed ? badge('bad', String(webhookEvents.failed)) : badge('ok', '0')}
      ${webhookEvents.failed ? actionButton(consolePaths.replayFailedEvents, 'Replay failed events', csrf) : null}
    </div>
    <p class="small muted">Waiting ${webhookEvents.received} · processed ${webhookEvents.processed} · ignored ${webhookEvents.ignored}</p>
  </div>`;
}
