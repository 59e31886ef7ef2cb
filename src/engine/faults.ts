import { AdminInputError, AwsError } from './errors.js';
import { ownEntry } from './own.js';

/** Fault injection settings, as posted to `/_engine/faults`. */
export interface FaultSettings {
  rate: number;
  errors?: string[];
  seed?: number;
  /** Only calls of these accounts fail (a fleet whose one account misbehaves); absent: every account. */
  accounts?: string[];
  /** Only these operations fail (writes, say, while reads work); absent: every operation. */
  operations?: string[];
}

const MESSAGES: Record<string, string> = {
  ThrottlingException: 'Rate exceeded',
  ServiceUnavailableException: 'The service cannot complete the request.',
  OperationAbortedException: 'Multiple concurrent requests to update the same resource were in conflict.',
  InternalFailure: 'The request processing has failed because of an unknown error, exception or failure.',
};

/** An error code (as it travels in `__type` and the `x-amzn-ErrorType` header) or an operation name: a plain identifier. */
const isErrorCode = (code: unknown): code is string => typeof code === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(code);

/** Fails a seeded share of API calls with transient errors, before they touch any state. */
export class FaultInjector {
  private rate = 0;
  private errors: string[] = ['ThrottlingException'];
  private state = 1;
  private accounts: ReadonlySet<string> | undefined;
  private operations: ReadonlySet<string> | undefined;

  configure(settings: FaultSettings): void {
    if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
      throw new AdminInputError('faults: expected a JSON object such as {"rate":0.2,"errors":["ThrottlingException"],"seed":1}');
    }
    const { rate, errors, seed, accounts, operations } = settings;
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) throw new AdminInputError('faults: "rate" must be a number from 0 to 1');
    if (errors !== undefined && (!Array.isArray(errors) || errors.length === 0 || !errors.every(isErrorCode))) {
      throw new AdminInputError('faults: "errors" must be a non-empty list of error codes such as "ThrottlingException"');
    }
    if (seed !== undefined && !Number.isFinite(seed)) throw new AdminInputError('faults: "seed" must be a number');
    if (accounts !== undefined && (!Array.isArray(accounts) || !accounts.every((a) => typeof a === 'string' && /^\d{12}$/.test(a)))) {
      throw new AdminInputError('faults: "accounts" must be a list of 12-digit account ids');
    }
    if (operations !== undefined && (!Array.isArray(operations) || !operations.every(isErrorCode))) {
      throw new AdminInputError('faults: "operations" must be a list of operation names such as "CreateLogGroup"');
    }
    this.accounts = accounts === undefined ? undefined : new Set(accounts);
    this.operations = operations === undefined ? undefined : new Set(operations);
    this.rate = rate;
    if (errors !== undefined) this.errors = [...errors];
    this.state = (seed ?? Date.now()) >>> 0 || 1;
  }

  /** Throws the injected error for this call (an operation of an account), if it is one of the unlucky ones. */
  maybeFail(account: string, operation: string): void {
    if (this.rate <= 0 || (this.accounts && !this.accounts.has(account)) || (this.operations && !this.operations.has(operation))) return;
    if (this.random() >= this.rate) return;
    const code = this.errors[Math.floor(this.random() * this.errors.length)]!;
    throw new AwsError(code, ownEntry(MESSAGES, code) ?? `Injected fault: ${code}`);
  }

  /** xorshift32: deterministic for a given seed, so fault runs reproduce. */
  private random(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 0x100000000;
  }
}
