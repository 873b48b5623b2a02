// The prompts for an OAuth client's fields, shared by the create wizard and the edit command. Each checks the
// guidelines as the user types (src/ui/clientGuidelines.ts).
import type { GrantType } from '../tts/types';
import type { Right } from '../tts/rights';
import {
  PASSWORD_GRANT_REFUSAL,
  REFRESH_TOKEN_QUESTION,
  checkClientId,
  checkClientName,
  checkDescription,
  checkRedirectUri,
  checkRedirectUriList,
  rightsAdvice,
} from '../ui/clientGuidelines';
import { pickRights } from '../ui/rightsPicker';
import type { StepInfo, Ui, Validation } from '../ui/ui';
import { isGoBack } from '../util/cancellation';
import { refusedOr, type Refusal } from '../ui/wizard';
import type { UriField } from '../explorer/nodeTypes';
import { GRANT_LABELS, URI_LABELS } from '../explorer/entityNodes';

export { URI_LABELS };

export function askClientId(ui: Ui, title: string, value: string, step?: StepInfo, refused?: Refusal): Promise<string> {
  return ui
    .input({
      title,
      step,
      value,
      prompt: 'Client ID: your brand and the purpose, e.g. "mycompany-gateway-onboarding"',
      placeholder: 'mycompany-gateway-onboarding',
      validate: refusedOr(refused, (v) => checkClientId(v.trim())),
    })
    .then((v) => v.trim());
}

export function askName(ui: Ui, title: string, value: string, step?: StepInfo): Promise<string> {
  return ui
    .input({
      title,
      step,
      value,
      prompt: 'Name shown to users when they authorize the client',
      validate: checkClientName,
    })
    .then((v) => v.trim());
}

export function askDescription(ui: Ui, title: string, value: string, step?: StepInfo): Promise<string> {
  return ui
    .input({
      title,
      step,
      value,
      prompt: 'Description: what the client does and why it needs its rights',
      validate: checkDescription,
    })
    .then((v) => v.trim());
}

/** URIs typed in one box, separated by spaces or commas. */
export function parseUris(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((u) => u.trim())
    .filter(Boolean);
}

/** The whole typed list: each URI's own check (errors first), then the list's. */
export function checkUriListText(text: string, required: boolean): Validation | undefined {
  const uris = parseUris(text);
  let advice: Validation | undefined;
  for (let i = 0; i < uris.length; i++) {
    const check = checkRedirectUri(uris[i], uris.slice(0, i));
    if (check?.severity === 'error') {
      return check;
    }
    advice ??= check;
  }
  return checkRedirectUriList(uris, required) ?? advice;
}

export async function askUris(
  ui: Ui,
  title: string,
  field: UriField,
  current: readonly string[],
  step?: StepInfo,
): Promise<string[]> {
  const required = field === 'redirect_uris';
  const text = await ui.input({
    title,
    step,
    value: current.join(' '),
    prompt: required
      ? 'Redirect URIs, separated by spaces (at least one), e.g. https://app.example.com/oauth/callback'
      : 'Logout redirect URIs, separated by spaces (optional; leave empty for none)',
    validate: (v) => checkUriListText(v, required),
  });
  return parseUris(text);
}

const GRANT_DETAILS: Record<GrantType, string> = {
  GRANT_AUTHORIZATION_CODE: 'Users sign in on The Things Stack and authorize the client (recommended).',
  GRANT_REFRESH_TOKEN: 'The client keeps access without the user, by renewing its token.',
  GRANT_PASSWORD: "Not offered: the client would handle users' passwords.",
};

/** Grants: the password grant is refused with the reason; a refresh token must be meant. */
export async function askGrants(
  ui: Ui,
  title: string,
  current: readonly GrantType[],
  step?: StepInfo,
): Promise<GrantType[]> {
  let selected = current.length > 0 ? [...current] : ['GRANT_AUTHORIZATION_CODE' as GrantType];
  let placeholder = 'Grant types the client may use';
  for (;;) {
    const grants = await ui.pickMany<GrantType>({
      title,
      step,
      placeholder,
      items: (Object.keys(GRANT_LABELS) as GrantType[]).map((g) => ({
        label: GRANT_LABELS[g],
        description: g,
        detail: GRANT_DETAILS[g],
        value: g,
        picked: selected.includes(g),
      })),
    });
    if (grants.includes('GRANT_PASSWORD')) {
      void ui.warn(PASSWORD_GRANT_REFUSAL);
      selected = grants.filter((g) => g !== 'GRANT_PASSWORD');
      placeholder = 'The password grant is not offered — choose other grants';
      continue;
    }
    if (grants.length === 0) {
      selected = ['GRANT_AUTHORIZATION_CODE'];
      placeholder = 'Choose at least one grant (authorization code is the usual one)';
      continue;
    }
    if (grants.includes('GRANT_REFRESH_TOKEN') && !current.includes('GRANT_REFRESH_TOKEN')) {
      const keep = await ui
        .pick<boolean>({
          title,
          step: step && { ...step, back: true },
          placeholder: 'Does this client really need non-interactive access?',
          items: [
            { label: 'Yes, Keep the Refresh Token', detail: REFRESH_TOKEN_QUESTION, value: true },
            { label: 'No, Users Sign In Again When Access Expires', value: false },
          ],
        })
        .catch((error: unknown) => {
          if (isGoBack(error)) {
            return undefined;
          }
          throw error;
        });
      if (keep === undefined) {
        selected = grants;
        continue;
      }
      return keep ? grants : grants.filter((g) => g !== 'GRANT_REFRESH_TOKEN');
    }
    return grants;
  }
}

/** Rights, then advice against the description; the user keeps them knowingly or chooses again. */
export async function askClientRights(
  ui: Ui,
  title: string,
  description: string,
  current: readonly string[] | undefined,
  step?: StepInfo,
): Promise<Right[]> {
  let chosen = current;
  for (;;) {
    const rights = await pickRights(ui, { title, scope: 'client', current: chosen, step });
    const advice = rightsAdvice(rights, description);
    if (advice.length === 0) {
      return rights;
    }
    const keep = await ui
      .pick<boolean>({
        title,
        step: step && { ...step, back: true },
        placeholder: 'These rights may be more than the client needs',
        items: [
          { label: 'Choose Again', value: false },
          { label: 'Keep These Rights', detail: advice.map((a) => a.message).join(' '), value: true },
        ],
      })
      .catch((error: unknown) => {
        if (isGoBack(error)) {
          return false;
        }
        throw error;
      });
    if (keep) {
      return rights;
    }
    chosen = rights;
  }
}
