import { AwsError } from './errors.js';

/** Fault injection settings, as posted to `/_engine/faults`. */
export interface FaultSettings {
  rate: number;
  errors?: string[];
  seed?: number;
}

const MESSAGES: Record<string, string> = {
  ThrottlingException: 'Rate exceeded',
  ServiceUnavailableException: 'The service cannot complete the request.',
  OperationAbortedException: 'Multiple concurrent requests to update the same resource were in conflict.',
  InternalFailure: 'The request processing has failed because of an unknown error, exception or failure.',
};

/** Fails a seeded share of API calls with transient errors, before they touch any state. */
export class FaultInjector {
  private rate = 0;
  private errors: string[] = ['ThrottlingException'];
  private state = 1;

  configure(settings: FaultSettings): void {
    if (typeof settings.rate !== 'number' || settings.rate < 0 || settings.rate > 1) {
      throw new Error('faults: "rate" must be a number from 0 to 1');
    }
    this.rate = settings.rate;
    if (settings.errors !== undefined) {
      if (!Array.isArray(settings.errors) || settings.errors.length === 0) {
        throw new Error('faults: "errors" must be a non-empty list of error codes');
      }
      this.errors = settings.errors.map(String);
    }
    this.state = (settings.seed ?? Date.now()) >>> 0 || 1;
  }

  /** Throws the injected error for this call, if it is one of the unlucky ones. */
  maybeFail(): void {
    if (this.rate <= 0 || this.random() >= this.rate) return;
    const code = this.errors[Math.floor(this.random() * this.errors.length)]!;
    throw new AwsError(code, MESSAGES[code] ?? `Injected fault: ${code}`);
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
