/**
 * The daemon's log file with size-based rotation: `daemon.log` → `daemon.log.1` … `.N`.
 * Hand-written (30 lines) rather than rotating-file-stream: we want synchronous appends, so the
 * last lines before an exit or a crash are on disk, and one small file needs no stream machinery.
 */
import { appendFileSync, renameSync, rmSync, statSync } from 'node:fs';

export interface LogFileOptions {
  /** Rotate when the file grows past this (default 1 MiB). */
  maxBytes?: number;
  /** Rotated files to keep (default 3). */
  keep?: number;
}

export class RotatingLogFile {
  private size: number;
  private readonly maxBytes: number;
  private readonly keep: number;

  constructor(
    readonly path: string,
    options: LogFileOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.keep = Math.max(1, options.keep ?? 3);
    try {
      this.size = statSync(path).size;
    } catch {
      this.size = 0;
    }
  }

  write(line: string): void {
    const data = line.endsWith('\n') ? line : line + '\n';
    try {
      if (this.size > 0 && this.size + Buffer.byteLength(data) > this.maxBytes) this.rotate();
      appendFileSync(this.path, data, { mode: 0o600 });
      this.size += Buffer.byteLength(data);
    } catch {
      // A full disk or a removed directory must not stop the refresher; stderr may still work.
    }
  }

  private rotate(): void {
    rmSync(`${this.path}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i--) {
      try {
        renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
      } catch {
        // not there yet
      }
    }
    renameSync(this.path, `${this.path}.1`);
    this.size = 0;
  }
}
