// Domain names for the generated contract types (schema.ts). Use these, not raw `components[…]` paths.
import type { components } from './schema';

type Schemas = components['schemas'];

export type Client = Schemas['v3Client'];
export type ClientState = Schemas['v3State'];
export type GrantType = Schemas['v3GrantType'];
export type Application = Schemas['v3Application'];
export type ApiKey = Schemas['v3APIKey'];
export type Collaborator = Schemas['v3Collaborator'];
export type EndDevice = Schemas['v3EndDevice'];
export type User = Schemas['v3User'];
export type Organization = Schemas['v3Organization'];
export type AuthInfo = Schemas['v3AuthInfoResponse'];
export type OrganizationOrUserIdentifiers = Schemas['v3OrganizationOrUserIdentifiers'];
/** A user's authorization of an OAuth client (which rights, since when). */
export type ClientAuthorization = Schemas['v3OAuthClientAuthorization'];
/** An access token of an authorization; its token values are blanked when listed. */
export type AccessToken = Schemas['v3OAuthAccessToken'];
export type TtsEvent = Schemas['v3Event'];
export type StreamEventsRequest = Schemas['v3StreamEventsRequest'];
export type PayloadFormatter = Schemas['v3PayloadFormatter'];
export type MessagePayloadFormatters = Schemas['v3MessagePayloadFormatters'];
export type ApplicationLink = Schemas['v3ApplicationLink'];
export type ApplicationUplink = Schemas['v3ApplicationUplink'];
export type ApplicationDownlink = Schemas['v3ApplicationDownlink'];
export type EndDeviceVersionIdentifiers = Schemas['v3EndDeviceVersionIdentifiers'];
export type RightName = Exclude<Schemas['v3Right'], 'right_invalid'>;

/** Who owns or collaborates on an entity: a user or an organization. */
export type Owner = { kind: 'user'; id: string } | { kind: 'organization'; id: string };

export function ownerIdentifiers(owner: Owner): OrganizationOrUserIdentifiers {
  return owner.kind === 'user'
    ? { user_ids: { user_id: owner.id } }
    : { organization_ids: { organization_id: owner.id } };
}

export function ownerOf(ids: OrganizationOrUserIdentifiers | undefined): Owner | undefined {
  if (ids?.user_ids?.user_id) {
    return { kind: 'user', id: ids.user_ids.user_id };
  }
  if (ids?.organization_ids?.organization_id) {
    return { kind: 'organization', id: ids.organization_ids.organization_id };
  }
  return undefined;
}
