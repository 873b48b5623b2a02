// The errors of the account side (authorizations and tokens, API keys of users and organizations, organizations,
// collaborators, account search), named and worded as TTS v3.32.1 answers them (pkg/identityserver/*.go,
// pkg/identityserver/store/errors.go; checked against a running v3.32.1 by test:real).
import { GRPC, TtsError, type ErrorBody } from './errors';

const { InvalidArgument, NotFound, PermissionDenied, FailedPrecondition } = GRPC;
const IS = 'pkg/identityserver';
const STORE = 'pkg/identityserver/store';

const err =
  (code: number, ns: string, name: string, format: string) =>
  (attributes: Record<string, unknown> = {}) =>
    new TtsError(code, ns, name, format, attributes);

/** grpc-gateway's own answer to a query parameter it cannot parse: `{code, message}` without details. */
export class GatewayError extends TtsError {
  constructor(readonly gatewayMessage: string) {
    super(InvalidArgument, 'grpc-gateway', 'parse', gatewayMessage);
  }

  override body(): ErrorBody {
    return { code: this.grpcCode, message: this.gatewayMessage } as ErrorBody;
  }
}

export const accountErrors = {
  /** The store's access-token lookup (DeleteToken); attribute `access_token_id`. */
  accessTokenIdNotFound: err(
    NotFound,
    STORE,
    'access_token_not_found',
    'access token with id `{access_token_id}` not found',
  ),
  accessTokenMismatch: err(
    InvalidArgument,
    IS,
    'access_token_mismatch',
    'access token ID did not match user or client identifiers',
  ),
  /** What the OAuth store answers for an unknown client in an authorization path (getClientUUID). */
  noResults: err(NotFound, 'pkg/util/store', 'not_found', 'no results found'),
  /** Attributes `entity_type`, `entity_id`. */
  entityNotFound: err(NotFound, STORE, 'entity_not_found', '{entity_type} entity with id `{entity_id}` not found'),
  nestedOrganizations: err(InvalidArgument, IS, 'nested_organizations', 'organizations can not be nested'),
  needsCollaborator: (kind: string) =>
    new TtsError(
      FailedPrecondition,
      IS,
      `${kind}_needs_collaborator`,
      `every ${kind} needs at least one collaborator with all rights`,
    ),
  collaboratorIsContact: err(
    FailedPrecondition,
    IS,
    'collaborator_is_contact',
    'collaborator `{collaborator_id}` is used as a contact',
  ),
  contactInfoRestricted: err(
    PermissionDenied,
    STORE,
    'contact_info_restricted',
    'contact information can only reference the caller',
  ),
  adminsCreateOrganizations: err(
    PermissionDenied,
    IS,
    'admins_create_organizations',
    'organizations may only be created by admins',
  ),
  searchForbidden: err(PermissionDenied, IS, 'search_forbidden', 'search is forbidden'),
  badEnum: (parameter: string, value: string) =>
    new GatewayError(`parsing list "${parameter}": "${value}" is not a valid value`),
};
