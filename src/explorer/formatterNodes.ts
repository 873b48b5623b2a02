// "Payload Formatters" under applications and end devices (pure, no vscode): what is set, and for a device which
// formatter runs and why (formatters/kinds.ts has the rule of v3.32.1).
import { formatterInEffect, formatterLabel } from '../formatters/kinds';
import type { DeviceFormatters, Direction, FormatterPair } from '../tts/formatters';
import type { ApplicationNode, DeviceNode, FormatterNode, FormattersNode } from './nodeTypes';

export const DIRECTIONS: readonly Direction[] = ['up', 'down'];
export const DIRECTION_LABELS: Record<Direction, string> = { up: 'Uplink', down: 'Downlink' };

const SOURCE_TEXT = { device: 'device', application: 'application default', none: 'none set' } as const;

/** The "Payload Formatters" node of an application or a device; its id extends the parent's. */
export function formattersNode(parent: ApplicationNode | DeviceNode): FormattersNode {
  return {
    kind: 'formatters',
    id: `${parent.id}/#formatters`,
    parentId: parent.id,
    deploymentKey: parent.deploymentKey,
    applicationId: parent.applicationId,
    deviceId: parent.kind === 'device' ? parent.device.ids?.device_id : undefined,
  };
}

function scriptChars(type: string | undefined, parameter: string | undefined): number | undefined {
  return type === 'FORMATTER_JAVASCRIPT' ? (parameter ?? '').length : undefined;
}

function charsText(chars: number | undefined): string | undefined {
  return chars === undefined ? undefined : `${chars.toLocaleString('en-US')} characters`;
}

/** The fields every formatter row has: where it sits, its direction, its script size, its tooltip paragraphs. */
function formatterRow(
  holder: FormattersNode,
  direction: Direction,
  chars: number | undefined,
  tooltip: (string | undefined)[],
): Pick<
  FormatterNode,
  'kind' | 'id' | 'parentId' | 'deploymentKey' | 'applicationId' | 'deviceId' | 'direction' | 'scriptChars' | 'tooltip'
> {
  return {
    kind: 'formatter',
    id: `${holder.id}/${direction}`,
    parentId: holder.id,
    deploymentKey: holder.deploymentKey,
    applicationId: holder.applicationId,
    deviceId: holder.deviceId,
    direction,
    scriptChars: chars,
    tooltip: tooltip.filter(Boolean).join('\n\n'),
  };
}

/** Uplink and Downlink of an application: its default formatters from the AS link (undefined: no link yet). */
export function applicationFormatterNodes(holder: FormattersNode, pair: FormatterPair | undefined): FormatterNode[] {
  return DIRECTIONS.map((direction) => {
    const set = pair?.[direction];
    const inEffect = formatterInEffect(direction, undefined, pair);
    const chars = scriptChars(set?.type, set?.parameter);
    return {
      ...formatterRow(holder, direction, chars, [
        `${DIRECTION_LABELS[direction]} formatter of application ${holder.applicationId} (its default).`,
        inEffect.why,
        charsText(chars) && `Script: ${charsText(chars)}.`,
        inEffect.problem,
      ]),
      type: set?.type ?? 'FORMATTER_NONE',
      description: formatterLabel(set?.type),
      problem: inEffect.problem,
    };
  });
}

/** Uplink and Downlink of an end device: its own formatters, and which one runs (device over application). */
export function deviceFormatterNodes(
  holder: FormattersNode,
  device: DeviceFormatters,
  application: FormatterPair | undefined,
): FormatterNode[] {
  return DIRECTIONS.map((direction) => {
    const own = device.formatters ? (device.formatters[direction] ?? { type: 'FORMATTER_NONE' as const }) : undefined;
    const inEffect = formatterInEffect(direction, device, application);
    const chars = scriptChars(own?.type, own?.parameter);
    const ownText = own ? formatterLabel(own.type) : 'not set';
    const effectText = `in effect: ${formatterLabel(inEffect.type)} (${SOURCE_TEXT[inEffect.source]})`;
    return {
      ...formatterRow(holder, direction, chars, [
        `${DIRECTION_LABELS[direction]} formatter of end device ${holder.deviceId ?? '?'}: ${own ? formatterLabel(own.type) : 'the device sets none of its own'}.`,
        `In effect: ${formatterLabel(inEffect.type)}. ${inEffect.why}`,
        charsText(chars) && `Script: ${charsText(chars)}.`,
        inEffect.problem,
      ]),
      type: own?.type,
      description: `${ownText} · ${effectText}${inEffect.problem ? ' ⚠' : ''}`,
      problem: inEffect.problem,
    };
  });
}
