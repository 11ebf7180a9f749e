/**
 * SES: the sending identity (the domain with DKIM and a MAIL FROM subdomain when a hosted zone is given,
 * else the sender address alone), a configuration set (TLS required, reputation metrics, bounce and
 * complaint suppression) and the order email templates, deployed from the data order-email renders with.
 */
import { Arn, Stack } from 'aws-cdk-lib';
import type * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { constructId } from '../naming';

export interface EmailTemplateDefinition {
  readonly name: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export interface EmailProps {
  /** From address of the order emails; without it no identity is created and nothing can be sent. */
  readonly senderEmail?: string;
  /** Verify the whole domain (DKIM + MAIL FROM records written into the zone). */
  readonly domain?: { readonly name: string; readonly zone: route53.IPublicHostedZone; readonly mailFromSubdomain: string };
  readonly templates: readonly EmailTemplateDefinition[];
}

export class Email extends Construct {
  readonly identity?: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly templateNames: readonly string[];
  readonly senderEmail?: string;

  constructor(scope: Construct, id: string, props: EmailProps) {
    super(scope, id);
    this.senderEmail = props.senderEmail;
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });

    const sender = props.senderEmail;
    if (props.domain && (!sender || sender.endsWith(`@${props.domain.name}`))) {
      this.identity = new ses.EmailIdentity(this, 'DomainIdentity', {
        identity: ses.Identity.publicHostedZone(props.domain.zone),
        mailFromDomain: `${props.domain.mailFromSubdomain}.${props.domain.name}`,
        dkimSigning: true,
        configurationSet: this.configurationSet,
      });
    } else if (sender) {
      this.identity = new ses.EmailIdentity(this, 'SenderIdentity', {
        identity: ses.Identity.email(sender),
        configurationSet: this.configurationSet,
      });
    }

    const names = new Set<string>();
    for (const template of props.templates) {
      if (names.has(template.name)) throw new Error(`Duplicate SES template name ${template.name}`);
      names.add(template.name);
      new ses.CfnTemplate(this, `${constructId(template.name)}Template`, {
        template: { templateName: template.name, subjectPart: template.subject, htmlPart: template.html, textPart: template.text },
      });
    }
    this.templateNames = [...names];
  }

  /** ARNs SendEmail is authorised against: the identity, the configuration set and each template. */
  sendEmailResources(): string[] {
    if (!this.identity) return [];
    const stack = Stack.of(this);
    return [
      this.identity.emailIdentityArn,
      Arn.format({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName }, stack),
      ...this.templateNames.map((name) => Arn.format({ service: 'ses', resource: 'template', resourceName: name }, stack)),
    ];
  }
}
