import { create } from 'qrcode';

/**
 * Bytes a QR code of the largest version (40, 177 × 177 modules) holds in byte mode, per
 * error-correction level (ISO/IEC 18004, table 7). M restores 15 % of damaged modules,
 * L only 7 %.
 */
export const QR_BYTE_CAPACITY = { M: 2331, L: 2953 } as const;

export type QrErrorCorrection = keyof typeof QR_BYTE_CAPACITY;

/** A horizontal run of dark modules: drawn as one rectangle. */
export interface QrRun {
  row: number;
  column: number;
  length: number;
}

/** A QR code as the page draws it: its modules as runs, and the parameters chosen. */
export interface QrSymbol {
  /** Modules per side, without the quiet zone. */
  size: number;
  version: number;
  errorCorrection: QrErrorCorrection;
  darkRuns: QrRun[];
}

/** Modules of light margin a reader needs around the symbol (ISO/IEC 18004). */
export const QR_QUIET_ZONE_MODULES = 4;

/**
 * The strongest error correction that still holds `byteLength` bytes: M (a crease or a
 * smudge on paper is survivable) up to 2,331 bytes, L up to 2,953; more fits no QR code.
 */
export function qrErrorCorrectionFor(byteLength: number): QrErrorCorrection {
  if (byteLength <= QR_BYTE_CAPACITY.M) return 'M';
  if (byteLength <= QR_BYTE_CAPACITY.L) return 'L';
  throw new RangeError(
    `a credential of ${byteLength} bytes does not fit a QR code (at most ${QR_BYTE_CAPACITY.L})`,
  );
}

/**
 * The QR code of a compact JWT, in byte mode (one segment, so every reader returns exactly
 * the characters put in), at the smallest version that holds it.
 */
export function credentialQrCode(credential: string): QrSymbol {
  const bytes = Buffer.from(credential, 'utf8');
  const errorCorrection = qrErrorCorrectionFor(bytes.length);
  const qr = create([{ mode: 'byte', data: bytes }], { errorCorrectionLevel: errorCorrection });
  const { size } = qr.modules;
  return {
    size,
    version: qr.version,
    errorCorrection,
    darkRuns: darkRuns(size, (row, column) => qr.modules.get(row, column) === 1),
  };
}

/** The dark modules of a square matrix, row by row, merged into horizontal runs. */
export function darkRuns(size: number, isDark: (row: number, column: number) => boolean): QrRun[] {
  const runs: QrRun[] = [];
  for (let row = 0; row < size; row++) {
    let start = -1;
    for (let column = 0; column <= size; column++) {
      const dark = column < size && isDark(row, column);
      if (dark && start < 0) start = column;
      if (!dark && start >= 0) {
        runs.push({ row, column: start, length: column - start });
        start = -1;
      }
    }
  }
  return runs;
}
