// TTS error bodies (§6): a google.rpc.Status whose single detail is ttn.lorawan.v3.ErrorDetails, with the HTTP
// status mapped from the gRPC code the way grpc-gateway and pkg/errors/http.go do.
import { randomBytes } from 'node:crypto';

export const GRPC = {
  Canceled: 1,
  Unknown: 2,
  InvalidArgument: 3,
  DeadlineExceeded: 4,
  NotFound: 5,
  AlreadyExists: 6,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  FailedPrecondition: 9,
  Aborted: 10,
  OutOfRange: 11,
  Unimplemented: 12,
  Internal: 13,
  Unavailable: 14,
  DataLoss: 15,
  Unauthenticated: 16,
} as const;

const HTTP_OF_GRPC: Record<number, number> = {
  1: 499,
  2: 500,
  3: 400,
  4: 504,
  5: 404,
  6: 409,
  7: 403,
  8: 429,
  9: 400,
  10: 409,
  11: 400,
  12: 501,
  13: 500,
  14: 503,
  15: 500,
  16: 401,
};

export function httpStatusOf(grpcCode: number): number {
  return HTTP_OF_GRPC[grpcCode] ?? 500;
}

/** The gRPC code a bare HTTP status stands for (used for injected failures). */
export function grpcCodeOf(status: number): number {
  const direct: Record<number, number> = {
    400: 3,
    401: 16,
    403: 7,
    404: 5,
    409: 6,
    429: 8,
    501: 12,
    502: 14,
    503: 14,
    504: 4,
  };
  return direct[status] ?? 13;
}

export interface ErrorBody {
  code: number;
  message: string;
  details: Record<string, unknown>[];
}

/** A TTS error as thrown by handlers; `body()` is what goes on the wire. */
export class TtsError extends Error {
  readonly correlationId = randomBytes(16).toString('hex');

  constructor(
    readonly grpcCode: number,
    readonly namespace: string,
    readonly errorName: string,
    readonly messageFormat: string,
    readonly attributes: Record<string, unknown> = {},
    /** The error this one wraps; TTS sends it as `details[0].cause`, each level with its own correlation id. */
    readonly ttsCause?: TtsError,
  ) {
    super(`error:${namespace}:${errorName} (${formatMessage(messageFormat, attributes)})`);
  }

  get status(): number {
    return httpStatusOf(this.grpcCode);
  }

  body(): ErrorBody {
    return { code: this.grpcCode, message: this.message, details: [this.detail()] };
  }

  private detail(): Record<string, unknown> {
    const detail: Record<string, unknown> = {
      '@type': 'type.googleapis.com/ttn.lorawan.v3.ErrorDetails',
      namespace: this.namespace,
      name: this.errorName,
      message_format: this.messageFormat,
      correlation_id: this.correlationId,
      code: this.grpcCode,
    };
    if (Object.keys(this.attributes).length > 0) {
      detail.attributes = this.attributes;
    }
    if (this.ttsCause) {
      detail.cause = this.ttsCause.detail();
    }
    return detail;
  }
}

function formatMessage(format: string, attributes: Record<string, unknown>): string {
  return format.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = attributes[key];
    if (value === undefined) {
      return whole;
    }
    return Array.isArray(value) ? value.join(', ') : String(value);
  });
}

const err =
  (code: number, ns: string, name: string, format: string) =>
  (attributes: Record<string, unknown> = {}) =>
    new TtsError(code, ns, name, format, attributes);

const { InvalidArgument, NotFound, AlreadyExists, PermissionDenied, FailedPrecondition, Unauthenticated } = GRPC;
const IS = 'pkg/identityserver';
const STORE = 'pkg/identityserver/store';

