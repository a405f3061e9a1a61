/**
 * cdk-nag acknowledgements that name their finding exactly (v3 API: one
 * finding per call, never a whole rule).
 */
import {
  type aws_iam as iam,
  Stack,
  type aws_sqs as sqs,
  Validations,
} from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges the one AwsSolutions-IAM5 finding for a wildcard resource
 * of a policy under `scope`. The resource may hold tokens of another stack
 * (a bucket's ARN): cdk-nag names it as it appears in the template, as an
 * import, which exists only once the app's references are prepared, so
 * the finding id is computed then, in the tree's validation, just before
 * cdk-nag runs on the templates.
 */
export function acknowledgeWildcardResource(
  scope: IConstruct,
  resource: string,
  reason: string,
): void {
  scope.node.addValidation({
    validate: () => {
      const flat = nagName(Stack.of(scope).resolve(resource));
      Validations.of(scope).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${flat}]`,
        reason,
      });
      return [];
    },
  });
}

/**
 * A resolved value as cdk-nag spells it in finding ids (its
 * `flattenCfnReference`, which it does not export): `Ref` → `<Id>`,
 * `Fn::GetAtt` → `<Id.Attr>`, an import → its export name, joins joined.
 */
export function nagName(value: unknown): string {
  if (typeof value === 'string') {
    return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  }
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    if ('Fn::Join' in v) {
      const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(nagName).join(separator);
    }
    if ('Fn::GetAtt' in v) {
      const [id, attribute] = v['Fn::GetAtt'] as [unknown, unknown];
      return `<${nagName(id)}.${nagName(attribute)}>`;
    }
    if ('Fn::ImportValue' in v) return nagName(v['Fn::ImportValue']);
    if ('Fn::Sub' in v && typeof v['Fn::Sub'] === 'string') {
      return nagName(v['Fn::Sub']);
    }
    if ('Ref' in v) return `<${nagName(v.Ref)}>`;
  }
  return JSON.stringify(value);
}

/**
 * Acknowledges the IAM5 findings of a policy CDK writes for us (a
 * BucketDeployment's, say), one by one: each wildcard action and each
 * wildcard resource, as cdk-nag names it, gets the reason `reasonFor`
 * gives it. One it has no reason for stays a finding, and fails synth.
 */
export function acknowledgeGeneratedWildcards(
  policy: iam.Policy,
  reasonFor: (finding: {
    kind: 'Action' | 'Resource';
    name: string;
  }) => string | undefined,
): void {
  policy.node.addValidation({
    validate: () => {
      const document = Stack.of(policy).resolve(policy.document.toJSON()) as {
        Statement?: { Action?: unknown; Resource?: unknown }[];
      };
      const seen = new Set<string>();
      for (const statement of document.Statement ?? []) {
        const findings = [
          ...[statement.Action ?? []].flat().map((action) => ({
            kind: 'Action' as const,
            name: String(action),
          })),
          ...[statement.Resource ?? []].flat().map((resource) => ({
            kind: 'Resource' as const,
            name: nagName(resource),
          })),
        ];
        for (const finding of findings) {
          const id = `AwsSolutions-IAM5[${finding.kind}::${finding.name}]`;
          if (!finding.name.includes('*') || seen.has(id)) continue;
          seen.add(id);
          const reason = reasonFor(finding);
          if (reason !== undefined) {
            Validations.of(policy).acknowledge({ id, reason });
          }
        }
      }
      return [];
    },
  });
}

/**
 * cdk-nag's SQS3 recognises a dead-letter queue only when another queue
 * or a function names it; Scheduler targets and stream mappings do not.
 */
export function acknowledgeDeadLetterQueue(
  queue: sqs.IQueue,
  what: string,
): void {
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is ${what}: a dead-letter queue of its own would have nothing to catch.`,
  });
}
