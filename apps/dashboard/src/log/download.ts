/** Chromium's File System Access API, where present: lets a download stream straight to disk. */
interface SaveFilePickerWindow {
  showSaveFilePicker?: (options: { suggestedName: string }) => Promise<{
    createWritable: () => Promise<WritableStream<Uint8Array>>;
  }>;
}

/** The file name the server suggests in Content-Disposition, or a fallback. */
export function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? fallback;
}

/**
 * Saves a streaming response. Where the browser can write to a file as data arrives, millions of
 * rows never sit in memory; elsewhere the body is collected into a Blob first.
 * Returns false when the user cancelled the save dialog.
 */
export async function saveResponse(
  response: Response,
  name: string,
  onBytes: (bytes: number) => void,
): Promise<boolean> {
  const body = response.body;
  if (!body) throw new Error('the export response has no body');
  const picker = (window as SaveFilePickerWindow).showSaveFilePicker;
  let handle;
  if (picker) {
    try {
      handle = await picker({ suggestedName: name });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') {
        // Nothing has read the body yet, so it can be cancelled: that ends the request, and the
        // server records the export as aborted instead of streaming it to the end.
        await body.cancel('the save dialog was cancelled');
        return false;
      }
      await body.cancel().catch(() => undefined);
      throw error;
    }
  }
  let bytes = 0;
  const counted = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        onBytes(bytes);
        controller.enqueue(chunk);
      },
    }),
  );
  if (handle) {
    await counted.pipeTo(await handle.createWritable());
    return true;
  }
  const blob = await new Response(counted).blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}
