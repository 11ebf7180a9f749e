/**
 * createOrder's steps, in the order they run: the one definition of the pipeline, read by wiring/api.ts
 * (and through it by the CDK stack and the local runtime). Each step's source is
 * resolvers/Mutation.createOrder/<name>.ts; what they pass each other is typed in stash.ts.
 */
export const CREATE_ORDER_FOLDER = 'Mutation.createOrder';

export const createOrderSteps = [
  { name: 'validateOrderInput', dataSource: 'none', description: 'createOrder: check the input against the schema limits' },
  {
    name: 'getOrderProducts',
    dataSource: 'table',
    description: 'createOrder: read the products and the client token in one BatchGetItem; price the order',
  },
  {
    name: 'writeNewOrder',
    dataSource: 'table',
    description: 'createOrder: put order and client token, decrement stock, in one transaction',
  },
  {
    name: 'getPlacedOrder',
    dataSource: 'table',
    description: 'createOrder: when this checkout was already placed, read its first order',
  },
] as const;
