import { classifyProblem, isVariableValueError, problemLine } from './classify-problem.js';

describe('classifyProblem: a validation message → the field, argument or type that fails', () => {
  it.each([
    ['graphql-js field', 'Cannot query field "totalCents" on type "LineItem". Did you mean "itemAmountCents"?', 'field', 'LineItem.totalCents'],
    ['graphql-js argument', 'Unknown argument "updatedSince" on field "Query.invoices".', 'argument', 'Query.invoices(updatedSince)'],
    ['graphql-js type', 'Unknown type "InvoiceStatusEnum". Did you mean "InvoiceStatus"?', 'type', 'InvoiceStatusEnum'],
    ['graphql-js input field', 'Field "notDispatched" is not defined by type "InvoiceFilters".', 'field', 'InvoiceFilters.notDispatched'],
    ['graphql-js enum value', 'Value "REFUNDED" does not exist in "LineItemStatusEnum" enum.', 'type', 'LineItemStatusEnum.REFUNDED'],
    ['graphql-ruby field', "Field 'totalCents' doesn't exist on type 'LineItem'", 'field', 'LineItem.totalCents'],
    ['graphql-ruby argument', "Field 'invoices' doesn't accept argument 'updatedSince'", 'argument', 'invoices(updatedSince)'],
    ['graphql-ruby input field', "InputObject 'InvoiceFilters' doesn't accept argument 'notDispatched'", 'field', 'InvoiceFilters.notDispatched'],
    ['graphql-ruby fragment type', "No such type DeletedAdvert, so it can't be a fragment condition", 'type', 'DeletedAdvert'],
    ['graphql-ruby variable type', "InvoiceStatusEnum isn't a defined input type (on $statuses)", 'type', 'InvoiceStatusEnum'],
  ])('%s', (_case, message, kind, name) => {
    expect(classifyProblem({ message })).toEqual({ kind, name, message });
  });

  it("reads graphql-ruby's extensions before its wording", () => {
    expect(classifyProblem({ message: 'anything', extensions: { code: 'undefinedField', typeName: 'LineItem', fieldName: 'postageCents' } })).toMatchObject({
      kind: 'field',
      name: 'LineItem.postageCents',
    });
  });

  it('uses where the error points for what the message leaves out', () => {
    expect(
      classifyProblem({ message: 'Field "node" argument "scope" of type "String!" is required, but it was not provided.' }, { parentType: 'Query' }),
    ).toMatchObject({
      kind: 'argument',
      name: 'Query.node(scope)',
    });
  });

  it('is null for an execution error (the document passed validation)', () => {
    expect(classifyProblem({ message: 'Not authorized to access Invoice', extensions: { code: 'FORBIDDEN' } })).toBeNull();
    expect(classifyProblem({ message: 'Could not resolve to a node with the global id of ContractCheck-0' })).toBeNull();
  });

  it("tells a refusal of the probe's own variable values", () => {
    expect(isVariableValueError({ message: 'Variable "$id" got invalid value "x"; Expected type "ID".' })).toBe(true);
    expect(isVariableValueError({ message: 'Variable $updatedSince of type ISO8601DateTime! was provided invalid value' })).toBe(true);
    expect(isVariableValueError({ message: 'Cannot query field "x" on type "Y".' })).toBe(false);
  });

  it('writes a problem on one line, its name first', () => {
    expect(problemLine({ kind: 'field', name: 'LineItem.totalCents', message: 'Cannot query field "totalCents" on type "LineItem".' })).toBe(
      'LineItem.totalCents: Cannot query field "totalCents" on type "LineItem".',
    );
  });
});
