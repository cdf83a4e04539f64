/**
 * Limits on what one GraphQL operation may ask, decided before anything executes:
 *
 * - **shape** (`checkQueryShape`, from the query text alone, before GraphQL validation, whose own cost
 *   grows faster than the document): at most `maxTokens` tokens (the parser stops counting there),
 *   `maxDepth` levels of fields, `maxFields` fields and `maxAliases` aliases, fragments expanded;
 * - **cost** (`operationCost`, on the validated operation with the schema): every field costs 1 if it
 *   returns an object, 0 if a scalar, or its price in {@link FIELD_COSTS} (whole-ledger checks, exports,
 *   proofs); what a connection's nodes cost is multiplied by the page size asked (`first`);
 * - **budget** (`CostBudget`): each caller (signed-in user, otherwise client address) may spend
 *   `budgetPerMinute` cost units per minute (a token bucket).
 *
 * Pure: no framework code (the plugin in query-limits.plugin.ts applies it).
 */
import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  GraphQLError,
  GraphQLNamedType,
  GraphQLSchema,
  isInterfaceType,
  isLeafType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  parse,
  SchemaMetaFieldDef,
  SelectionSetNode,
  TypeMetaFieldDef,
  ValueNode,
} from 'graphql';
import { DomainError, ErrorCode } from '@/common/errors';

export interface ShapeLimits {
  maxTokens: number;
  maxDepth: number;
  maxFields: number;
  maxAliases: number;
}

/** Prices of the fields that cost more than reading a row: whole-ledger checks, exports, proofs. */
export const FIELD_COSTS: Readonly<Record<string, number>> = {
  'Query.verifyLedger': 2500,
  'Query.reconcile': 2500,
  'Query.exportEvidence': 500,
  'Query.inclusionProof': 50,
  'Query.consistencyProof': 50,
  'Query.history': 20,
};

/** Every `export…` mutation writes a workbook and stores it as a file. */
export const EXPORT_MUTATION_COST = 500;

/** Page size assumed for a connection asked without `first` (the API's default). */
const DEFAULT_PAGE = 50;

export function fieldCost(parentType: string, field: string, returnsLeaf: boolean): number {
  const priced = FIELD_COSTS[`${parentType}.${field}`];
  if (priced !== undefined) return priced;
  if (parentType === 'Mutation' && field.startsWith('export')) return EXPORT_MUTATION_COST;
  return returnsLeaf ? 0 : 1;
}

export interface QueryShape {
  depth: number;
  fields: number;
  aliases: number;
  introspection: boolean;
}

/** Stops a walk as soon as a limit is passed (a fragment bomb is never fully expanded). */
class LimitPassed extends Error {
  constructor(readonly error: DomainError) {
    super(error.message);
  }
}

function tooComplex(code: ErrorCode, message: string, details: Record<string, unknown>): DomainError {
  return new DomainError(code, message, details);
}

/**
 * Parses `query` with the token limit and measures the operation(s) it holds. Returns the refusal, or
 * null when the text is within the limits or is not a valid document (GraphQL then reports the syntax
 * error itself).
 */
export function checkQueryShape(query: string, limits: ShapeLimits): DomainError | null {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens, noLocation: true });
  } catch (error) {
    if (
      error instanceof GraphQLError &&
      /Document contains more th(?:an|at) \d+ tokens/.test(error.message)
    ) {
      return tooComplex(
        ErrorCode.QUERY_TOO_LARGE,
        `The query has more than ${limits.maxTokens} tokens: split it into smaller ones`,
        { maxTokens: limits.maxTokens },
      );
    }
    return null;
  }
  try {
    measureDocument(document, limits);
    return null;
  } catch (error) {
    if (error instanceof LimitPassed) return error.error;
    throw error;
  }
}

/** The largest shape among the document's operations; throws LimitPassed at the first limit passed. */
export function measureDocument(document: DocumentNode, limits?: ShapeLimits): QueryShape {
  const fragments = fragmentsOf(document);
  const total: QueryShape = { depth: 0, fields: 0, aliases: 0, introspection: false };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const shape: QueryShape = { depth: 0, fields: 0, aliases: 0, introspection: false };
    walkShape(definition.selectionSet, 1, fragments, [], shape, limits);
    total.depth = Math.max(total.depth, shape.depth);
    total.fields = Math.max(total.fields, shape.fields);
    total.aliases = Math.max(total.aliases, shape.aliases);
    total.introspection ||= shape.introspection;
  }
  return total;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const map = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) map.set(d.name.value, d);
  return map;
}

