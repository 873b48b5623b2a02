// @ts-check
/// <reference path="formatter.d.ts" />
// Downlink payload formatter for The Things Stack: turns JSON into the bytes sent to the device, and back.
// Runs on the server (v3.32.1): no console; numbers in bytes keep only their low 8 bits.

/**
 * @param {EncodeDownlinkInput} input
 * @returns {EncodeDownlinkOutput}
 */
function encodeDownlink(input) {
  // input.fPort is a Number object on the server: compare Number(input.fPort), never input.fPort === 2.
  const level = input.data.level;
  if (typeof level !== 'number' || level < 0 || level > 255) {
    return { bytes: [], errors: ['level must be a number from 0 to 255'] };
  }
  return { bytes: [input.data.led ? 1 : 0, level], fPort: 2 };
}

/**
 * @param {DecodeDownlinkInput} input
 * @returns {DecodeDownlinkOutput}
 */
function decodeDownlink(input) {
  if (input.bytes.length !== 2) {
    return { errors: ['expected 2 bytes, got ' + input.bytes.length] };
  }
  return { data: { led: input.bytes[0] === 1, level: input.bytes[1] } };
}
