/**
 * Every prerendered page in the web bucket at the end of a deployment: a CloudFormation custom resource
 * (`Custom::PrerenderedPages`) served by the prerender Lambda itself (functions/prerender/deployment-render.ts).
 * It runs after the web app's BucketDeployment (the pages' shell is the index.html just uploaded) and renders
 * the whole site — every active product, the category pages, sitemap and robots.txt — before answering, so
 * `cdk deploy` ends with the pages there or fails with the reason.
 *
 * When it runs again: on the stack's first deployment (Create) and whenever its properties change (Update):
 * a new web app build (its fingerprint: the pages must point at the new build's hashed assets) or a new
 * renderer (the prerender Lambda's code). A deployment that changes neither renders nothing; product
 * changes between deployments are the table stream's job.
 *
 * Why not triggers.Trigger: it invokes the handler without a payload and re-runs only when the handler
 * changes, not when the web app does. CloudFormation invokes the Lambda directly (no provider function):
 * the deploying role's permission, no resource policy.
 */
import { CustomResource, Duration, FileSystem } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { PrerenderedPagesProperties } from '../../functions/prerender/deployment-render';

export const PRERENDERED_PAGES_RESOURCE_TYPE = 'Custom::PrerenderedPages';

export interface PrerenderedPagesProps {
  /** The prerender Lambda (wiring/events.ts). */
  readonly renderer: lambda.Function;
  /** Its timeout: CloudFormation waits a little longer than that for the answer. */
  readonly rendererTimeout: Duration;
  /** The web app's upload: the pages are rendered after it, into its index.html. */
  readonly webDeployment: s3deploy.BucketDeployment;
  /** The built web app (web/dist) the deployment uploads. */
  readonly builtAppDir: string;
}

export class PrerenderedPages extends Construct {
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: PrerenderedPagesProps) {
    super(scope, id);
    const code = (props.renderer.node.defaultChild as lambda.CfnFunction).code as lambda.CfnFunction.CodeProperty;
    const properties: Omit<PrerenderedPagesProperties, 'ServiceToken'> = {
      RenderAll: 'true',
      WebAppFingerprint: FileSystem.fingerprint(props.builtAppDir),
      RendererCode: code.s3Key ?? code.zipFile ?? 'inline',
    };
    this.resource = new CustomResource(this, 'Resource', {
      resourceType: PRERENDERED_PAGES_RESOURCE_TYPE,
      serviceToken: props.renderer.functionArn,
      properties,
      // The Lambda always answers before its own timeout (FAILED when the render could not finish); this is
      // only the bound if it never could (CloudFormation's default is an hour).
      serviceTimeout: Duration.seconds(props.rendererTimeout.toSeconds() + 300),
    });
    this.resource.node.addDependency(props.webDeployment);
  }
}