function walkShape(
  set: SelectionSetNode,
  depth: number,
  fragments: Map<string, FragmentDefinitionNode>,
  path: string[],
  shape: QueryShape,
  limits: ShapeLimits | undefined,
): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      shape.fields += 1;
      if (selection.alias) shape.aliases += 1;
      if (selection.name.value === '__schema' || selection.name.value === '__type')
        shape.introspection = true;
      shape.depth = Math.max(shape.depth, depth);
      if (limits) {
        if (shape.depth > limits.maxDepth)
          throw new LimitPassed(
            tooComplex(
              ErrorCode.QUERY_TOO_DEEP,
              `The query nests fields deeper than ${limits.maxDepth} levels`,
              {
                maxDepth: limits.maxDepth,
              },
            ),
          );
        if (shape.fields > limits.maxFields)
          throw new LimitPassed(
            tooComplex(
              ErrorCode.QUERY_TOO_MANY_FIELDS,
              `The query asks for more than ${limits.maxFields} fields (fragments counted where used)`,
              { maxFields: limits.maxFields },
            ),
          );
        if (shape.aliases > limits.maxAliases)
          throw new LimitPassed(
            tooComplex(
              ErrorCode.QUERY_TOO_MANY_ALIASES,
              `The query uses more than ${limits.maxAliases} aliases`,
              {
                maxAliases: limits.maxAliases,
              },
            ),
          );
      }
      if (selection.selectionSet)
        walkShape(selection.selectionSet, depth + 1, fragments, path, shape, limits);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      walkShape(selection.selectionSet, depth, fragments, path, shape, limits);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      // An unknown or cyclic fragment is GraphQL validation's to report.
      if (!fragment || path.includes(name)) continue;
      walkShape(fragment.selectionSet, depth, fragments, [...path, name], shape, limits);
    }
  }
}

/**
 * What a validated operation costs (see the module comment). Fragments are expanded; variables give the
 * `first` of connections.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  maxPage = Number.POSITIVE_INFINITY,
): number {
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!root) return 0;
  const walk: Walk = { schema, fragments: fragmentsOf(document), variables: variables ?? {}, maxPage };
  return selectionCost(walk, operation.selectionSet, root, []);
}

/** What a cost walk carries along. */
interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** A page is never larger than this (a larger `first` is refused by the resolver itself). */
  maxPage: number;
}

function selectionCost(walk: Walk, set: SelectionSetNode, parent: GraphQLNamedType, path: string[]): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      cost += fieldNodeCost(walk, selection, parent, path);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      if (type) cost += selectionCost(walk, selection.selectionSet, type, path);
    } else {
      const fragment = walk.fragments.get(selection.name.value);
      if (!fragment || path.includes(fragment.name.value)) continue;
      const type = walk.schema.getType(fragment.typeCondition.name.value);
      if (type) cost += selectionCost(walk, fragment.selectionSet, type, [...path, fragment.name.value]);
    }
  }
  return cost;
}

function fieldNodeCost(walk: Walk, node: FieldNode, parent: GraphQLNamedType, path: string[]): number {
  const name = node.name.value;
  if (name === '__typename') return 0;
  const definition =
    name === '__schema'
      ? SchemaMetaFieldDef
      : name === '__type'
        ? TypeMetaFieldDef
        : isObjectType(parent) || isInterfaceType(parent)
          ? parent.getFields()[name]
          : undefined;
  const type = definition ? getNamedType(definition.type) : undefined;
  const own = fieldCost(parent.name, name, type ? isLeafType(type) : !node.selectionSet);
  if (!node.selectionSet || !type) return own;
  const children = selectionCost(walk, node.selectionSet, type, path);
  const takesFirst = definition?.args.some((a) => a.name === 'first') ?? false;
  return own + children * (takesFirst ? pageOf(node, walk) : 1);
}

function pageOf(node: FieldNode, walk: Walk): number {
  const arg = node.arguments?.find((a) => a.name.value === 'first');
  const value = arg ? valueOf(arg.value, walk.variables) : undefined;
  const page = typeof value === 'number' && Number.isFinite(value) ? Math.max(1, value) : DEFAULT_PAGE;
  return Math.min(page, walk.maxPage);
}

function valueOf(node: ValueNode, variables: Record<string, unknown>): unknown {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  return undefined;
}

/**
 * Per-caller token buckets of cost units: full at `perMinute`, refilled continuously at `perMinute`
 * per minute. At most `maxCallers` are remembered (the least recently seen are forgotten: full again).
 */
export class CostBudget {
  private readonly buckets = new Map<string, { units: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxCallers = 10_000,
  ) {}

  /** Takes `cost` units from `caller`; returns the seconds to wait when there are not enough. */
  take(caller: string, cost: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.now();
    const bucket = this.buckets.get(caller) ?? { units: this.perMinute, at: now };
    this.buckets.delete(caller);
    bucket.units = Math.min(this.perMinute, bucket.units + ((now - bucket.at) / 60_000) * this.perMinute);
    bucket.at = now;
    this.buckets.set(caller, bucket);
    if (this.buckets.size > this.maxCallers) {
      this.buckets.delete(this.buckets.keys().next().value as string);
    }
    // An operation dearer than a whole minute's budget needs a full bucket, not more than there can be.
    const needed = Math.min(cost, this.perMinute);
    if (needed > bucket.units) {
      const missing = needed - bucket.units;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((missing / this.perMinute) * 60)) };
    }
    bucket.units -= needed;
    return { ok: true };
  }
}
