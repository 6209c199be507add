import { DomainError } from '#common';

/** Every refusal of an NF-e XML: the caller sent a document that cannot be read as an NF-e (HTTP 400). */
export class NfeError extends DomainError {}

/** How much of an offending value a message quotes back. */
const QUOTED_CHARS = 60;
const quoted = (value: string): string => JSON.stringify(value.length > QUOTED_CHARS ? `${value.slice(0, QUOTED_CHARS)}…` : value);

export const nfeErrors = {
  tooLarge: (bytes: number, maxBytes: number) =>
    new NfeError('NFE_TOO_LARGE', 'invalid', `The NF-e XML is ${bytes} bytes; at most ${maxBytes} bytes (1 MiB) are read`),
  doctype: () => new NfeError('NFE_DOCTYPE_REFUSED', 'invalid', 'The NF-e XML declares a DOCTYPE or entities; an NF-e never does, so it is refused unread'),
  malformed: (reason: string, cause?: unknown) => new NfeError('NFE_MALFORMED', 'invalid', `The NF-e is not well-formed XML: ${reason}`, [], { cause }),
  notAnNfe: (root: string) =>
    new NfeError('NFE_NOT_AN_NFE', 'invalid', `The XML is not an NF-e: its root element is <${root}>, expected <nfeProc> or <NFe> (layout 4.00)`),
  fieldMissing: (path: string, meaning: string) => new NfeError('NFE_FIELD_MISSING', 'invalid', `The NF-e has no ${path} (${meaning})`),
  fieldRepeated: (path: string) => new NfeError('NFE_FIELD_INVALID', 'invalid', `The NF-e has ${path} more than once`),
  fieldInvalid: (path: string, value: string, expected: string) =>
    new NfeError('NFE_FIELD_INVALID', 'invalid', `The NF-e's ${path} is ${quoted(value)}; expected ${expected}`),
  accessKeyInvalid: (path: string, value: string, reason: string) =>
    new NfeError('NFE_ACCESS_KEY_INVALID', 'invalid', `The NF-e's access key in ${path} (${quoted(value)}) is not valid: ${reason}`),
  accessKeyMismatch: (what: string) => new NfeError('NFE_ACCESS_KEY_MISMATCH', 'invalid', `The NF-e's access key does not match the document: ${what}`),
};
