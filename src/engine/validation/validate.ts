import { AwsError } from '../errors.js';
import { ownEntry } from '../own.js';
import { constraintsOf, displayPattern, displayValue, MAX_REPORTED_VIOLATIONS, validationError, type Violation } from './messages.js';
import type { MemberRef, ServiceTable } from './types.js';

/**
 * Validates an operation's input against a generated service table, as AWS's front end does:
 * JSON types first (a wrong type is a SerializationException), then the constraint violations
 * (up to Coral's ten) collected into one message in AWS's format:
 * `1 validation error detected: Value 'x' at 'member' failed to satisfy constraint: Member must …`.
 */
export function validateInput(table: ServiceTable, operation: string, input: unknown, errorCode: string): void {
  const op = ownEntry(table.operations, operation);
  if (!op?.input) return;
  const violations: Violation[] = [];
  const walker = new Walker(table, violations);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  walker.structure(op.input, input as Record<string, unknown>, '');
  if (violations.length > 0) throw validationError(op, violations, errorCode);
}

const regexCache = new Map<string, RegExp>();

/** Compiles a model pattern (Java regex syntax) as a JS RegExp, Unicode-aware where it parses so. */
export function modelPattern(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (!re) {
    // Java's inline DOTALL flag (QueryStatement's `(?s)`) is no JS group: it becomes the `s` flag.
    const dotAll = pattern.includes('(?s)') ? 's' : '';
    const source = pattern.replace('(?s)', '');
    try {
      re = new RegExp(source, `u${dotAll}`);
    } catch {
      re = new RegExp(source, dotAll);
    }
    regexCache.set(pattern, re);
  }
  return re;
}

/** Stands for a value the message leaves out (CloudWatch Logs' pattern violations). */
const OMITTED = Symbol('omitted');

const codePoints = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
};

class Walker {
  constructor(
    private readonly table: ServiceTable,
    private readonly violations: Violation[],
  ) {}

  structure(shapeName: string, value: Record<string, unknown>, path: string): void {
    const shape = this.table.shapes[shapeName];
    if (!shape || (shape.type !== 'structure' && shape.type !== 'union')) return;
    for (const [name, ref] of Object.entries(shape.members)) {
      const v = ownEntry(value, name);
      const at = path ? `${path}.${name}` : name;
      if (v === undefined || v === null) {
        if (ref.required) this.fail(null, at, 'Member must not be null');
        continue;
      }
      this.member(ref, v, at);
    }
  }

  member(ref: MemberRef, value: unknown, at: string): void {
    const kind = this.kind(ref.s);
    this.checkType(kind, value, at);
    switch (kind) {
      case 'string':
        this.checkString(ref, value as string, at);
        break;
      case 'integer':
      case 'long':
      case 'double':
      case 'float':
      case 'short':
      case 'byte':
        this.checkNumber(ref, value as number, at);
        break;
      case 'list':
        this.checkList(ref, value as unknown[], at);
        break;
      case 'map':
        this.checkMap(ref, value as Record<string, unknown>, at);
        break;
      case 'structure':
      case 'union':
        this.structure(ref.s, value as Record<string, unknown>, at);
        break;
    }
  }

  private kind(shapeName: string): string {
    return this.table.shapes[shapeName]?.type ?? shapeName;
  }

  private checkType(kind: string, value: unknown, at: string): void {
    const ok = (() => {
      switch (kind) {
        case 'string':
        case 'blob':
          return typeof value === 'string';
        case 'integer':
        case 'long':
        case 'short':
        case 'byte':
          return typeof value === 'number' && Number.isInteger(value);
        case 'double':
        case 'float':
        case 'timestamp':
          return typeof value === 'number' && Number.isFinite(value);
        case 'boolean':
          return typeof value === 'boolean';
        case 'list':
          return Array.isArray(value);
        case 'map':
        case 'structure':
        case 'union':
          return value !== null && typeof value === 'object' && !Array.isArray(value);
        default:
          return true;
      }
    })();
    if (!ok) {
      throw new AwsError(
        'SerializationException',
        `Unexpected value type at '${at}': expected ${kind}, got ${Array.isArray(value) ? 'list' : typeof value}`,
      );
    }
  }

