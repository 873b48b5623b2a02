// Payload formatters in the real workbench: Test Formatter with This Uplink, from an uplink of the live events panel.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { testServer, waitFor } from './api';
import { answer, APP, DEVICE, formattersHooks } from './formatters.fixture';

describe('payload formatters', () => {
  formattersHooks();

  it('tests the formatter in effect with an uplink captured in the live events panel, without prompts', async () => {
    const event = {
      name: 'as.up.data.forward',
      data: {
        end_device_ids: { device_id: DEVICE, application_ids: { application_id: APP } },
        uplink_message: { f_port: 1, frm_payload: 'CSmA' },
      },
    };
    await answer(); // any prompt fails the test
    await vscode.commands.executeCommand('thingsStack.testFormatterWithUplink', {
      deploymentKey: testServer().key,
      event,
    });
    const json = await waitFor('the result document', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d?.uri.scheme === 'thingsstack-view' && d.getText().includes('"CSmA"') ? d : undefined;
    });
    const report = JSON.parse(json.getText()) as { decoded?: { humidity?: number }; device: string };
    assert.equal(report.device, DEVICE);
    assert.equal(report.decoded?.humidity, 64);
  });
});
