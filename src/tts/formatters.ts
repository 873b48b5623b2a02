// types only; the API lands from issue-15-api
import type { EndDeviceVersionIdentifiers, PayloadFormatter } from './types';

export type FormatterType = NonNullable<PayloadFormatter>;
export type Direction = 'up' | 'down';
export interface FormatterPair {
  up?: { type: FormatterType; parameter?: string };
  down?: { type: FormatterType; parameter?: string };
}
export interface DeviceFormatters {
  formatters: FormatterPair | undefined;
  versionIds?: EndDeviceVersionIdentifiers;
  updatedAt?: string;
}
