/** Builds an executable GraphQL schema from an AppSync schema file (AWS scalars and directives declared). */
import { buildSchema, GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { awsScalars } from './scalars';

const APPSYNC_PRELUDE = readFileSync(new URL('./aws-appsync.graphql', import.meta.url), 'utf8');

export function buildAppSyncSchema(sdl: string): GraphQLSchema {
  const schema = buildSchema(`${APPSYNC_PRELUDE}\n${sdl}`);
  for (const scalar of awsScalars) {
    const declared = schema.getType(scalar.name);
    if (declared instanceof GraphQLScalarType) {
      // buildSchema makes pass-through scalars; give them AppSync's validation.
      declared.serialize = scalar.serialize;
      declared.parseValue = scalar.parseValue;
      declared.parseLiteral = scalar.parseLiteral;
      declared.description = scalar.description;
    }
  }
  return schema;
}
