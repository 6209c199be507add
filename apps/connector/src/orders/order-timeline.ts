/** The longest detail one timeline entry keeps (an order post, ANYMARKET's answer). */
export const MAX_EVENT_DETAIL = 4_000;

/** Detail text cut to what a timeline entry keeps. */
export function boundedText(text: string): string {
  return text.length <= MAX_EVENT_DETAIL ? text : `${text.slice(0, MAX_EVENT_DETAIL - 1)}…`;
}
