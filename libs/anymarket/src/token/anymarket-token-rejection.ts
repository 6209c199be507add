/** Why an x-anymarket-token was refused; logged (never the token itself). */
export type AnymarketTokenRejectionReason =
  | 'missing token'
  | 'malformed'
  | 'unsigned'
  | 'algorithm not allowed'
  | 'bad signature'
  | 'expired'
  | 'not yet valid'
  | 'missing exp'
  | 'missing oi'
  | 'unusable oi'
  | 'invalid';

export class AnymarketTokenRejection extends Error {
  constructor(
    readonly reason: AnymarketTokenRejectionReason,
    /** What the JWT library said, when the reason alone does not cover it. */
    readonly detail?: string,
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
    this.name = 'AnymarketTokenRejection';
  }
}

/** Maps what passport-jwt and jsonwebtoken report (or a rejection already made) to a rejection reason. */
export function rejectionFrom(failure: unknown): AnymarketTokenRejection {
  if (failure instanceof AnymarketTokenRejection) return failure;
  const error = failure instanceof Error ? failure : undefined;
  const message = error?.message ?? (typeof failure === 'string' ? failure : 'unknown failure');
  if (error?.name === 'TokenExpiredError') return new AnymarketTokenRejection('expired');
  if (error?.name === 'NotBeforeError') return new AnymarketTokenRejection('not yet valid');
  switch (message) {
    case 'jwt must be provided':
    case 'No auth token': // passport-jwt, when the header is absent or empty
      return new AnymarketTokenRejection('missing token');
    case 'invalid algorithm':
      return new AnymarketTokenRejection('algorithm not allowed');
    case 'invalid signature':
      return new AnymarketTokenRejection('bad signature');
    case 'jwt signature is required':
      return new AnymarketTokenRejection('unsigned');
    case 'jwt malformed':
    case 'invalid token':
      return new AnymarketTokenRejection('malformed');
    default:
      return new AnymarketTokenRejection(error?.name === 'SyntaxError' ? 'malformed' : 'invalid', message);
  }
}
