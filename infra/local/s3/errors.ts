/**
 * S3's errors as the stand-in raises them: the `Code` the SDK turns into
 * an exception class (`NoSuchKey`, `NoSuchBucket`, …), the HTTP status and
 * any extra elements S3 puts in the `<Error>` document.
 */
export class S3Error extends Error {
  override readonly name = 'S3Error';
  readonly code: string;
  readonly status: number;
  /** Extra elements of the error document, e.g. `{ Key: 'a/b' }`. */
  readonly details: Readonly<Record<string, string>>;

  constructor(
    code: string,
    status: number,
    message: string,
    details: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/** The errors the stand-in raises, worded as S3 words them. */
export const s3Errors = {
  accessDenied: (message = 'Access Denied') =>
    new S3Error('AccessDenied', 403, message),
  noSuchBucket: (bucket: string) =>
    new S3Error('NoSuchBucket', 404, 'The specified bucket does not exist', {
      BucketName: bucket,
    }),
  noSuchKey: (key: string) =>
    new S3Error('NoSuchKey', 404, 'The specified key does not exist.', {
      Key: key,
    }),
  bucketExists: (bucket: string) =>
    new S3Error(
      'BucketAlreadyOwnedByYou',
      409,
      'Your previous request to create the named bucket succeeded and you already own it.',
      { BucketName: bucket },
    ),
  bucketNotEmpty: (bucket: string) =>
    new S3Error(
      'BucketNotEmpty',
      409,
      'The bucket you tried to delete is not empty',
      { BucketName: bucket },
    ),
  invalidBucketName: (bucket: string) =>
    new S3Error(
      'InvalidBucketName',
      400,
      'The specified bucket is not valid.',
      {
        BucketName: bucket,
      },
    ),
  invalidArgument: (message: string, name?: string, value?: string) =>
    new S3Error(
      'InvalidArgument',
      400,
      message,
      name === undefined
        ? {}
        : { ArgumentName: name, ArgumentValue: value ?? '' },
    ),
  invalidUri: (message = 'Couldn\u2019t parse the specified URI.') =>
    new S3Error('InvalidURI', 400, message),
  keyTooLong: () => new S3Error('KeyTooLongError', 400, 'Your key is too long'),
  metadataTooLarge: () =>
    new S3Error(
      'MetadataTooLarge',
      400,
      'Your metadata headers exceed the maximum allowed metadata size',
    ),
  entityTooLarge: (limit: number) =>
    new S3Error(
      'EntityTooLarge',
      400,
      `Your proposed upload exceeds the maximum allowed size (${limit} bytes in the local stand-in)`,
    ),
  badDigest: (what: string) =>
    new S3Error(
      'BadDigest',
      400,
      `The ${what} you specified did not match the calculated checksum.`,
    ),
  sha256Mismatch: () =>
    new S3Error(
      'XAmzContentSHA256Mismatch',
      400,
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    ),
  incompleteBody: (message: string) =>
    new S3Error('IncompleteBody', 400, message),
  invalidRequest: (message: string) =>
    new S3Error('InvalidRequest', 400, message),
  invalidRange: () =>
    new S3Error('InvalidRange', 416, 'The requested range is not satisfiable'),
  preconditionFailed: (condition: string) =>
    new S3Error(
      'PreconditionFailed',
      412,
      'At least one of the pre-conditions you specified did not hold',
      { Condition: condition },
    ),
  notImplemented: (message: string) =>
    new S3Error('NotImplemented', 501, message),
  methodNotAllowed: (method: string) =>
    new S3Error(
      'MethodNotAllowed',
      405,
      'The specified method is not allowed against this resource.',
      { Method: method },
    ),
} as const;
