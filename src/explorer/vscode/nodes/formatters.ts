// "Payload Formatters" and its Uplink / Downlink rows; a JavaScript formatter opens as a document on click.
import vscode = require('vscode');
import type { FormatterNode, FormattersNode } from '../../nodeTypes';
import { icon, item } from './shared';

export function formattersItem(node: FormattersNode): vscode.TreeItem {
  const out = item(node, icon('symbol-function'));
  out.tooltip =
    node.deviceId === undefined
      ? "The application's default formatters (Application Server link): they apply to every end device without formatters of its own."
      : "This end device's own formatters; once it has any, they replace the application's defaults in both directions.";
  return out;
}

export function formatterItem(node: FormatterNode): vscode.TreeItem {
  const out = item(
    node,
    node.problem
      ? icon('warning', 'list.warningForeground')
      : icon(node.direction === 'up' ? 'arrow-up' : 'arrow-down'),
  );
  out.tooltip = node.tooltip;
  if (node.type === 'FORMATTER_JAVASCRIPT') {
    out.command = { command: 'thingsStack.openFormatter', title: 'Open Formatter', arguments: [node] };
  }
  return out;
}
