import type { GraphQLAnswerError } from '../client/marketplacer-client.js';
import type { ContractProblem } from '../contract/contract-status.js';
import { MarketplacerError } from '../errors/marketplacer-error.js';

/** Where in the document an error points, when the document was validated here (graphql's TypeInfo at the error's node). */
export interface ProblemLocation {
  /** The type the field is selected on. */
  parentType?: string;
  field?: string;
  argument?: string;
  /** The input object type a literal's field belongs to. */
  inputType?: string;
}

type Rule = (match: RegExpExecArray, at: ProblemLocation) => Pick<ContractProblem, 'kind' | 'name'>;

const fieldOf = (type: string | undefined, field: string) => (type ? `${type}.${field}` : field);
const argumentOf = (type: string | undefined, field: string | undefined, argument: string) => `${fieldOf(type, field ?? '?')}(${argument})`;

/**
 * Validation messages of graphql-js (the simulator, Apollo servers; graphql 16's wording) and of
 * graphql-ruby (Marketplacer), each turned into the field, argument or type that fails. Order matters:
 * the first rule that matches wins.
 */
const RULES: Array<[RegExp, Rule]> = [
  // graphql-js
  [/^Cannot query field "(\w+)" on type "(\w+)"/, (m) => ({ kind: 'field', name: `${m[2]}.${m[1]}` })],
  [/^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"/, (m) => ({ kind: 'argument', name: `${m[2]}.${m[3]}(${m[1]})` })],
  [/^Unknown argument "(\w+)" on directive "@(\w+)"/, (m) => ({ kind: 'argument', name: `@${m[2]}(${m[1]})` })],
  [/^Field "(\w+)" argument "(\w+)" of type "[^"]+" is required/, (m, at) => ({ kind: 'argument', name: argumentOf(at.parentType, m[1], m[2]) })],
  [/^Unknown type "(\w+)"/, (m) => ({ kind: 'type', name: m[1] })],
  [/^Field "(\w+)\.(\w+)" of required type "[^"]+" was not provided/, (m) => ({ kind: 'field', name: `${m[1]}.${m[2]}` })],
  [/^Field "(\w+)" is not defined by type "(\w+)"/, (m) => ({ kind: 'field', name: `${m[2]}.${m[1]}` })],
  [/^Field "(\w+)" (?:must not have a selection|of type "[^"]+" must have a selection)/, (m, at) => ({ kind: 'field', name: fieldOf(at.parentType, m[1]) })],
  [/^Value "(\w+)" does not exist in "(\w+)" enum/, (m) => ({ kind: 'type', name: `${m[2]}.${m[1]}` })],
  [
    /^Variable "\$(\w+)" of type "[^"]+" used in position expecting type "[^"]+"/,
    (m, at) => ({
      kind: 'argument',
      name: at.argument ? argumentOf(at.parentType, at.field, at.argument) : at.inputType ? `${at.inputType} ($${m[1]})` : `$${m[1]}`,
    }),
  ],
  [/^Variable "\$\w+" cannot be non-input type "(\w+)"/, (m) => ({ kind: 'type', name: m[1] })],
  [/^Fragment (?:"\w+" )?cannot be spread here as objects of type "(\w+)" can never be of type "(\w+)"/, (m) => ({ kind: 'type', name: m[2] })],
  [/^Fragment (?:"\w+" )?cannot condition on non composite type "(\w+)"/, (m) => ({ kind: 'type', name: m[1] })],
  [/^Expected value of type "([^"]+)", found/, (m, at) => ({ kind: 'argument', name: at.argument ? argumentOf(at.parentType, at.field, at.argument) : m[1] })],
  [/^Fields "(\w+)" conflict because/, (m) => ({ kind: 'other', name: m[1] })],
  // graphql-ruby
  [/^Field '(\w+)' doesn't exist on type '(\w+)'/, (m) => ({ kind: 'field', name: `${m[2]}.${m[1]}` })],
  [/^(?:InputObject|Input Object) '(\w+)' doesn't accept argument '(\w+)'/, (m) => ({ kind: 'field', name: `${m[1]}.${m[2]}` })],
  [/^Field '(\w+)' doesn't accept argument '(\w+)'/, (m, at) => ({ kind: 'argument', name: argumentOf(at.parentType, m[1], m[2]) })],
  [/^Directive '@?(\w+)' doesn't accept argument '(\w+)'/, (m) => ({ kind: 'argument', name: `@${m[1]}(${m[2]})` })],
  [/^Field '(\w+)' is missing required arguments: (.+)$/, (m, at) => ({ kind: 'argument', name: argumentOf(at.parentType, m[1], m[2].trim()) })],
  [/^Argument '(\w+)' on InputObject '(\w+)' is required/, (m) => ({ kind: 'field', name: `${m[2]}.${m[1]}` })],
  [/^Argument '(\w+)' on Field '(\w+)' has an invalid value/, (m, at) => ({ kind: 'argument', name: argumentOf(at.parentType, m[2], m[1]) })],
  [/^No such type (\w+), so it can't be a fragment condition/, (m) => ({ kind: 'type', name: m[1] })],
  [/^(\w+) isn't a defined input type/, (m) => ({ kind: 'type', name: m[1] })],
  [/^Type mismatch on variable \$\w+ and argument (\w+)/, (m, at) => ({ kind: 'argument', name: at.field ? argumentOf(at.parentType, at.field, m[1]) : m[1] })],
  [/^Field must have selections \(field '(\w+)'/, (m, at) => ({ kind: 'field', name: fieldOf(at.parentType, m[1]) })],
  [/^Selections can't be made on scalars \(field '(\w+)'/, (m, at) => ({ kind: 'field', name: fieldOf(at.parentType, m[1]) })],
  [/^Fragment on (\w+) can't be spread inside (\w+)/, (m) => ({ kind: 'type', name: m[1] })],
];

/** graphql-ruby's extension codes, which carry the names without parsing the message. */
function fromRubyExtensions(extensions: Record<string, unknown> | undefined): Pick<ContractProblem, 'kind' | 'name'> | null {
  const text = (key: string) => (typeof extensions?.[key] === 'string' ? extensions[key] : undefined);
  switch (text('code')) {
    case 'undefinedField':
      return text('typeName') && text('fieldName') ? { kind: 'field', name: `${text('typeName')}.${text('fieldName')}` } : null;
    case 'undefinedType':
      return text('typeName') ? { kind: 'type', name: text('typeName')! } : null;
    default:
      return null;
  }
}

/**
 * The field, argument or type a GraphQL validation error names, or null when the error is not a
 * refusal of the document by the schema (an execution error: not found, not allowed; or a variable
 * value of the probe's own making, see isVariableValueError).
 */
export function classifyProblem(error: GraphQLAnswerError, at: ProblemLocation = {}): ContractProblem | null {
  const message = error.message.trim();
  const known = fromRubyExtensions(error.extensions as Record<string, unknown> | undefined);
  if (known) return { ...known, message };
  for (const [pattern, rule] of RULES) {
    const match = pattern.exec(message);
    if (match) return { ...rule(match, at), message };
  }
  return null;
}

/** An error about a variable's value (the probe's harmless values), not about the document. */
export function isVariableValueError(error: GraphQLAnswerError): boolean {
  return /^Variable "?\$\w+"? (?:got invalid value|of required type .* was not provided|of non-null type .* must not be null|of type .* was provided invalid value)/.test(
    error.message.trim(),
  );
}

/** A problem as one line: `LineItem.totalCents: Cannot query field "totalCents" on type "LineItem".` */
export function problemLine(problem: ContractProblem): string {
  return problem.message.startsWith(problem.name) ? problem.message : `${problem.name}: ${problem.message}`;
}

/**
 * A refusal of the document itself seen while calling (not of its data): each problem the answer's errors
 * name, as one line, or null when the error is something else. The client keeps of each error its message
 * and, without a path, its extension code (as the detail's field).
 */
export function schemaRefusalOf(error: unknown): string[] | null {
  if (!(error instanceof MarketplacerError) || error.code !== 'MARKETPLACER_GRAPHQL_ERROR') return null;
  const problems = error.details.flatMap((detail) =>
    detail.messages.map((message) => classifyProblem({ message, extensions: { code: detail.field } })).filter((problem) => problem !== null),
  );
  return problems.length === 0 ? null : problems.map(problemLine);
}
