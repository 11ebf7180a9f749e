/**
 * Mutation.deleteMyAccount — a shopper's right to cancel (derecho de cancelación, LFPDPPP "ARCO"): their
 * Cognito user is deleted and the personal data in their orders is replaced by a pseudonym, while the orders
 * themselves stay (products, amounts, dates, statuses: accounting and tax records, see the aviso de privacidad).
 *
 * Order of work, so a failure never leaves a worse state than before: first every order of the caller (GSI1
 * `USER#<sub>`) is pseudonymised, one conditional UpdateItem each (still theirs), then the user is deleted with
 * AdminDeleteUser. A retry after a failure finds the same orders (re-pseudonymised, the same result) or none.
 * What changes on each order (pseudonymiseOrder): the owner becomes `DELETED#<pseudonym>` (so it leaves the
 * user's index partition), the recipient's name becomes the pseudonym, street, colonia, phone and the email
 * are removed, and so are the GSI3 keys that file the order under the customer's email (staff's search by
 * email); city, state, postal code and country stay (where the sale was shipped, for the tax records).
 * The status history keeps who made each change, the shopper's own changes under the pseudonym, without email.
 */
import { randomUUID } from 'node:crypto';
import { AdminDeleteUserCommand, UserNotFoundException } from '@aws-sdk/client-cognito-identity-provider';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { loadLambdaSettings, type LambdaSettings } from '../../config/settings';
import { userOrdersPartition } from '../../model/keys';
import { createAwsClients, type AwsClients } from '../shared/aws-clients';
import { ResolverError, resolverHandler, type ResolverHandler } from '../shared/resolver-event';
import { pseudonymiseOrder, type PseudonymisableOrder } from './pseudonymise';

export interface AccountDeletionDeps {
  readonly settings: LambdaSettings;
  readonly clients: AwsClients;
}

export interface AccountDeletion {
  /** The pseudonym that now stands for the shopper on their orders. */
  readonly pseudonym: string;
  /** How many orders were pseudonymised (and kept). */
  readonly ordersKept: number;
}

/** Orders per Query page while pseudonymising; the loop ends when DynamoDB says there are no more. */
const PAGE_SIZE = 100;

export function createAccountDeletionHandler(deps: AccountDeletionDeps): ResolverHandler<Record<string, never>, AccountDeletion> {
  const { settings, clients } = deps;
  return resolverHandler(async (event) => {
    const identity = event.identity;
    if (!identity) throw new ResolverError('Unauthorized', 'Only a signed-in shopper can delete their account.');
    if (!settings.userPoolId) throw new Error('account-deletion: USER_POOL_ID is not set');
    const pseudonym = `Cliente eliminado ${randomUUID().slice(0, 8).toUpperCase()}`;
    const now = new Date().toISOString();
    let ordersKept = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await clients.documentClient.send(
        new QueryCommand({
          TableName: settings.tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :owner',
          ExpressionAttributeValues: { ':owner': userOrdersPartition(identity.sub) },
          Limit: PAGE_SIZE,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        if (item.type !== 'Order') continue;
        const order = item as PseudonymisableOrder;
        const changed = pseudonymiseOrder(order, { pseudonym, ownerUsername: identity.username });
        try {
          await clients.documentClient.send(
            new UpdateCommand({
              TableName: settings.tableName,
              Key: { PK: order.PK, SK: order.SK },
              UpdateExpression:
                'SET ownerId = :owner, GSI1PK = :partition, shippingAddress = :address, statusHistory = :history, pseudonymisedAt = :at, version = :next, updatedAt = :at REMOVE customerEmail, GSI3PK, GSI3SK',
              ConditionExpression: 'ownerId = :sub AND version = :version',
              ExpressionAttributeValues: {
                ':owner': changed.ownerId,
                ':partition': changed.GSI1PK,
                ':address': changed.shippingAddress,
                ':history': changed.statusHistory,
                ':at': now,
                ':next': order.version + 1,
                ':sub': identity.sub,
                ':version': order.version,
              },
            }),
          );
          ordersKept++;
        } catch (error) {
          // Changed meanwhile (a payment, staff): the shopper tries again and it is read afresh.
          if (error instanceof ConditionalCheckFailedException) {
            throw new ResolverError('Conflict', 'An order changed while the account was being deleted; try again.');
          }
          throw error;
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);

    try {
      await clients.cognito.send(new AdminDeleteUserCommand({ UserPoolId: settings.userPoolId, Username: identity.username }));
    } catch (error) {
      if (!(error instanceof UserNotFoundException) && (error as { name?: string }).name !== 'UserNotFoundException') throw error;
    }
    return { pseudonym, ordersKept };
  });
}

let deployed: ResolverHandler<Record<string, never>, AccountDeletion> | undefined;

/** The Lambda entry point in AWS: settings from the environment, clients from the SDK's defaults. */
export const handler: ResolverHandler<Record<string, never>, AccountDeletion> = (event, context) => {
  deployed ??= (() => {
    const settings = loadLambdaSettings('account-deletion');
    return createAccountDeletionHandler({ settings, clients: createAwsClients(settings) });
  })();
  return deployed(event, context);
};
