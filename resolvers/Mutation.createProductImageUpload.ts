/** Mutation.createProductImageUpload — served by the product-image-upload resolver Lambda (docs/lambda-resolvers.md). */
export { request, response } from './support/lambda-invoke';
