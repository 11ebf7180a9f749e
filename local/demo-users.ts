/**
 * Demo users of the local stack: one shopper and one staff member (group admin), created confirmed on the
 * first start and left alone afterwards. Their passwords are printed by `npm start`; they exist only in the
 * local Cognito.
 */
import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminUpdateUserAttributesCommand,
  SignUpCommand,
  UserNotFoundException,
  UsernameExistsException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { ADMIN_GROUP } from '../auth/user-pool-settings';
import { localCognitoClient, type ProvisionedUserPool } from './user-pool';

export interface DemoUser {
  readonly role: 'shopper' | 'staff';
  readonly email: string;
  readonly password: string;
  readonly name: string;
  readonly groups: readonly string[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  { role: 'shopper', email: 'cliente@farmacruz.test', password: 'Cliente-Demo1', name: 'Cliente Demo', groups: [] },
  { role: 'staff', email: 'personal@farmacruz.test', password: 'Personal-Demo1', name: 'Personal Demo', groups: [ADMIN_GROUP] },
];

export interface DemoUserStatus extends DemoUser {
  /** Cognito username (the user's `sub`, since the pool signs in by email). */
  readonly username: string;
  /** True when this call created the user; false when it already existed. */
  readonly created: boolean;
}

async function existingUsername(client: CognitoIdentityProviderClient, userPoolId: string, email: string): Promise<string | null> {
  try {
    const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
    return user.Username ?? null;
  } catch (error) {
    if (error instanceof UserNotFoundException) return null;
    throw error;
  }
}

async function ensureGroups(client: CognitoIdentityProviderClient, userPoolId: string, username: string, groups: readonly string[]) {
  const current = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username }));
  const have = new Set((current.Groups ?? []).map((g) => g.GroupName));
  for (const group of groups) {
    if (!have.has(group)) {
      await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: group }));
    }
  }
}

/** Creates the demo users that do not exist yet (signed up, confirmed, in their groups). */
export async function ensureDemoUsers(pool: ProvisionedUserPool, users: readonly DemoUser[] = DEMO_USERS): Promise<DemoUserStatus[]> {
  const client = localCognitoClient(pool.endpoint, pool.region);
  try {
    const result: DemoUserStatus[] = [];
    for (const user of users) {
      let username = await existingUsername(client, pool.userPoolId, user.email);
      const created = username === null;
      if (username === null) {
        try {
          const signUp = await client.send(
            new SignUpCommand({
              ClientId: pool.clientId,
              Username: user.email,
              Password: user.password,
              UserAttributes: [
                { Name: 'email', Value: user.email },
                { Name: 'name', Value: user.name },
              ],
            }),
          );
          username = signUp.UserSub ?? user.email;
          await client.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.userPoolId, Username: user.email }));
          // What confirming the emailed code does for a real user; AdminConfirmSignUp alone leaves it unset.
          // (cognito-local wants the email in the same call.)
          await client.send(
            new AdminUpdateUserAttributesCommand({
              UserPoolId: pool.userPoolId,
              Username: user.email,
              UserAttributes: [
                { Name: 'email', Value: user.email },
                { Name: 'email_verified', Value: 'true' },
              ],
            }),
          );
        } catch (error) {
          // Another process created it between our look-up and SignUp: it exists, which is all we want.
          if (!(error instanceof UsernameExistsException)) throw error;
          username = (await existingUsername(client, pool.userPoolId, user.email)) ?? user.email;
        }
      }
      await ensureGroups(client, pool.userPoolId, username, user.groups);
      result.push({ ...user, username, created });
    }
    return result;
  } finally {
    client.destroy();
  }
}
