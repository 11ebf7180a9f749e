/** Mutation.deleteMyAccount — served by the account-deletion resolver Lambda (functions/account-deletion). */
export { request, response } from './support/lambda-invoke';
