/**
 * In-memory fakes for the email-intake unit tests: an object store, a
 * complaint repository that keeps what it saves, and a logger whose lines
 * are captured.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { ComplaintState, DecisionToSave } from '@hearth/domain';
import { presetById } from '@hearth/domain';
import type { MailDeps } from '../../../../functions/email-intake/process-mail.js';
import type {
  ObjectContent,
  ObjectStore,
} from '../../../../functions/shared/adapters/s3/object-store.js';
import {
  complaintEventSchema,
  complaintStateSchema,
  intentSchema,
  parseRow,
} from '../../../../functions/shared/contracts/index.js';

export const policy = (() => {
  const preset = presetById('code-2024');
  if (preset === undefined) throw new Error('no code-2024 preset');
  return preset;
})();

export class MemoryObjects implements ObjectStore {
  readonly objects = new Map<string, ObjectContent>();

  async put(
    key: string,
    body: Buffer | string,
    contentType: string,
    metadata: Readonly<Record<string, string>> = {},
  ): Promise<void> {
    this.objects.set(key, { body: Buffer.from(body), contentType, metadata });
  }

  async get(key: string): Promise<ObjectContent | undefined> {
    return this.objects.get(key);
  }

  async list(prefix: string): Promise<string[]> {
    return [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
}

export class MemoryRepository {
  readonly states = new Map<string, ComplaintState>();
  readonly saves: DecisionToSave[] = [];
  #counter = 0;

  async load(_org: string, id: string): Promise<ComplaintState | undefined> {
    return this.states.get(id);
  }

  /** Validates as the DynamoDB repository does, before keeping. */
  // Mail is handled as a system job: it never passes an expected version.
  async eventsAfter(): Promise<never[]> {
    return [];
  }

  async save(_org: string, decision: DecisionToSave): Promise<void> {
    const id = decision.state.id;
    parseRow(complaintStateSchema, decision.state, `state ${id}`);
    for (const event of decision.events) {
      parseRow(complaintEventSchema, event, `event ${id}`);
    }
    for (const intent of decision.intents) {
      parseRow(intentSchema, intent, `intent ${id}`);
    }
    this.saves.push(decision);
    this.states.set(decision.state.id, decision.state);
  }

  async nextReference(_org: string, year: number): Promise<string> {
    this.#counter += 1;
    return `HTH-${year}-${String(this.#counter).padStart(6, '0')}`;
  }
}

/** A logger whose JSON lines land in `lines`. */
export function capturedLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = new Logger({ serviceName: 'test', logLevel: 'DEBUG' });
  const sink = {
    log: (line: string) => lines.push(line),
    info: (line: string) => lines.push(line),
    warn: (line: string) => lines.push(line),
    error: (line: string) => lines.push(line),
    debug: (line: string) => lines.push(line),
    trace: (line: string) => lines.push(line),
  };
  // Powertools writes through its own Console; point it at the capture.
  Object.assign(logger, { console: sink });
  return { logger, lines };
}

export function deps(overrides: Partial<MailDeps> = {}) {
  const objects = new MemoryObjects();
  const repository = new MemoryRepository();
  const { logger, lines } = capturedLogger();
  const built: MailDeps = {
    objects,
    repository,
    organisationId: 'test-org',
    policy,
    senderDomain: 'livewest.example',
    logger,
    ...overrides,
  };
  return { deps: built, objects, repository, lines };
}