/** The errors the server raises, named as in TTS (config/messages.json). */
export const errors = {
  unauthenticated: err(Unauthenticated, IS, 'unauthenticated', 'unauthenticated'),
  tokenNotFound: err(Unauthenticated, IS, 'token_not_found', 'access token not found'),
  tokenExpired: err(Unauthenticated, IS, 'token_expired', 'access token expired'),
  apiKeyNotFound: err(Unauthenticated, IS, 'api_key_not_found', 'API key not found'),
  apiKeyExpired: err(Unauthenticated, IS, 'api_key_expired', 'API key expired'),
  invalidAuthorization: err(Unauthenticated, IS, 'invalid_authorization', 'invalid authorization'),
  unsupportedAuthorization: err(Unauthenticated, IS, 'unsupported_authorization', 'unsupported authorization method'),
  oauthClientRejected: err(PermissionDenied, IS, 'oauth_client_rejected', 'OAuth client was rejected'),
  oauthClientSuspended: err(PermissionDenied, IS, 'oauth_client_suspended', 'OAuth client was suspended'),
  malformedToken: err(InvalidArgument, 'pkg/auth', 'token', 'invalid token'),
  /** `missing` is not sent: v3.32.1 names only the entity (`{"uid":"admin"}`) when the caller holds no right at all. */
  noRights: (entity: string, uid: string, _missing?: string[]) =>
    new TtsError(PermissionDenied, 'pkg/auth/rights', `no_${entity}_rights`, `no rights for ${entity} \`{uid}\``, {
      uid,
    }),
  insufficientRights: (entity: string, uid: string, missing: string[]) =>
    new TtsError(
      PermissionDenied,
      'pkg/auth/rights',
      `insufficient_${entity}_rights`,
      `insufficient rights for ${entity} \`{uid}\``,
      { uid, missing },
    ),
  notFound: (entity: string, id: string) =>
    new TtsError(
      NotFound,
      STORE,
      `${entity}_not_found`,
      `${entity.replace(/_/g, ' ')} with id \`{${entity}_id}\` not found`,
      { [`${entity}_id`]: id },
    ),
  idTaken: err(AlreadyExists, STORE, 'id_taken', 'ID `{id}` already taken'),
  /** Attributes `api_key_id`, `entity_type`, `entity_id`. */
  apiKeyNotFoundStore: err(NotFound, STORE, 'api_key_not_found', 'api key with id `{api_key_id}` not found'),
  /** Attributes `account_type`, `account_id`, `entity_type`, `entity_id`. */
  membershipNotFound: err(
    NotFound,
    STORE,
    'membership_not_found',
    'membership of {account_type} account with id `{account_id}` on {entity_type} entity with id `{entity_id}` not found',
  ),
  accessTokenNotFound: err(NotFound, STORE, 'access_token_not_found', 'access token not found'),
  /** Attributes `user_id`, `client_id`. */
  authorizationNotFound: err(
    NotFound,
    STORE,
    'authorization_not_found',
    'authorization of user with id `{user_id}` on client with id `{client_id}` not found',
  ),
  authorizationCodeNotFound: err(NotFound, STORE, 'authorization_code_not_found', 'authorization code not found'),
  forbiddenId: err(InvalidArgument, `${IS}/blocklist`, 'forbidden_id', 'ID `{id}` is forbidden'),
  /** `name` is the generated validator's error type, e.g. `ApplicationIdentifiersValidationError`. */
  validation: (field: string, reason: string, name = 'ValidationError', cause?: TtsError) =>
    new TtsError(
      InvalidArgument,
      'pkg/errors',
      'validation',
      'invalid `{field}`: {reason}',
      { field, name, reason },
      cause,
    ),
  accountNotFound: (accountType: 'user' | 'organization', accountId: string) =>
    new TtsError(NotFound, STORE, 'account_not_found', '{account_type} account with id `{account_id}` not found', {
      account_id: accountId,
      account_type: accountType,
    }),
  noUserIdPasswordMatch: err(
    InvalidArgument,
    'pkg/account/session',
    'no_user_id_password_match',
    'incorrect password or user ID',
  ),
  fieldMaskPaths: (paths: string[]) =>
    new TtsError(
      InvalidArgument,
      'pkg/rpcmiddleware/validator',
      'field_mask_paths',
      'forbidden path(s) in field mask',
      { forbidden_paths: paths },
    ),
  updateAdminField: err(PermissionDenied, IS, 'update_admin_field', 'only admins can update the `{field}` field'),
  adminsCreate: (entity: string) =>
    new TtsError(
      PermissionDenied,
      IS,
      `admins_create_${entity}s`,
      `${entity}s may only be created by admins, or in organizations`,
    ),
  adminsPurge: (entity: string) =>
    new TtsError(PermissionDenied, IS, `admins_purge_${entity}s`, `${entity}s may only be purged by admins`),
  restoreWindowExpired: err(
    FailedPrecondition,
    IS,
    'restore_window_expired',
    'this entity was deleted more than {restore_window} ago and can no longer be restored',
  ),
  applicationHasDevices: err(
    FailedPrecondition,
    IS,
    'application_has_devices',
    'application still has `{count}` devices',
  ),
  contactNoCollaborator: err(
    InvalidArgument,
    IS,
    'contact_no_collaborator',
    'contact `{contact}` is not a collaborator',
  ),
  noIdentifiers: err(InvalidArgument, 'pkg/events/grpc', 'no_identifiers', 'no identifiers'),
  rateLimited: err(
    GRPC.ResourceExhausted,
    'pkg/ratelimit',
    'rate_limit_exceeded',
    'rate limit of `{rate}` accesses per minute exceeded for resource `{key}`',
  ),
  badRequest: (reason: string) =>
    new TtsError(InvalidArgument, 'pkg/jsonpb', 'unmarshal', 'could not unmarshal request: {reason}', { reason }),
};
