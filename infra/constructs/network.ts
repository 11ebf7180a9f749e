/**
 * The opt-in VPC (setting `vpc`, off by default): the seed's network of public and private subnets with NAT
 * gateways, for the Lambdas to run in private subnets. Nothing in this design needs it (every service is
 * reached over AWS's public endpoints with IAM); it costs about 33 USD a month per NAT gateway before data.
 * S3 and DynamoDB gateway endpoints keep that traffic off the NAT gateways (they are free).
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * The seed's three availability zones, named explicitly: without an account in the environment the CDK knows
 * no zones offline and `maxAzs: 3` would give two (and two NAT gateways). These names exist in every account.
 */
export const VPC_AVAILABILITY_ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'] as const;

export interface NetworkProps {
  readonly natGateways: number;
  readonly logRetention: logs.RetentionDays;
  readonly availabilityZones?: readonly string[];
}

export class Network extends Construct {
  readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      availabilityZones: [...(props.availabilityZones ?? VPC_AVAILABILITY_ZONES)],
      natGateways: props.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      ],
      gatewayEndpoints: {
        S3: { service: ec2.GatewayVpcEndpointAwsService.S3 },
        DynamoDB: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB },
      },
    });
    const flowLogs = new logs.LogGroup(this, 'FlowLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs),
      trafficType: ec2.FlowLogTrafficType.REJECT,
    });
  }
}
