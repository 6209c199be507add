import { MarketplacerError } from './marketplacer-error.js';
import { checkMutationPayload, requirePayloadObject } from './mutation-payload.js';
import { thrownBy } from '#common/testing';

describe('checkMutationPayload', () => {
  it('passes a payload without errors through', () => {
    const payload = { status: 200, errors: [], advert: { id: 'a' } };
    expect(checkMutationPayload('advertUpsert', payload)).toBe(payload);
    expect(checkMutationPayload('advertUpsert', { errors: null })).toEqual({ errors: null });
  });

  it('turns payload errors into MARKETPLACER_VALIDATION_FAILED with the messages verbatim', () => {
    const error = thrownBy(MarketplacerError, () =>
      checkMutationPayload('shipmentCreate', {
        status: 422,
        errors: [{ field: 'dispatchedAt', messages: ['Dispatched at is before shipped items were ordered'] }],
      }),
    );
    expect(error.code).toBe('MARKETPLACER_VALIDATION_FAILED');
    expect(error.kind).toBe('unprocessable');
    expect(error.details).toEqual([{ field: 'dispatchedAt', messages: ['Dispatched at is before shipped items were ordered'] }]);
    expect(error.message).toContain('shipmentCreate');
    expect(error.message).toContain('Dispatched at is before shipped items were ordered');
  });

  it('reports "No object found" for the subject of the mutation as MARKETPLACER_NOT_FOUND', () => {
    const error = thrownBy(MarketplacerError, () =>
      checkMutationPayload('refundRequestDeny', { errors: [{ field: 'refundRequestId', messages: ['No object found for refundRequestId: UmVm'] }] }, [
        'refundRequestId',
      ]),
    );
    expect(error.code).toBe('MARKETPLACER_NOT_FOUND');
    expect(error.kind).toBe('not_found');
  });

  it('treats a failing status without errors as a failure', () => {
    expect(thrownBy(MarketplacerError, () => checkMutationPayload('advertDelete', { status: 500, errors: [] })).code).toBe('MARKETPLACER_VALIDATION_FAILED');
  });

  it('treats a missing payload or object as an unexpected response', () => {
    expect(thrownBy(MarketplacerError, () => checkMutationPayload('advertDelete', null)).code).toBe('MARKETPLACER_UNEXPECTED_RESPONSE');
    expect(thrownBy(MarketplacerError, () => requirePayloadObject('advertUpsert', 'advert', null)).code).toBe('MARKETPLACER_UNEXPECTED_RESPONSE');
    expect(requirePayloadObject('advertUpsert', 'advert', { id: 'a' })).toEqual({ id: 'a' });
  });

  it('reports "No object found" for a reference in the input as a validation failure, with its messages', () => {
    const error = thrownBy(MarketplacerError, () =>
      checkMutationPayload('advertUpsert', { errors: [{ field: 'brandId', messages: ['No object found for brandId: QnJhbmQtOTk='] }] }, ['advertId']),
    );
    expect(error.code).toBe('MARKETPLACER_VALIDATION_FAILED');
    expect(error.details).toEqual([{ field: 'brandId', messages: ['No object found for brandId: QnJhbmQtOTk='] }]);
    const mixed = thrownBy(MarketplacerError, () =>
      checkMutationPayload(
        'advertUpsert',
        {
          errors: [
            { field: 'advertId', messages: ['No object found for advertId: x'] },
            { field: 'taxonId', messages: ['No object found for taxonId: y'] },
          ],
        },
        ['advertId'],
      ),
    );
    expect(mixed.code).toBe('MARKETPLACER_VALIDATION_FAILED');
  });
});
