export { request, response } from './support/lambda-invoke';