  private checkString(ref: MemberRef, value: string, at: string): void {
    if (ref.length) this.checkLength(ref.length, codePoints(value), value, at);
    if (ref.pattern && !modelPattern(ref.pattern).test(value)) {
      const shown = this.table.patternValue === 'shown' ? value : OMITTED;
      this.fail(shown, at, `Member must satisfy regular expression pattern: ${displayPattern(ref.pattern)}`);
    }
    if (ref.enum && !ref.enum.includes(value)) {
      this.fail(value, at, `Member must satisfy enum value set: [${ref.enum.join(', ')}]`);
    }
  }

  private checkNumber(ref: MemberRef, value: number, at: string): void {
    const [min, max] = ref.range ?? [null, null];
    if (min !== null && value < min) this.fail(value, at, `Member must have value greater than or equal to ${min}`);
    if (max !== null && value > max) this.fail(value, at, `Member must have value less than or equal to ${max}`);
    if (ref.enum && !ref.enum.includes(value)) {
      this.fail(value, at, `Member must satisfy enum value set: [${ref.enum.join(', ')}]`);
    }
  }

  private checkList(ref: MemberRef, value: unknown[], at: string): void {
    if (ref.length) this.checkLength(ref.length, value.length, value, at, true);
    const shape = this.table.shapes[ref.s];
    if (shape?.type !== 'list') return;
    value.forEach((item, i) => {
      const itemAt = `${at}.${i + 1}.member`;
      if (item === null || item === undefined) {
        this.fail(null, itemAt, 'Member must not be null');
        return;
      }
      this.member(shape.member, item, itemAt);
    });
  }

  private checkMap(ref: MemberRef, value: Record<string, unknown>, at: string): void {
    const entries = Object.entries(value);
    if (ref.length) this.checkLength(ref.length, entries.length, value, at, true);
    const shape = this.table.shapes[ref.s];
    if (shape?.type !== 'map') return;
    for (const [k, v] of entries) {
      this.nested(shape.key, k, value, at, 'Map keys must satisfy constraint');
      if (v === null || v === undefined) continue;
      this.nested(shape.value, v, value, at, 'Map value must satisfy constraint');
    }
  }

  /**
   * Map keys and values are reported against the map itself, as Coral does: when one fails, the
   * message lists every constraint of the key (or value) shape, max length, min length, pattern.
   */
  private nested(ref: MemberRef, item: unknown, map: unknown, at: string, label: string): void {
    const inner: Violation[] = [];
    new Walker(this.table, inner).member(ref, item, at);
    if (inner.length > 0) this.fail(map, at, `${label}: [${constraintsOf(ref).join(', ')}]`);
  }

  /** `items`: the length counts a list's or map's items (too many of them may have an error of its own). */
  private checkLength(bounds: [number | null, number | null], n: number, value: unknown, at: string, items = false): void {
    const [min, max] = bounds;
    if (min !== null && n < min) this.fail(value, at, `Member must have length greater than or equal to ${min}`);
    if (max !== null && n > max) this.fail(value, at, `Member must have length less than or equal to ${max}`, items);
  }

  private fail(value: unknown, at: string, constraint: string, tooMany = false): void {
    if (this.violations.length >= MAX_REPORTED_VIOLATIONS) return;
    const member = at.split('.', 1)[0]!;
    const shown = value === OMITTED ? 'Value' : `Value ${displayValue(value)}`;
    this.violations.push({ member, tooMany: tooMany && member === at, text: `${shown} at '${at}' failed to satisfy constraint: ${constraint}` });
  }
}
