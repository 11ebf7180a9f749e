/**
 * The size limits of an order (cart lines, quantities, ids, client token), as the schema's input descriptions
 * state them. Its own module without imports, so the web app's cart reads them without bundling the order
 * input checks (model/order-input.ts re-exports them for the resolvers).
 */
export const ORDER_LIMITS = {
  minLines: 1,
  maxLines: 50,
  minQuantity: 1,
  maxQuantity: 100,
  // Ids are ULIDs (26 characters); anything far longer is refused before it reaches a DynamoDB key.
  maxIdLength: 64,
  minClientTokenLength: 8,
  maxClientTokenLength: 64,
};
