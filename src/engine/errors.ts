/**
 * An AWS error as data: the error code (the model's error shape name) and AWS's message. The engine
 * throws these; only the protocol layer turns them into HTTP.
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Extra members of the error shape, e.g. `expectedSequenceToken`. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
  }
}

/** Errors raised by the protocol layer itself, with the statuses AWS uses for them. */
export const PROTOCOL_ERROR_STATUS: Record<string, number> = {
  SerializationException: 400,
  UnknownOperationException: 400,
  MissingAuthenticationTokenException: 403,
  IncompleteSignatureException: 400,
  UnsupportedMediaTypeException: 415,
  RequestEntityTooLargeException: 413,
  ThrottlingException: 400,
  InternalFailure: 500,
  ServiceUnavailableException: 500,
};

/** A malformed admin request (`/_engine/*`): answered 400 with its message, never as an AWS error. */
export class AdminInputError extends Error {}
