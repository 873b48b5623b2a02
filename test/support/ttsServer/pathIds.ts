// IDs in a request path are checked by TTS's generated validators before any lookup: an invalid one is 400
// `pkg/errors:validation`, not 404. The error nests like the request message (`application_ids` → `application_id`),
// each level naming its validator (`ApplicationIdentifiersValidationError`), as v3.32.1 answers.
import { errors, type TtsError } from './errors';
import { ID_PATTERN } from './lifecycle';

const KIND_OF_ID: Record<string, string> = {
  client_id: 'Client',
  application_id: 'Application',
  user_id: 'User',
  organization_id: 'Organization',
  device_id: 'EndDevice',
  gateway_id: 'Gateway',
};
const VERB: Record<string, string> = { GET: 'Get', PUT: 'Update', POST: 'Create', DELETE: 'Delete' };

/** Throws the validation error TTS gives for the first invalid ID among the path parameters. */
export function checkPathIds(method: string, params: Record<string, string>): void {
  for (const [param, value] of Object.entries(params)) {
    const parts = param.split('.');
    const idField = parts[parts.length - 1];
    const kind = KIND_OF_ID[idField];
    if (!kind || ID_PATTERN.test(value)) {
      continue;
    }
    let error: TtsError = errors.validation(
      idField,
      `value does not match regex pattern "${ID_PATTERN.source}"`,
      `${kind}IdentifiersValidationError`,
    );
    for (let i = parts.length - 2; i >= 0; i--) {
      const name = i === 0 ? `${VERB[method] ?? ''}${kind}RequestValidationError` : `${kind}ValidationError`;
      error = errors.validation(parts[i], 'embedded message failed validation', name, error);
    }
    throw error;
  }
}
