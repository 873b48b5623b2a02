// Formatter kinds: their labels, what "Change Type" offers, and which formatter the Application Server runs for a
// device (the "in effect" rule of v3.32.1).
import type { DeviceFormatters, Direction, FormatterPair, FormatterType } from '../tts/formatters';
import type { EndDeviceVersionIdentifiers } from '../tts/types';

const LABELS: Record<FormatterType, string> = {
  FORMATTER_NONE: 'None',
  FORMATTER_JAVASCRIPT: 'JavaScript',
  FORMATTER_CAYENNELPP: 'CayenneLPP',
  FORMATTER_REPOSITORY: 'Device Repository',
  FORMATTER_GRPC_SERVICE: 'gRPC service',
};

export function formatterLabel(type: FormatterType | undefined): string {
  return LABELS[type ?? 'FORMATTER_NONE'] ?? type ?? 'None';
}

export function directionLabel(direction: Direction): string {
  return direction === 'up' ? 'uplink' : 'downlink';
}

/**
 * What "Change Type" offers. Not FORMATTER_GRPC_SERVICE: v3.32.1 registers only JavaScript, CayenneLPP and the
 * Device Repository (pkg/applicationserver/applicationserver.go, `as.formatters[…] = …`), so a gRPC service formatter
 * fails every message with `formatter_not_configured`.
 */
export const SETTABLE_TYPES: readonly FormatterType[] = [
  'FORMATTER_JAVASCRIPT',
  'FORMATTER_CAYENNELPP',
  'FORMATTER_REPOSITORY',
  'FORMATTER_NONE',
];

export interface InEffect {
  type: FormatterType;
  /** Who decides: the device's own formatters, the application's defaults, or nobody sets one. */
  source: 'device' | 'application' | 'none';
  why: string;
  /** Set when the formatter in effect cannot work, or when a set formatter is silently not used. */
  problem?: string;
}

/** The version ID fields the Device Repository looks a codec up by (pkg/devicerepository/store/remote/remote.go, getCodecs). */
const REPOSITORY_VERSION_FIELDS = ['brand_id', 'model_id', 'firmware_version', 'band_id'] as const;

/**
 * The rule of v3.32.1, pkg/applicationserver/payload.go (decodeUplink, encodeDownlink, decodeDownlink):
 *
 *   if dev.Formatters != nil { formatter = dev.Formatters.UpFormatter } else if defaultFormatters != nil { … }
 *   if formatter == FORMATTER_NONE { return nil }
 *
 * So the device wins as soon as it has a `formatters` message at all, for BOTH directions: a device whose formatters
 * set only the uplink runs no downlink formatter, even when the application has a default one. FORMATTER_NONE on the
 * device is an override ("no formatter"), not "unset". Only a device without `formatters` falls back to the link's
 * `default_formatters`. The Device Repository formatter needs the device's `version_ids`
 * (pkg/messageprocessors/devicerepository/devicerepository.go: `version == nil` → no_version_identifiers) and then
 * finds the codec by brand, model, firmware version and band (remote.go getCodecs: model_not_found,
 * firmware_version_not_found, band_not_found otherwise).
 *
 * `device` undefined means the question is asked for the application itself (its default).
 */
export function formatterInEffect(
  direction: Direction,
  device: DeviceFormatters | undefined,
  application: FormatterPair | undefined,
): InEffect {
  const dir = directionLabel(direction);
  const appType = application?.[direction]?.type ?? 'FORMATTER_NONE';
  let result: InEffect;
  if (device?.formatters) {
    const type = device.formatters[direction]?.type ?? 'FORMATTER_NONE';
    if (type === 'FORMATTER_NONE') {
      result = {
        type,
        source: 'device',
        why: `The device has formatters of its own and its ${dir} formatter is None, so ${dir} payloads are not ${direction === 'up' ? 'decoded' : 'encoded'}.`,
      };
      if (appType !== 'FORMATTER_NONE') {
        result.problem =
          `The application's default ${dir} formatter (${formatterLabel(appType)}) is not used: once a device has ` +
          `formatters of its own they replace the application's defaults in both directions. Set the device's ${dir} ` +
          `formatter, or remove the device's formatters to use the application's defaults.`;
      }
    } else {
      result = {
        type,
        source: 'device',
        why:
          appType === 'FORMATTER_NONE'
            ? `The device's own ${dir} formatter (${formatterLabel(type)}).`
            : `The device's own ${dir} formatter (${formatterLabel(type)}) replaces the application's default (${formatterLabel(appType)}).`,
      };
    }
  } else if (appType !== 'FORMATTER_NONE') {
    result = {
      type: appType,
      source: 'application',
      why: device
        ? `The device has no formatters of its own, so the application's default ${dir} formatter (${formatterLabel(appType)}) applies.`
        : `The application's default ${dir} formatter (${formatterLabel(appType)}) applies to every device without formatters of its own.`,
    };
  } else {
    result = {
      type: 'FORMATTER_NONE',
      source: 'none',
      why: device
        ? `Neither the device nor the application sets a ${dir} formatter, so ${dir} payloads are not ${direction === 'up' ? 'decoded' : 'encoded'}.`
        : `The application sets no default ${dir} formatter.`,
    };
  }
  const problem = runProblem(result.type, device);
  if (problem) {
    result.problem = result.problem ? `${problem} ${result.problem}` : problem;
  }
  return result;
}

function runProblem(type: FormatterType, device: DeviceFormatters | undefined): string | undefined {
  if (type === 'FORMATTER_GRPC_SERVICE') {
    return 'The Application Server of v3.32.1 has no gRPC service formatter: every message fails with "formatter not configured".';
  }
  if (type !== 'FORMATTER_REPOSITORY' || !device) {
    return undefined;
  }
  const missing = missingVersionFields(device.versionIds);
  if (missing.length === REPOSITORY_VERSION_FIELDS.length) {
    return 'The Device Repository formatter needs the device\'s version IDs (brand, model, firmware version, band) on the Application Server; this device has none, so its payloads fail with "no version identifiers".';
  }
  if (missing.length) {
    return `The Device Repository formatter needs the device's version IDs (brand, model, firmware version, band); this device lacks ${missing.join(', ')}, so the repository finds no codec.`;
  }
  return undefined;
}

function missingVersionFields(ids: EndDeviceVersionIdentifiers | undefined): string[] {
  return REPOSITORY_VERSION_FIELDS.filter((field) => !ids?.[field]);
}
