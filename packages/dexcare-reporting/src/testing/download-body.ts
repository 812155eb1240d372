/** How the fake cuts a download short. */
export interface DownloadInterruption {
  /** Cut after this many complete data rows: a record boundary, the hardest cut to notice. */
  afterRows?: number | undefined;
  /** Or cut after this many bytes (for a custom `csv`, whose row boundaries the fake does not know). */
  afterBytes?: number | undefined;
  /**
   * What happens at the cut: `'drop'` loses the connection (the body errors, as a reset does),
   * `'close'` ends the body cleanly short of its `Content-Length`, `'stall'` sends nothing more
   * and never ends, until the client's timeout.
   * @default 'drop'
   */
  how?: 'drop' | 'close' | 'stall' | undefined;
}

/** One download of a report's data, for assertions. */
export interface FakeDownload {
  /** Bytes handed to the client so far: with backpressure, close to what the client consumed. */
  bytesSent: number;
  /** Bytes in the whole body, as its `Content-Length` declares. */
  bytesTotal: number;
}

/**
 * A body that hands out `chunkSize` bytes each time the reader pulls, and no more: how far the
 * client has read shows in `download.bytesSent`. An interruption cuts it at `cutAt`.
 */
export function pulledBody(
  bytes: Uint8Array,
  options: { chunkSize: number; cutAt: number | undefined; how: 'drop' | 'close' | 'stall' },
  download: FakeDownload,
): ReadableStream<Uint8Array> {
  const end = Math.min(options.cutAt ?? bytes.byteLength, bytes.byteLength);
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (download.bytesSent >= end) {
        if (end === bytes.byteLength) controller.close();
        else if (options.how === 'drop') controller.error(new TypeError('terminated'));
        else if (options.how === 'close') controller.close();
        return;
      }
      const next = Math.min(download.bytesSent + options.chunkSize, end);
      controller.enqueue(bytes.slice(download.bytesSent, next));
      download.bytesSent = next;
    },
  });
}
