/**
 * The web app: WebBucket behind CloudFront (origin access control, the bucket stays private), SPA routing
 * (403/404 → /index.html), security headers, access logs, WAF with a per-IP rate limit and, when a domain
 * is configured, the `finalweb` name with its certificate.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { HOME_PAGE_KEY, PRERENDERED_KEY_PATTERNS } from '../../functions/prerender/page-types';
import { contentSecurityPolicy, shopInlineScriptHashes } from '../../web/content-security-policy';
import { acknowledge } from '../nag';
import { RateLimitedWebAcl } from './rate-limited-web-acl';

export interface WebProps {
  readonly bucket: s3.IBucket;
  /** Product pictures: its `images/` keys are served under /images/* from this distribution. */
  readonly imagesBucket?: s3.IBucket;
  readonly logsBucket: s3.IBucket;
  readonly rateLimitPer5Minutes: number;
  /** Origins the browser app talks to (GraphQL API over HTTPS and WebSocket, Cognito, upload buckets), for the Content-Security-Policy. */
  readonly connectSources: readonly string[];
  readonly customDomain?: { readonly domainName: string; readonly certificate: acm.ICertificate };
  /** What the SPA reads from /config.json at start (web/src/config.ts); deploy-time values allowed. */
  readonly runtimeConfig: Readonly<Record<string, unknown>>;
  /** The built SPA (web/dist) to upload with each deployment; only config.json is written when absent. */
  readonly builtAppDir?: string;
}

export class Web extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly webAcl: RateLimitedWebAcl;
  /** Uploads the app and config.json; what runs after the upload (the prerendered pages) depends on it. */
  readonly deployment: s3deploy.BucketDeployment;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    this.webAcl = new RateLimitedWebAcl(this, 'Firewall', {
      scope: 'CLOUDFRONT',
      ratePer5Minutes: props.rateLimitPer5Minutes,
      metricPrefix: 'FarmaCruzWeb',
      // The origin is a private bucket of static files behind CloudFront's cache: no code for injection or
      // bad-input rules to protect. The rate limit caps what a flood of requests costs.
      managedRuleGroups: [],
    });

    const builtIndex = props.builtAppDir ? path.join(props.builtAppDir, 'index.html') : null;
    const builtIndexHtml = builtIndex && existsSync(builtIndex) ? readFileSync(builtIndex, 'utf8') : null;
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'FarmaCruz web: security headers',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
        contentSecurityPolicy: {
          override: true,
          contentSecurityPolicy: contentSecurityPolicy({
            connectSources: props.connectSources,
            // The built index.html is the one uploaded below, and the shell of every prerendered page.
            inlineScriptHashes: builtIndexHtml === null ? [] : shopInlineScriptHashes(builtIndexHtml),
          }),
        },
      },
    });

    const spaFallback = (httpStatus: number): cloudfront.ErrorResponse => ({
      httpStatus,
      responseHttpStatus: 200,
      responsePagePath: '/index.html',
      ttl: Duration.seconds(0),
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'FarmaCruz web app',
      // The prerendered home page; until the first render has written it, S3's 403 falls back to index.html below.
      defaultRootObject: HOME_PAGE_KEY,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(props.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      // Product pictures (immutable keys, one per upload and size) from the images bucket, same origin as the shop.
      ...(props.imagesBucket
        ? {
            additionalBehaviors: {
              'images/*': {
                origin: origins.S3BucketOrigin.withOriginAccessControl(props.imagesBucket),
                viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
                responseHeadersPolicy: headers,
                compress: true,
              },
            },
          }
        : {}),
      // S3 answers 403 for a missing key when the caller may not list the bucket: both mean "client route".
      errorResponses: [spaFallback(403), spaFallback(404)],
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: props.logsBucket,
      logFilePrefix: 'cloudfront/web/',
      webAclId: this.webAcl.arn,
      ...(props.customDomain
        ? {
            domainNames: [props.customDomain.domainName],
            certificate: props.customDomain.certificate,
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });

    // config.json always (it carries this deployment's API URL, key and client id), the SPA when it is built.
    // No pruning: a web app uploaded by hand is never wiped, and old hashed assets stay valid for open tabs.
    // The prerendered pages (written by the prerender Lambda, never part of the build) are excluded as well, so
    // neither a later `prune: true` nor a same-named file in the build can delete or overwrite them.
    this.deployment = new s3deploy.BucketDeployment(this, 'Deployment', {
      destinationBucket: props.bucket,
      sources: [
        ...(props.builtAppDir ? [s3deploy.Source.asset(props.builtAppDir)] : []),
        s3deploy.Source.jsonData('config.json', props.runtimeConfig),
      ],
      prune: false,
      exclude: [...PRERENDERED_KEY_PATTERNS],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });

    if (!props.customDomain) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'Without a custom domain the distribution uses the default *.cloudfront.net certificate, whose minimum protocol CloudFront fixes; setting domainName deploys a certificate with TLSv1.2_2021.',
      );
    }
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'No geo restriction: the shop ships within Mexico but shoppers may browse from anywhere; nothing in the content is restricted by country.',
    );
  }
}
