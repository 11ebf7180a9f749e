import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildAppSyncSchema } from '../schema';
import type { FieldCaller } from '../contracts';
import { fieldAuthRule, isFieldAllowed } from './field-rules';
import { createRequestAuthenticator } from './authorize-request';
import { createTestUser, testUserPool } from '../../test/support/cognito-users';

const apiKeyCaller: FieldCaller = { authType: 'API Key Authorization', groups: [] };
const shopperCaller: FieldCaller = { authType: 'User Pool Authorization', groups: [] };
const adminCaller: FieldCaller = { authType: 'User Pool Authorization', groups: ['admin'] };

describe('AppSync directive rules', () => {
  const schema = buildAppSyncSchema(`
    type Open @aws_api_key @aws_cognito_user_pools { a: String  keyOnly: String @aws_api_key  staff: String @aws_cognito_user_pools(cognito_groups: ["admin", "auditor"]) }
    type Plain { b: String  public: String @aws_api_key }
    type Iam @aws_iam { c: String }
    type Query {
      undecorated: Plain
      open: Open @aws_api_key @aws_cognito_user_pools
      legacy: String @aws_auth(cognito_groups: ["admin"])
      iam: Iam @aws_iam
    }
  `);

  it('gives a field without directives on it or its type to the default mode only: any signed-in user', () => {
    expect(fieldAuthRule(schema, 'Query', 'undecorated')).toEqual({ apiKey: false, iam: false, cognito: { groups: null } });
    expect(isFieldAllowed(schema, 'Plain', 'b', shopperCaller)).toBe(true);
    expect(isFieldAllowed(schema, 'Plain', 'b', apiKeyCaller)).toBe(false);
  });

  it('applies the type’s directives to fields without their own', () => {
    expect(fieldAuthRule(schema, 'Open', 'a')).toEqual({ apiKey: true, iam: false, cognito: { groups: null } });
  });

  it('lets a field’s directives replace the type’s, dropping the default mode unless named', () => {
    expect(isFieldAllowed(schema, 'Open', 'keyOnly', apiKeyCaller)).toBe(true);
    expect(isFieldAllowed(schema, 'Open', 'keyOnly', adminCaller)).toBe(false);
    expect(isFieldAllowed(schema, 'Plain', 'public', shopperCaller)).toBe(false);
  });

  it('admits members of any listed group and nobody else, API key callers included', () => {
    expect(isFieldAllowed(schema, 'Open', 'staff', { authType: 'User Pool Authorization', groups: ['auditor'] })).toBe(true);
    expect(isFieldAllowed(schema, 'Open', 'staff', adminCaller)).toBe(true);
    expect(isFieldAllowed(schema, 'Open', 'staff', shopperCaller)).toBe(false);
    expect(isFieldAllowed(schema, 'Open', 'staff', apiKeyCaller)).toBe(false);
  });

  it('reads the legacy @aws_auth groups as a Cognito group rule', () => {
    expect(fieldAuthRule(schema, 'Query', 'legacy')).toEqual({ apiKey: false, iam: false, cognito: { groups: ['admin'] } });
  });

  it('lets nobody in through a mode the API does not have (IAM)', () => {
    for (const caller of [apiKeyCaller, shopperCaller, adminCaller]) {
      expect(isFieldAllowed(schema, 'Query', 'iam', caller)).toBe(false);
      expect(isFieldAllowed(schema, 'Iam', 'c', caller)).toBe(false);
    }
  });

  it('always allows __typename', () => {
    expect(isFieldAllowed(schema, 'Iam', '__typename', apiKeyCaller)).toBe(true);
  });

  it('fails loudly for a field the schema does not have', () => {
    expect(() => isFieldAllowed(schema, 'Query', 'nope', adminCaller)).toThrow(/Query has no field nope/);
  });
});

/**
 * The auth matrix of the FarmaCruz API: every Query, Mutation and Subscription field × {no credentials, API key, shopper,
 * staff}, callers authenticated from real headers (real JWTs from the local Cognito). The access class of
 * each field is written here by hand, so a new field must be classified before this test passes.
 */
