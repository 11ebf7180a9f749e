/**
 * Cognito: the user pool, its web app client and the staff group, all from auth/user-pool-settings.ts
 * (the same definition the local cognito-local stand-in is provisioned from).
 */
import { PRIVACY_CONSENT_ATTRIBUTE_NAME } from '../../auth/privacy-notice';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { USER_POOL_SETTINGS, type AppClientAuthFlow, type UserPoolSettings } from '../../auth/user-pool-settings';
import { acknowledge } from '../nag';
import { constructId } from '../naming';

export interface AuthProps {
  readonly settings?: UserPoolSettings;
}

export class Auth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: AuthProps = {}) {
    super(scope, id);
    const settings = props.settings ?? USER_POOL_SETTINGS;
    const policy = settings.passwordPolicy;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: settings.poolName,
      selfSignUpEnabled: true,
      signInAliases: { email: settings.usernameAttributes.includes('email') },
      autoVerify: { email: settings.autoVerifiedAttributes.includes('email') },
      standardAttributes: { email: { required: true, mutable: true } },
      // Which aviso de privacidad the shopper accepted at sign-up, and when (auth/privacy-notice.ts).
      customAttributes: { [PRIVACY_CONSENT_ATTRIBUTE_NAME]: new cognito.StringAttribute({ mutable: true, maxLen: 64 }) },
      passwordPolicy: {
        minLength: policy.minimumLength,
        requireLowercase: policy.requireLowercase,
        requireUppercase: policy.requireUppercase,
        requireDigits: policy.requireDigits,
        requireSymbols: policy.requireSymbols,
        tempPasswordValidity: Duration.days(policy.temporaryPasswordValidityDays),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Cognito sends this one message for both the sign-up code and the password-reset code.
      userVerification: {
        emailStyle: cognito.VerificationEmailStyle.CODE,
        emailSubject: settings.messages.verificationSubject,
        emailBody: settings.messages.verificationBody,
      },
      userInvitation: {
        emailSubject: settings.messages.invitationSubject,
        emailBody: settings.messages.invitationBody,
      },
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      // Optional TOTP (free on Essentials): staff in admin enrol an authenticator app (docs/deploy.md).
      // Cognito cannot require MFA for one group only, and shoppers are not asked for it.
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (!policy.requireSymbols) {
      acknowledge(
        this.userPool,
        'AwsSolutions-COG1',
        'The password policy is the shop\'s decision in auth/user-pool-settings.ts (8+ characters with lower case, upper case and digits; symbols not required for shoppers) and is shared with the local stack.',
      );
    }
    acknowledge(
      this.userPool,
      'AwsSolutions-COG2',
      'MFA is optional (TOTP, free on Essentials): Cognito can only require it pool-wide, and shoppers sign in with email and password; staff in admin enrol TOTP as the deploy guide says.',
    );
    acknowledge(
      this.userPool,
      'AwsSolutions-COG8',
      'Threat protection needs the Cognito Plus feature plan, billed per monthly active user; not justified for a small shop at launch (Essentials plan). Switch featurePlan to PLUS to turn it on.',
    );

    const app = settings.appClient;
    this.client = this.userPool.addClient('WebClient', {
      userPoolClientName: app.name,
      authFlows: authFlows(app.authFlows),
      // The web app signs in with USER_PASSWORD_AUTH; no hosted UI, so none of CDK's OAuth defaults
      // (implicit and code grants, callback https://example.com).
      disableOAuth: true,
      generateSecret: app.generateSecret,
      preventUserExistenceErrors: app.preventUserExistenceErrors,
      enableTokenRevocation: app.enableTokenRevocation,
      idTokenValidity: Duration.minutes(app.tokenValidity.idTokenMinutes),
      accessTokenValidity: Duration.minutes(app.tokenValidity.accessTokenMinutes),
      refreshTokenValidity: Duration.days(app.tokenValidity.refreshTokenDays),
    });

    for (const group of settings.groups) {
      this.userPool.addGroup(`${constructId(group.name)}Group`, { groupName: group.name, description: group.description });
    }
  }
}

/** Cognito always allows REFRESH_TOKEN_AUTH for a client; the others map to the L2 switches. */
function authFlows(flows: readonly AppClientAuthFlow[]): cognito.AuthFlow {
  const known: readonly AppClientAuthFlow[] = ['USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH'];
  const unknown = flows.filter((flow) => !known.includes(flow));
  if (unknown.length) throw new Error(`No CDK mapping for app client auth flows ${unknown.join(', ')}`);
  return { userPassword: flows.includes('USER_PASSWORD_AUTH'), userSrp: false, custom: false, adminUserPassword: false };
}
