// @ts-check
/// <reference path="formatter.d.ts" />
// Uplink payload formatter for The Things Stack: turns the device's bytes into JSON.
// Runs on the server (v3.32.1): no console; the input has only bytes and fPort.

/**
 * @param {DecodeUplinkInput} input
 * @returns {DecodeUplinkOutput}
 */
function decodeUplink(input) {
  const bytes = input.bytes;
  if (input.fPort !== 1) {
    return { errors: ['unknown FPort ' + input.fPort] };
  }
  if (bytes.length < 3) {
    return { errors: ['expected 3 bytes, got ' + bytes.length] };
  }
  /** @type {string[]} */
  const warnings = [];
  // Example: bytes 0-1 temperature in 0.1 °C (signed, big-endian), byte 2 battery in %.
  const raw = (bytes[0] << 8) | bytes[1];
  const temperature = (raw > 0x7fff ? raw - 0x10000 : raw) / 10;
  const battery = bytes[2];
  if (battery < 10) {
    warnings.push('low battery');
  }
  return { data: { temperature, battery }, warnings };
}