describe('FarmaCruz schema auth matrix', () => {
  const schema = buildAppSyncSchema(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));
  const API_KEY = 'da2-auth-matrix-test-key';

  type Access = 'public catalog' | 'signed-in users' | 'staff only' | 'backend only (IAM)';
  const ACCESS: Record<string, Access> = {
    'Query.product': 'public catalog',
    'Query.products': 'public catalog',
    'Query.categories': 'public catalog',
    'Query.searchProducts': 'public catalog',
    'Query.searchSuggestions': 'public catalog',
    'Query.order': 'signed-in users',
    'Query.myOrders': 'signed-in users',
    'Query.ordersByStatus': 'staff only',
    'Query.salesAnalytics': 'staff only',
    'Query.salesRange': 'staff only',
    'Mutation.recomputeSimilarProducts': 'staff only',
    'Query.similarityRecompute': 'staff only',
    'Query.productImageUpload': 'staff only',
    'Mutation.createProductImageUpload': 'staff only',
    'Mutation.createCatalogImportUpload': 'staff only',
    'Mutation.confirmCatalogImport': 'staff only',
    'Mutation.recheckCatalogImport': 'staff only',
    'Query.catalogImport': 'staff only',
    'Query.catalogImports': 'staff only',
    'Mutation.createOrder': 'signed-in users',
    'Mutation.startCardPayment': 'signed-in users',
    'Query.shopSettings': 'public catalog',
    'Mutation.updateShopSettings': 'staff only',
    'Mutation.upsertProduct': 'staff only',
    'Mutation.setProductActive': 'staff only',
    'Mutation.updateOrderStatus': 'staff only',
    'Mutation.verifyPrescription': 'staff only',
    'Mutation.adjustStock': 'staff only',
    'Query.staffOrders': 'staff only',
    'Query.staffProducts': 'staff only',
    'Query.stockAdjustments': 'staff only',
    'Query.similarityStatus': 'staff only',
    'Mutation.cancelMyOrder': 'signed-in users',
    'Mutation.deleteMyAccount': 'signed-in users',
    'Mutation.publishOrderChange': 'backend only (IAM)',
    'Subscription.onMyOrderChanged': 'signed-in users',
    'Subscription.onOrderChanged': 'staff only',
  };
  type Who = 'no credentials' | 'API key' | 'shopper' | 'staff';
  const EXPECTED: Record<Access, Record<Who, boolean>> = {
    'public catalog': { 'no credentials': false, 'API key': true, shopper: true, staff: true },
    'signed-in users': { 'no credentials': false, 'API key': false, shopper: true, staff: true },
    'staff only': { 'no credentials': false, 'API key': false, shopper: false, staff: true },
    'backend only (IAM)': { 'no credentials': false, 'API key': false, shopper: false, staff: false },
  };

  const rootFields = ['Query', 'Mutation', 'Subscription'].flatMap((type) => {
    const object = schema.getType(type);
    return object && 'getFields' in object ? Object.keys(object.getFields()).map((field) => `${type}.${field}`) : [];
  });

  const callers = new Map<Who, FieldCaller | null>();

  beforeAll(async () => {
    const pool = testUserPool();
    const authenticator = createRequestAuthenticator({ apiKey: API_KEY, userPool: { issuer: pool.issuer, clientId: pool.clientId } });
    const [shopper, staff] = await Promise.all([createTestUser(), createTestUser({ groups: ['admin'], prefix: 'personal' })]);
    const headersOf: Record<Who, Record<string, string>> = {
      'no credentials': {},
      'API key': { 'x-api-key': API_KEY },
      shopper: { authorization: shopper.idToken },
      staff: { authorization: staff.idToken },
    };
    for (const [who, headers] of Object.entries(headersOf) as [Who, Record<string, string>][]) {
      const outcome = await authenticator.authenticate(headers);
      callers.set(who, outcome.ok ? { authType: outcome.authType, groups: outcome.identity?.groups ?? [] } : null);
    }
  });

  it('classifies every Query, Mutation and Subscription field of the schema, and only those', () => {
    expect(rootFields.sort()).toEqual(Object.keys(ACCESS).sort());
  });

  it('refuses the request without credentials before any field (401)', () => {
    expect(callers.get('no credentials')).toBeNull();
    expect(callers.get('staff')).toEqual({ authType: 'User Pool Authorization', groups: ['admin'] });
  });

  for (const [field, access] of Object.entries(ACCESS)) {
    for (const who of ['no credentials', 'API key', 'shopper', 'staff'] as Who[]) {
      const allowed = EXPECTED[access][who];
      it(`${field} (${access}): ${who} is ${allowed ? 'allowed' : 'refused'}`, () => {
        const [typeName, fieldName] = field.split('.') as [string, string];
        const caller = callers.get(who) ?? null;
        expect(caller !== null && isFieldAllowed(schema, typeName, fieldName, caller)).toBe(allowed);
      });
    }
  }

  it('lets API key callers read every field of the catalog types', () => {
    for (const type of ['Product', 'ProductConnection', 'ProductSearchResult', 'SearchSuggestion', 'Category', 'Money']) {
      const object = schema.getType(type);
      const fields = object && 'getFields' in object ? Object.keys(object.getFields()) : [];
      expect(fields.length).toBeGreaterThan(0);
      for (const field of fields) expect(isFieldAllowed(schema, type, field, apiKeyCaller), `${type}.${field}`).toBe(true);
    }
  });

  it('keeps every field of the staff-only types from API key callers and shoppers', () => {
    for (const type of ['StockAdjustment', 'StockAdjustmentConnection', 'StockAdjustmentResult', 'SimilarityStatus']) {
      const object = schema.getType(type);
      const fields = object && 'getFields' in object ? Object.keys(object.getFields()) : [];
      expect(fields.length).toBeGreaterThan(0);
      for (const field of fields) {
        expect(isFieldAllowed(schema, type, field, apiKeyCaller), `${type}.${field}`).toBe(false);
        expect(isFieldAllowed(schema, type, field, shopperCaller), `${type}.${field}`).toBe(false);
        expect(isFieldAllowed(schema, type, field, adminCaller), `${type}.${field}`).toBe(true);
      }
    }
  });

  it('keeps every field of the order types from API key callers and open to signed-in users', () => {
    for (const type of ['Order', 'OrderConnection', 'OrderLine', 'Address', 'StatusChange', 'PrescriptionVerification']) {
      const object = schema.getType(type);
      const fields = object && 'getFields' in object ? Object.keys(object.getFields()) : [];
      expect(fields.length).toBeGreaterThan(0);
      for (const field of fields) {
        expect(isFieldAllowed(schema, type, field, apiKeyCaller), `${type}.${field}`).toBe(false);
        expect(isFieldAllowed(schema, type, field, shopperCaller), `${type}.${field}`).toBe(true);
      }
    }
  });
});
