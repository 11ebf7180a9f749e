/**
 * Card payments in the CDK stack (issue 13): the Stripe secret in an SSM SecureString parameter (read by the two
 * payment Lambdas only), the card-checkout resolver Lambda (reads orders; knows the shop's URL for Stripe's return
 * pages), and the stripe-webhook Lambda behind a Function URL without AWS auth (Stripe signs its requests),
 * with the URL and the parameter's name as stack outputs.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAMBDA_ENV } from '../config/environment';
import { logicalIdOf } from './nag';
import { resourcesOfType, synthesizeApp, type SynthesizedApp } from './test-support/synth';

let synth: SynthesizedApp;
let main: Template;

beforeAll(async () => {
  synth = await synthesizeApp({ senderEmail: 'pedidos@example.com' }, { skipLambdaBundling: true });
  main = synth.mainTemplate;
}, 240_000);

function environmentOf(logicalId: string): Record<string, unknown> {
  const fn = resourcesOfType(main, 'AWS::Lambda::Function')[logicalId]!;
  return ((fn.Properties as { Environment?: { Variables?: Record<string, unknown> } }).Environment?.Variables ?? {}) as Record<string, unknown>;
}

function policyTextOfRole(roleLogicalId: string): string {
  return JSON.stringify(
    Object.values(resourcesOfType(main, 'AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify((policy.Properties as { Roles: unknown }).Roles).includes(`"${roleLogicalId}"`),
    ),
  );
}

describe('card payments in AWS', () => {
  it('serves the webhook from a Function URL without AWS auth, given as an output, and lets only the payment Lambdas (checkout, webhook, refund) read the Stripe parameter', () => {
    const parameter = synth.main.paymentParameter;
    expect(parameter.name).toBe(`/${synth.settings.stackPrefix}/stripe`);
    main.hasOutput('StripeParameterName', { Value: parameter.name });
    // No secret resource to pay for at idle: the SecureString is put by the operator.
    expect(Object.keys(resourcesOfType(main, 'AWS::SecretsManager::Secret'))).toHaveLength(0);

    const webhook = synth.main.functions.functions.get('stripe-webhook')!;
    const webhookId = logicalIdOf(webhook);
    main.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'NONE', TargetFunctionArn: { 'Fn::GetAtt': [webhookId, 'Arn'] } });
    main.hasOutput('StripeWebhookUrl', { Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('StripeWebhook'), 'FunctionUrl'] } });
    expect(environmentOf(webhookId)[LAMBDA_ENV.stripeParameterName]).toBe(parameter.name);

    const checkout = synth.main.resolverFunctions.functions.get('card-checkout')!;
    const checkoutEnv = environmentOf(logicalIdOf(checkout));
    expect(checkoutEnv[LAMBDA_ENV.stripeParameterName]).toBe(parameter.name);
    // Stripe sends the shopper back to the shop's own pages (the CloudFront URL here).
    expect(JSON.stringify(checkoutEnv[LAMBDA_ENV.shopUrl])).toContain('DomainName');

    const readers = Object.values(resourcesOfType(main, 'AWS::IAM::Policy')).filter((policy) => JSON.stringify(policy.Properties).includes('ssm:GetParameter'));
    const roles = readers.flatMap((policy) => (policy.Properties as { Roles: { Ref: string }[] }).Roles.map((role) => role.Ref));
    const refund = synth.main.functions.functions.get('order-refund')!;
    expect(new Set(roles)).toEqual(new Set([logicalIdOf(webhook.role!), logicalIdOf(checkout.role!), logicalIdOf(refund.role!)]));
    for (const policy of readers) expect(JSON.stringify(policy.Properties)).toContain(`:parameter${parameter.name}`);
  });

  it('lets the webhook touch only orders, their reservations, unpaid counts and its event records', () => {
    const webhook = synth.main.functions.functions.get('stripe-webhook')!;
    const text = policyTextOfRole(logicalIdOf(webhook.role!));
    expect(text).toContain('dynamodb:LeadingKeys');
    for (const prefix of ['STRIPEEVENT#*', 'RESERVATIONS', 'ORDER#*', 'UNPAID#*']) expect(text).toContain(prefix);
    expect(text).not.toContain('PRODUCT#');
    expect(text).not.toContain('dynamodb:Scan');
  });
});
