import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  type GraphQLArgument,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from 'graphql';
import { fieldName } from './field-names';

/**
 * Arguments that only wrap a mutation's fields (`registerAsset(input: …)`, `updateAsset(changes: …)`):
 * the validation pipe and the services name the fields inside them (`input.name`, `changes.note`),
 * never the wrapper itself, which GraphQL already requires to be an object of its type.
 */
const CONTAINERS = new Set(['input', 'changes']);

const schema = buildSchema(readFileSync(join(__dirname, '../../../schema.gql'), 'utf8'));

/** `items` of a list is reported as `items[0].note`: the path of the fields of an argument or field. */
function itemPath(path: string, type: GraphQLInputType): string {
  const inner = isNonNullType(type) ? type.ofType : type;
  return isListType(inner) ? `${path}[0]` : path;
}

/**
 * Every path a refusal can name under `path` (of type `type`), as the API reports it
 * (`input.channelLimits[0].minPercent`), with the input field it stands for.
 */
function nestedPaths(
  path: string,
  type: GraphQLInputType,
  within: ReadonlySet<string>,
): Array<{ path: string; field: string }> {
  const named = getNamedType(type);
  if (!isInputObjectType(named) || within.has(named.name)) return [];
  const object: GraphQLInputObjectType = named;
  const inside = new Set([...within, object.name]);
  const base = itemPath(path, type);
  return Object.values(object.getFields()).flatMap((f) => [
    { path: `${base}.${f.name}`, field: `${object.name}.${f.name}` },
    ...nestedPaths(`${base}.${f.name}`, f.type, inside),
  ]);
}

/** A mutation's argument itself (unless a container) and every field under it. */
function argumentPaths(operation: string, arg: GraphQLArgument): Array<{ path: string; where: string }> {
  const own = CONTAINERS.has(arg.name) ? [] : [{ path: arg.name, where: `${operation}(${arg.name})` }];
  return [
    ...own,
    ...nestedPaths(arg.name, arg.type, new Set()).map((p) => ({
      path: p.path,
      where: `${operation}: ${p.field}`,
    })),
  ];
}

/**
 * Every input a user can get wrong, as a refusal names it: each argument of each mutation and each
 * field of the input objects under it; of the queries, the fields of their input objects (filters,
 * thresholds, orders). An input object no operation reaches is walked on its own.
 */
function allPaths(): Array<{ path: string; where: string }> {
  const out: Array<{ path: string; where: string }> = [];
  const reached = new Set<string>();
  const note = (type: GraphQLInputType) => {
    const named = getNamedType(type);
    if (isInputObjectType(named) && !reached.has(named.name)) {
      reached.add(named.name);
      Object.values(named.getFields()).forEach((f) => note(f.type));
    }
  };
  for (const [name, mutation] of Object.entries(schema.getMutationType()!.getFields())) {
    for (const arg of mutation.args) {
      out.push(...argumentPaths(`Mutation.${name}`, arg));
      note(arg.type);
    }
  }
  for (const [name, query] of Object.entries(schema.getQueryType()!.getFields())) {
    for (const arg of query.args) {
      out.push(
        ...nestedPaths(arg.name, arg.type, new Set()).map((p) => ({
          path: p.path,
          where: `Query.${name}: ${p.field}`,
        })),
      );
      note(arg.type);
    }
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (isInputObjectType(type) && !type.name.startsWith('__') && !reached.has(type.name)) {
      out.push(...nestedPaths('input', type, new Set()).map((p) => ({ path: p.path, where: p.field })));
    }
  }
  return out;
}

describe('the Chinese names of the input fields (schema.gql)', () => {
  const paths = allPaths();

  it('walks every mutation argument and every input field, nested ones by their reported path', () => {
    const all = paths.map((p) => `${p.where} ${p.path}`);
    expect(all).toContain(
      'Mutation.setDistributionPolicy: ChannelLimitInput.minPercent input.channelLimits[0].minPercent',
    );
    expect(all).toContain(
      'Mutation.confirmInventoryItems: ConfirmInventoryItemInput.observedStatus items[0].observedStatus',
    );
    expect(all).toContain('Mutation.confirmInventoryItem(observedStatus) observedStatus');
    expect(all).toContain('Query.redFlags: RedFlagThresholds.idleDays thresholds.idleDays');
    expect(paths.length).toBeGreaterThan(500);
  });

  it('names every field a refusal can name, as the console labels it (else the user reads its path)', () => {
    const unnamed = paths.filter((p) => fieldName(p.path) === undefined).map((p) => `${p.where} → ${p.path}`);
    expect(unnamed).toEqual([]);
  });
});
