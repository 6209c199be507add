import { getNamedType, TypeInfo, validate, visit, visitWithTypeInfo, type ASTNode, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import type { ContractDocument } from '../contract/contract-features.js';
import type { ContractProblem } from '../contract/contract-status.js';
import { classifyProblem, type ProblemLocation } from './classify-problem.js';

/** The problems of one document against `schema` (graphql's own validation), each naming what fails; empty when it is valid. */
export function documentProblems(schema: GraphQLSchema, document: DocumentNode): ContractProblem[] {
  const errors = validate(schema, document);
  if (errors.length === 0) return [];
  const locations = locate(schema, document);
  const problems = errors.map(
    (error) => classifyProblem(error, locationOf(error, locations)) ?? { kind: 'other' as const, name: subjectOf(error), message: error.message },
  );
  return unique(problems);
}

/** Each contract document validated against the live schema. */
export function validateDocuments(
  schema: GraphQLSchema,
  documents: readonly ContractDocument[],
): Array<{ document: ContractDocument; problems: ContractProblem[] }> {
  return documents.map((document) => ({ document, problems: documentProblems(schema, document.document) }));
}

/** TypeInfo at every node of the document: the parent type, field, argument and input type there. */
function locate(schema: GraphQLSchema, document: DocumentNode): Map<ASTNode, ProblemLocation> {
  const typeInfo = new TypeInfo(schema);
  const found = new Map<ASTNode, ProblemLocation>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      enter(node) {
        const parentInput = typeInfo.getParentInputType();
        found.set(node, {
          parentType: typeInfo.getParentType()?.name,
          field: typeInfo.getFieldDef()?.name,
          argument: typeInfo.getArgument()?.name,
          inputType: parentInput ? getNamedType(parentInput).name : undefined,
        });
      },
    }),
  );
  return found;
}

/** The location of the error's last node (a variable's use rather than its definition). */
function locationOf(error: GraphQLError, locations: Map<ASTNode, ProblemLocation>): ProblemLocation {
  const nodes = error.nodes ?? [];
  for (let i = nodes.length - 1; i >= 0; i -= 1) {
    const at = locations.get(nodes[i]);
    if (at) return at;
  }
  return {};
}

function subjectOf(error: GraphQLError): string {
  return /"([^"]+)"/.exec(error.message)?.[1] ?? 'document';
}

function unique(problems: ContractProblem[]): ContractProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.kind}:${problem.name}:${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
