// Entity IDs (users, organizations, applications, clients share the rules): the pattern, at most 36 characters, and a
// sample of the IDs TTS refuses to hand out (pkg/identityserver/blocklist), plus the checks every create runs.
import { errors } from './errors';
import { isObject } from './http';

export const ID_PATTERN = /^[a-z0-9](?:[-]?[a-z0-9]){2,}$/;

/** A sample of TTS's 731 reserved IDs (pkg/identityserver/blocklist/builtin.go). */
export const BLOCKLIST = new Set([
  'admin',
  'administrator',
  'api',
  'app',
  'apps',
  'application',
  'applications',
  'auth',
  'authorize',
  'cli',
  'client',
  'clients',
  'code',
  'console',
  'dashboard',
  'device',
  'devices',
  'events',
  'gateway',
  'gateways',
  'join',
  'login',
  'logout',
  'network',
  'oauth',
  'org',
  'organization',
  'organizations',
  'register',
  'root',
  'server',
  'settings',
  'stack',
  'support',
  'system',
  'thethings',
  'thethingsnetwork',
  'thethingsindustries',
  'token',
  'ttn',
  'tti',
  'ttnv3',
  'user',
  'users',
  'www',
  'help',
  'status',
  'account',
  'callback',
  'local-callback',
  'validate',
  'admin-console',
]);

export function validateId(value: unknown, fieldName: string): string {
  if (typeof value !== 'string' || value === '') {
    throw errors.validation(fieldName, 'value is required');
  }
  if (value.length > 36 || !ID_PATTERN.test(value)) {
    throw errors.validation(
      fieldName,
      `value does not match regex pattern \`${ID_PATTERN.source}\` or is longer than 36 characters`,
    );
  }
  return value;
}

/** Checks shared by every entity: name ≤ 50, description ≤ 2000, ≤ 10 attributes. */
export function validateCommon(input: Record<string, unknown>): void {
  const text = (name: string, max: number) => {
    const value = input[name];
    if (value !== undefined && (typeof value !== 'string' || value.length > max)) {
      throw errors.validation(name, `value must be a string of at most ${max} characters`);
    }
  };
  text('name', 50);
  text('description', 2000);
  const attributes = input.attributes;
  if (attributes !== undefined) {
    if (
      !isObject(attributes) ||
      Object.keys(attributes).length > 10 ||
      Object.entries(attributes).some(
        ([k, v]) => !ID_PATTERN.test(k) || k.length > 36 || typeof v !== 'string' || v.length > 200,
      )
    ) {
      throw errors.validation('attributes', 'at most 10 attributes, keys like IDs, values of at most 200 characters');
    }
  }
}
