import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveResponse } from './download';

type PickerWindow = Window & { showSaveFilePicker?: unknown };

/** A streaming response that records whether its reader cancelled it, and why. */
function streaming() {
  const cancelled: unknown[] = [];
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.enqueue(new TextEncoder().encode('{"txid":"a"}\n'));
    },
    cancel(reason) {
      cancelled.push(reason);
    },
  });
  return { response: new Response(body), cancelled };
}

afterEach(() => {
  delete (window as PickerWindow).showSaveFilePicker;
});

describe('saving an export', () => {
  it('ends the download without an error when the save dialog is cancelled', async () => {
    (window as PickerWindow).showSaveFilePicker = () =>
      Promise.reject(new DOMException('The user aborted a request.', 'AbortError'));
    const { response, cancelled } = streaming();
    const onBytes = vi.fn();
    await expect(saveResponse(response, 'log.ndjson', onBytes)).resolves.toBe(false);
    // Cancelling the body ends the request, so the server stops and audits the export as aborted.
    expect(cancelled).toEqual(['the save dialog was cancelled']);
    expect(onBytes).not.toHaveBeenCalled();
  });

  it('streams into the chosen file', async () => {
    const written: string[] = [];
    (window as PickerWindow).showSaveFilePicker = async () => ({
      createWritable: async () =>
        new WritableStream<Uint8Array>({
          write: (chunk) => void written.push(new TextDecoder().decode(chunk)),
        }),
    });
    const response = new Response('{"txid":"a"}\n{"txid":"b"}\n');
    const onBytes = vi.fn();
    await expect(saveResponse(response, 'log.ndjson', onBytes)).resolves.toBe(true);
    expect(written.join('')).toBe('{"txid":"a"}\n{"txid":"b"}\n');
    expect(onBytes).toHaveBeenLastCalledWith(26);
  });
});
