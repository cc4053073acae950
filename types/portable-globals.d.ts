/*
 * Globals the Office-free layers (tsconfig.engine.json) may use although lib "ES2022" lacks them: the WHATWG
 * Encoding API, which Node, browsers and Excel's JavaScript runtimes all provide. Everything else a DOM lib
 * or @types/node would add stays unknown there. Only tsconfig.engine.json includes this file; the other
 * tsconfigs get the full declarations from lib "DOM" or @types/node.
 */
interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}
interface TextDecodeOptions {
  stream?: boolean;
}
declare class TextDecoder {
  constructor(label?: string, options?: TextDecoderOptions);
  readonly encoding: string;
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;
  decode(input?: ArrayBuffer | ArrayBufferView, options?: TextDecodeOptions): string;
}
declare class TextEncoder {
  readonly encoding: string;
  encode(input?: string): Uint8Array;
}
