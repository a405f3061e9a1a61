import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  parseRow,
  type StoredAnnualReport,
  type StoredSelfAssessment,
  storedAnnualReportSchema,
  storedSelfAssessmentSchema,
} from '../../contracts/index.js';
import { itemKinds, keys } from './keys.js';

/**
 * The row changed after it was read: another save, an approval or a new
 * draft landed first. Nothing was written; the page shows the form again.
 */
export class SelfAssessmentConflictError extends Error {
  readonly code = 'SELF_ASSESSMENT.CHANGED';

  constructor(what: string, options?: ErrorOptions) {
    super(`${what} changed after it was read`, options);
    this.name = 'SelfAssessmentConflictError';
  }
}

/** A draft without its evidence or snapshot: enough to list the years. */
export type DraftSummary = Pick<
  StoredSelfAssessment,
  | 'year'
  | 'draft'
  | 'revision'
  | 'status'
  | 'policy'
  | 'updatedBy'
  | 'updatedAt'
  | 'approval'
>;

const SUMMARY = [
  'year',
  'draft',
  'revision',
  'status',
  'policy',
  'updatedBy',
  'updatedAt',
  'approval',
] as const satisfies readonly (keyof DraftSummary)[];

const summarySchema = storedSelfAssessmentSchema.pick({
  year: true,
  draft: true,
  revision: true,
  status: true,
  policy: true,
  updatedBy: true,
  updatedAt: true,
  approval: true,
});

/** Attributes only the table needs: never part of the stored record. */
const TABLE_ONLY = ['pk', 'sk', 'kind'] as const;

function recordOf(item: Record<string, unknown>): Record<string, unknown> {
  const record = { ...item };
  for (const name of TABLE_ONLY) delete record[name];
  return record;
}

/**
 * Each reporting year's self-assessment drafts and annual report inputs
 * (Code 8), in the one table under the organisation's keys. A draft is
 * one item, rewritten whole on each save, conditioned on the revision it
 * was read at and on still being a draft, so two managers never overwrite
 * each other and an approved draft never changes. A new draft after an
 * approval (or a policy change, Code 8.3) is a new item beside the old.
 */
export class DynamoDbSelfAssessmentRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(options: { client: DynamoDBDocumentClient; tableName: string }) {
    this.#client = options.client;
    this.#table = options.tableName;
  }

  /**
   * Every draft of every year (or of one year), newest year and draft
   * first, without their evidence: the organisation's one small partition.
   */
  async drafts(organisationId: string, year?: number): Promise<DraftSummary[]> {
    const { pk } = keys.selfAssessment(organisationId, year ?? 2000, 1);
    const out: DraftSummary[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression:
            year === undefined
              ? 'pk = :pk'
              : 'pk = :pk AND begins_with(sk, :year)',
          ExpressionAttributeValues: {
            ':pk': pk,
            ...(year === undefined
              ? {}
              : { ':year': keys.selfAssessmentYear(year) }),
          },
          // Every name aliased: some (year, status) are reserved words.
          ExpressionAttributeNames: Object.fromEntries(
            SUMMARY.map((name) => [`#${name}`, name]),
          ),
          ProjectionExpression: SUMMARY.map((name) => `#${name}`).join(', '),
          ScanIndexForward: false,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        out.push(parseRow(summarySchema, item, 'self-assessment summary'));
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return out;
  }

  /** The year's newest draft, whatever its status; undefined before the first. */
  async latest(
    organisationId: string,
    year: number,
  ): Promise<StoredSelfAssessment | undefined> {
    const { pk } = keys.selfAssessment(organisationId, year, 1);
    const { Items } = await this.#client.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :year)',
        ExpressionAttributeValues: {
          ':pk': pk,
          ':year': keys.selfAssessmentYear(year),
        },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const [item] = Items ?? [];
    return item === undefined ? undefined : this.#parse(item, year);
  }

  /** One draft of the year. */
  async draft(
    organisationId: string,
    year: number,
    draft: number,
  ): Promise<StoredSelfAssessment | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#table,
        Key: keys.selfAssessment(organisationId, year, draft),
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : this.#parse(Item, year);
  }

  /**
   * Writes a draft whole: the first draft of a year when
   * `expectedRevision` is 0, else over the draft read at that revision,
   * which must still be a draft. The record's revision is set here.
   *
   * @throws SelfAssessmentConflictError when that condition fails.
   */
  async save(
    record: Omit<StoredSelfAssessment, 'revision'>,
    expectedRevision: number,
  ): Promise<StoredSelfAssessment> {
    const stored = parseRow(
      storedSelfAssessmentSchema,
      { ...record, revision: expectedRevision + 1 },
      `self-assessment ${record.year} draft ${record.draft}`,
    );
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#table,
          Item: this.#item(stored),
          ...(expectedRevision === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression:
                  '#revision = :expected AND #status = :draft',
                ExpressionAttributeNames: {
                  '#revision': 'revision',
                  '#status': 'status',
                },
                ExpressionAttributeValues: {
                  ':expected': expectedRevision,
                  ':draft': 'draft',
                },
              }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new SelfAssessmentConflictError(
          `The ${record.year} self-assessment`,
          { cause: error },
        );
      }
      throw error;
    }
    return stored;
  }

  /**
   * Starts the next draft of a year from the one read at `from`: a draft
   * left behind is marked superseded, an approved one stays as it was
   * approved; both only if unchanged since they were read.
   *
   * @throws SelfAssessmentConflictError when either write's condition fails.
   */
  async startDraft(
    from: StoredSelfAssessment,
    next: Omit<StoredSelfAssessment, 'revision' | 'draft' | 'status'>,
  ): Promise<StoredSelfAssessment> {
    const stored = parseRow(
      storedSelfAssessmentSchema,
      { ...next, draft: from.draft + 1, revision: 1, status: 'draft' },
      `self-assessment ${next.year} draft ${from.draft + 1}`,
    );
    const unchanged = {
      ConditionExpression: '#revision = :expected AND #status = :status',
      ExpressionAttributeNames: {
        '#revision': 'revision',
        '#status': 'status',
      },
      ExpressionAttributeValues: {
        ':expected': from.revision,
        ':status': from.status,
      },
    };
    const previous = this.#item({
      ...from,
      status: from.status === 'draft' ? 'superseded' : from.status,
      revision: from.revision + 1,
    });
    try {
      await this.#client.send(
        new TransactWriteCommand({
          TransactItems: [
            from.status === 'draft'
              ? {
                  Put: { TableName: this.#table, Item: previous, ...unchanged },
                }
              : {
                  ConditionCheck: {
                    TableName: this.#table,
                    Key: keys.selfAssessment(
                      from.organisationId,
                      from.year,
                      from.draft,
                    ),
                    ...unchanged,
                  },
                },
            {
              Put: {
                TableName: this.#table,
                Item: this.#item(stored),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        throw new SelfAssessmentConflictError(
          `The ${next.year} self-assessment`,
          { cause: error },
        );
      }
      throw error;
    }
    return stored;
  }

  /** What staff added to the year's annual report; undefined before any. */
  async annualReport(
    organisationId: string,
    year: number,
  ): Promise<StoredAnnualReport | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#table,
        Key: keys.annualReport(organisationId, year),
        ConsistentRead: true,
      }),
    );
    return Item === undefined
      ? undefined
      : parseRow(
          storedAnnualReportSchema,
          recordOf(Item),
          `annual report ${year}`,
        );
  }

  /**
   * Writes the year's annual report inputs whole, over the revision read
   * (0: none yet).
   *
   * @throws SelfAssessmentConflictError when another save landed first.
   */
  async saveAnnualReport(
    record: Omit<StoredAnnualReport, 'revision'>,
    expectedRevision: number,
  ): Promise<StoredAnnualReport> {
    const stored = parseRow(
      storedAnnualReportSchema,
      { ...record, revision: expectedRevision + 1 },
      `annual report ${record.year}`,
    );
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#table,
          Item: {
            ...keys.annualReport(stored.organisationId, stored.year),
            kind: itemKinds.annualReport,
            ...stored,
          },
          ...(expectedRevision === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: '#revision = :expected',
                ExpressionAttributeNames: { '#revision': 'revision' },
                ExpressionAttributeValues: { ':expected': expectedRevision },
              }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new SelfAssessmentConflictError(
          `The ${record.year} annual report`,
          { cause: error },
        );
      }
      throw error;
    }
    return stored;
  }

  #item(record: StoredSelfAssessment): Record<string, unknown> {
    return {
      ...keys.selfAssessment(record.organisationId, record.year, record.draft),
      kind: itemKinds.selfAssessment,
      ...record,
    };
  }

  #parse(item: Record<string, unknown>, year: number): StoredSelfAssessment {
    return parseRow(
      storedSelfAssessmentSchema,
      recordOf(item),
      `self-assessment ${year} draft ${String(item.draft)}`,
    );
  }
}
