// "Test Formatter with This Uplink" (vscode-free), from an uplink row of the live events panel: the formatter in
// effect for the event's device runs on the captured bytes and FPort, through testUplink (formatterTests.ts).
import { formatterInEffect } from '../formatters/kinds';
import type { FormatterLocation } from '../formatters/location';
import type { TtsEvent } from '../tts/types';
import { CommandError } from '../ui/errorText';
import type { CommandContext } from './context';
import { deploymentAccount, testUplink, type TestReport } from './formatterTests';

/** The uplink an event carries (`as.up.data.forward` and the like): application, device, FPort and bytes. */
export function uplinkOfEvent(
  event: TtsEvent,
): { applicationId: string; deviceId: string; fPort: number; bytes: Uint8Array } | undefined {
  const data = event.data as
    | {
        end_device_ids?: { device_id?: string; application_ids?: { application_id?: string } };
        uplink_message?: { f_port?: number; frm_payload?: string };
      }
    | undefined;
  const ids = data?.end_device_ids;
  const uplink = data?.uplink_message;
  const applicationId = ids?.application_ids?.application_id;
  if (!ids?.device_id || !applicationId || typeof uplink?.f_port !== 'number' || uplink.frm_payload === undefined) {
    return undefined;
  }
  return {
    applicationId,
    deviceId: ids.device_id,
    fPort: uplink.f_port,
    bytes: new Uint8Array(Buffer.from(uplink.frm_payload, 'base64')),
  };
}

/**
 * "Test Formatter with This Uplink": runs the formatter in effect for the event's device (device over application;
 * an open, unsaved document of it wins over the stored script) with the captured bytes and FPort, no prompts.
 */
export async function testWithUplink(
  ctx: CommandContext,
  deploymentKey: string,
  event: TtsEvent,
  openScript: (location: FormatterLocation) => string | undefined,
): Promise<TestReport> {
  const up = uplinkOfEvent(event);
  if (!up) {
    throw new CommandError('This event carries no uplink payload (FPort and bytes) to test a formatter with.');
  }
  const api = deploymentAccount(ctx, deploymentKey).api.formatters;
  const [device, application] = await ctx.ui.withProgress('Reading the formatters…', (signal) =>
    Promise.all([api.getDevice(up.applicationId, up.deviceId, signal), api.getApplication(up.applicationId, signal)]),
  );
  const effect = formatterInEffect('up', device, application);
  if (effect.type === 'FORMATTER_NONE') {
    throw new CommandError(`No uplink formatter is in effect for end device ${up.deviceId}: ${effect.why}`);
  }
  const own: FormatterLocation = {
    deploymentKey,
    applicationId: up.applicationId,
    deviceId: effect.source === 'device' ? up.deviceId : undefined,
    direction: 'up',
  };
  const stored = effect.source === 'device' ? device.formatters?.up : application?.up;
  return testUplink(
    ctx,
    {
      location: { ...own, deviceId: up.deviceId },
      script: openScript(own) ?? stored?.parameter ?? '',
      type: effect.type,
      versionIds: device.versionIds,
    },
    { bytes: up.bytes, fPort: up.fPort },
  );
}
