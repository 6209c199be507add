/** Where the console lives; every path of it is built here (the cookie's Path is the base). */
export const CONSOLE_BASE = '/admin/console';

export const consolePaths = {
  overview: CONSOLE_BASE,
  signIn: `${CONSOLE_BASE}/sign-in`,
  signOut: `${CONSOLE_BASE}/sign-out`,
  /** A seller's page (by its seller link's id); its actions live under it, so its audit entries do too. */
  seller: (linkId: number) => `${CONSOLE_BASE}/sellers/${linkId}`,
  refreshSeller: (linkId: number) => `${CONSOLE_BASE}/sellers/${linkId}/refresh`,
  repushOrder: (linkId: number, orderId: number) => `${CONSOLE_BASE}/sellers/${linkId}/orders/${orderId}/repush`,
  resyncListing: (linkId: number, listingId: number) => `${CONSOLE_BASE}/sellers/${linkId}/listings/${listingId}/resync`,
  retrySellerJob: (linkId: number, jobId: string) => `${CONSOLE_BASE}/sellers/${linkId}/work/${encodeURIComponent(jobId)}/retry`,
  replaySellerEvent: (linkId: number, eventId: number) => `${CONSOLE_BASE}/sellers/${linkId}/webhook-events/${eventId}/replay`,
  retryJob: (jobId: string) => `${CONSOLE_BASE}/work/${encodeURIComponent(jobId)}/retry`,
  replayFailedEvents: `${CONSOLE_BASE}/webhook-events/replay-failed`,
};
