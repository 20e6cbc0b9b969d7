/**
 * Lines from a stream (stdin), one at a time, without losing what arrived in the same chunk.
 * `--password-stdin` takes the first line; when no terminal is attached, later lines answer the
 * MFA questions (an SMS code, a security answer) so a script or expect-style harness can drive a
 * login through pipes. Once started, the stream is read to its end, so `ended` tells early that
 * no answers will come; it is unref'd while nobody waits, so an idle stdin never keeps the process
 * alive. Hand-written: node:readline's async iterator closes the stream on `break`, and its
 * 'line' events do not pause, so neither hands out one line per question.
 */
export class LineReader {
  private buffer = '';
  private done = false;
  private waiting: Array<(line: string | undefined) => void> = [];
  private attached = false;

  constructor(private readonly stream: NodeJS.ReadableStream & { ref?: () => unknown; unref?: () => unknown }) {}

  /** True once the stream ended and every line was handed out. */
  get ended(): boolean {
    return this.done && this.buffer === '';
  }

  /** The next line without its line ending, or undefined at the end of the stream. */
  next(): Promise<string | undefined> {
    this.attach();
    const line = this.take();
    if (line !== null) return Promise.resolve(line);
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.stream.ref?.();
    });
  }

  private take(): string | undefined | null {
    const i = this.buffer.indexOf('\n');
    if (i >= 0) {
      const line = this.buffer.slice(0, i).replace(/\r$/, '');
      this.buffer = this.buffer.slice(i + 1);
      return line;
    }
    if (!this.done) return null;
    const last = this.buffer;
    this.buffer = '';
    return last === '' ? undefined : last;
  }

  private attach(): void {
    if (this.attached) return;
    this.attached = true;
    this.stream.setEncoding('utf8');
    this.stream.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.deliver();
    });
    const end = (): void => {
      this.done = true;
      this.deliver();
    };
    this.stream.on('end', end);
    this.stream.on('error', end);
    this.stream.resume();
  }

  private deliver(): void {
    while (this.waiting.length > 0) {
      const line = this.take();
      if (line === null) break;
      this.waiting.shift()?.(line);
    }
    if (this.waiting.length === 0) this.stream.unref?.();
  }
}
