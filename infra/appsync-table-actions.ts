/**
 * The DynamoDB actions an APPSYNC_JS bundle asks AppSync to perform, read from the bundle itself, so the
 * data source role grants exactly what the wired resolvers use (infra/constructs/graphql-api.ts).
 *
 * Resolvers build requests with `@aws-appsync/utils/dynamodb` helpers (`ddb.get(…)`, `ddb.transactWrite({
 * items: [{ putItem: … }] })`) or raw `operation: 'GetItem'` objects; both are recognised. A request this
 * reader cannot name (e.g. an operation held in a variable) fails the synth rather than being guessed.
 */

/** IAM actions behind each `@aws-appsync/utils/dynamodb` helper. Transactions are authorised per item. */
const HELPER_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  get: ['dynamodb:GetItem'],
  put: ['dynamodb:PutItem'],
  update: ['dynamodb:UpdateItem'],
  remove: ['dynamodb:DeleteItem'],
  query: ['dynamodb:Query'],
  scan: ['dynamodb:Scan'],
  sync: ['dynamodb:Scan'],
  batchGet: ['dynamodb:BatchGetItem'],
  batchPut: ['dynamodb:BatchWriteItem'],
  batchDelete: ['dynamodb:BatchWriteItem'],
  transactGet: ['dynamodb:GetItem'],
  // Its items' kinds are read separately (TRANSACT_ITEM_ACTIONS).
  transactWrite: [],
};

const TRANSACT_ITEM_ACTIONS: Readonly<Record<string, string>> = {
  putItem: 'dynamodb:PutItem',
  updateItem: 'dynamodb:UpdateItem',
  deleteItem: 'dynamodb:DeleteItem',
  conditionCheck: 'dynamodb:ConditionCheckItem',
};

/** Raw request objects: `operation: 'X'`. */
const OPERATION_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  GetItem: ['dynamodb:GetItem'],
  PutItem: ['dynamodb:PutItem'],
  UpdateItem: ['dynamodb:UpdateItem'],
  DeleteItem: ['dynamodb:DeleteItem'],
  Query: ['dynamodb:Query'],
  Scan: ['dynamodb:Scan'],
  Sync: ['dynamodb:Scan'],
  BatchGetItem: ['dynamodb:BatchGetItem'],
  BatchPutItem: ['dynamodb:BatchWriteItem'],
  BatchDeleteItem: ['dynamodb:BatchWriteItem'],
  TransactGetItems: ['dynamodb:GetItem'],
  TransactWriteItems: [],
};

export function dynamoDbActionsOfBundle(code: string, name: string): Set<string> {
  const actions = new Set<string>();
  let transactWrite = false;
  for (const match of code.matchAll(/\bddb\.([A-Za-z]+)\s*\(/g)) {
    const helper = match[1]!;
    const mapped = HELPER_ACTIONS[helper];
    if (!mapped) throw new Error(`${name}: no IAM mapping for @aws-appsync/utils/dynamodb helper ddb.${helper} (infra/appsync-table-actions.ts)`);
    mapped.forEach((action) => actions.add(action));
    if (helper === 'transactWrite') transactWrite = true;
  }
  for (const match of code.matchAll(/\boperation\s*:\s*([^,}\n]+)/g)) {
    const literal = match[1]!.trim().match(/^["'`]([A-Za-z]+)["'`]$/);
    if (!literal) throw new Error(`${name}: a DynamoDB request's operation is not a literal (${match[1]!.trim()}); its IAM action cannot be derived`);
    const mapped = OPERATION_ACTIONS[literal[1]!];
    if (!mapped) throw new Error(`${name}: no IAM mapping for DynamoDB operation ${literal[1]}`);
    mapped.forEach((action) => actions.add(action));
    if (literal[1] === 'TransactWriteItems') transactWrite = true;
  }
  if (transactWrite) {
    let kinds = 0;
    for (const match of code.matchAll(/\b(putItem|updateItem|deleteItem|conditionCheck)\s*:/g)) {
      actions.add(TRANSACT_ITEM_ACTIONS[match[1]!]!);
      kinds++;
    }
    for (const match of code.matchAll(/\boperation\s*:\s*["'](PutItem|UpdateItem|DeleteItem|ConditionCheck)["']/g)) {
      actions.add(match[1] === 'ConditionCheck' ? 'dynamodb:ConditionCheckItem' : `dynamodb:${match[1]}`);
      kinds++;
    }
    if (!kinds) throw new Error(`${name}: writes a transaction whose item kinds cannot be read from the bundle`);
  }
  return actions;
}
