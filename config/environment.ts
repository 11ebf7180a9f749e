/**
 * The one list of the Lambdas' environment variable names, and which of them each deployed Lambda needs.
 * config/settings.ts reads them; infra/constructs/function-access.ts sets them; neither types a name.
 */

export const LAMBDA_ENV = {
  /** Set by the Lambda runtime itself. */
  region: 'AWS_REGION',
  tableName: 'TABLE_NAME',
  ordersTopicArn: 'ORDERS_TOPIC_ARN',
  emailsBucket: 'EMAILS_BUCKET',
  lakeStreamName: 'LAKE_STREAM_NAME',
  emailFrom: 'ORDER_EMAIL_FROM',
  emailReplyTo: 'ORDER_EMAIL_REPLY_TO',
  emailConfigurationSet: 'ORDER_EMAIL_CONFIGURATION_SET',
  emailTemplatePlaced: 'ORDER_EMAIL_TEMPLATE_PLACED',
  emailTemplateStatusChanged: 'ORDER_EMAIL_TEMPLATE_STATUS_CHANGED',
  emailTemplateCancelled: 'ORDER_EMAIL_TEMPLATE_CANCELLED',
  emailTimeZone: 'ORDER_EMAIL_TIME_ZONE',
  shopUrl: 'ORDER_EMAIL_SHOP_URL',
  idempotencyTableName: 'IDEMPOTENCY_TABLE_NAME',
  /** The customers' user pool (order-email reads a customer's verified email by sub). */
  userPoolId: 'USER_POOL_ID',
  idempotencyExpirySeconds: 'IDEMPOTENCY_EXPIRY_SECONDS',
  s3ForcePathStyle: 'S3_FORCE_PATH_STYLE',
  logLevel: 'LOG_LEVEL',
  catalogCurrency: 'CATALOG_CURRENCY',
  catalogFallbackCodepage: 'CATALOG_FALLBACK_CODEPAGE',
  catalogReportPrefix: 'CATALOG_REPORT_PREFIX',
  analyticsQueryEngine: 'ANALYTICS_QUERY_ENGINE',
  analyticsWorkGroup: 'ANALYTICS_ATHENA_WORKGROUP',
  analyticsDatabase: 'ANALYTICS_ATHENA_DATABASE',
  analyticsQueryTimeoutSeconds: 'ANALYTICS_QUERY_TIMEOUT_SECONDS',
  analyticsLakeDir: 'ANALYTICS_LAKE_DIR',
  analyticsCurrency: 'ANALYTICS_CURRENCY',
  shopTimeZone: 'SHOP_TIME_ZONE',
  /** The web app's bucket: the prerender Lambda reads index.html from it and writes the prerendered pages. */
  webBucket: 'WEB_BUCKET',
  /** SSM SecureString parameter (JSON `{"apiKey","webhookSecret"}`) the Stripe Lambdas read at cold start. */
  stripeParameterName: 'STRIPE_PARAMETER_NAME',
  /** Where the Stripe API is: unset in AWS (Stripe's own); the local stand-in's URL locally. */
  stripeApiUrl: 'STRIPE_API_URL',
  /** The product pictures bucket: uploads under uploads/, the sizes the shop shows under images/. */
  imagesBucket: 'IMAGES_BUCKET',
  /** Where the images/ keys are served (CloudFront in AWS, the local web server locally), ending in '/'. */
  imagesPublicUrl: 'IMAGES_PUBLIC_URL',
  /** The data bucket: the lake, and the catalog files staff upload from the back office (and their reports). */
  dataBucket: 'DATA_BUCKET',
  /** The AppSync GraphQL endpoint order-realtime publishes order changes to (IAM, SigV4). */
  graphqlUrl: 'APPSYNC_GRAPHQL_URL',
} as const;

export type LambdaEnvName = (typeof LAMBDA_ENV)[keyof typeof LAMBDA_ENV];

/**
 * What each deployed Lambda (wiring/events.ts) refuses to start without: the names of the resources it
 * touches. There is no made-up fallback for these in AWS; only the local stack fills them in, explicitly
 * (`localLambdaSettings`). The CDK stack fails to synthesize if it does not set one of them.
 */
export const REQUIRED_LAMBDA_ENV: Readonly<Record<string, readonly LambdaEnvName[]>> = {
  'order-stream': [LAMBDA_ENV.ordersTopicArn],
  'order-email': [
    LAMBDA_ENV.tableName,
    LAMBDA_ENV.emailsBucket,
    LAMBDA_ENV.emailFrom,
    LAMBDA_ENV.emailConfigurationSet,
    LAMBDA_ENV.emailTemplatePlaced,
    LAMBDA_ENV.emailTemplateStatusChanged,
    LAMBDA_ENV.emailTemplateCancelled,
    LAMBDA_ENV.shopUrl,
    LAMBDA_ENV.userPoolId,
  ],
  'order-lake': [LAMBDA_ENV.tableName, LAMBDA_ENV.lakeStreamName],
  similarity: [LAMBDA_ENV.tableName],
  'reservation-expiry': [LAMBDA_ENV.tableName],
  'catalog-import': [LAMBDA_ENV.tableName, LAMBDA_ENV.catalogReportPrefix],
  prerender: [LAMBDA_ENV.tableName, LAMBDA_ENV.webBucket, LAMBDA_ENV.shopUrl],
  'card-checkout': [LAMBDA_ENV.tableName, LAMBDA_ENV.stripeParameterName, LAMBDA_ENV.shopUrl],
  'stripe-webhook': [LAMBDA_ENV.tableName, LAMBDA_ENV.stripeParameterName],
  'order-refund': [LAMBDA_ENV.tableName, LAMBDA_ENV.stripeParameterName],
  'product-image': [LAMBDA_ENV.tableName, LAMBDA_ENV.imagesBucket, LAMBDA_ENV.imagesPublicUrl],
  'product-image-upload': [LAMBDA_ENV.tableName, LAMBDA_ENV.imagesBucket],
  'catalog-imports': [LAMBDA_ENV.tableName, LAMBDA_ENV.dataBucket],
  'account-deletion': [LAMBDA_ENV.tableName, LAMBDA_ENV.userPoolId],
  analytics: [LAMBDA_ENV.tableName, LAMBDA_ENV.analyticsWorkGroup, LAMBDA_ENV.analyticsDatabase, LAMBDA_ENV.shopTimeZone],
  'sales-range': [LAMBDA_ENV.tableName],
  'order-realtime': [LAMBDA_ENV.graphqlUrl],
};

export function requiredLambdaEnv(lambda: string): readonly LambdaEnvName[] {
  const required = REQUIRED_LAMBDA_ENV[lambda];
  if (!required) throw new Error(`config/environment.ts lists no environment for Lambda ${lambda}`);
  return required;
}
