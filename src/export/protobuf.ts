// The few protobuf encodings an ONNX file needs (varints, length-delimited fields), written
// out rather than pulling protobufjs and the onnx schema in: a message is its fields in
// field-number order, each a key (number << 3 | wire type) then the value.

/** One encoded message, built field by field. */
export class Message {
  private readonly parts: Uint8Array[] = [];

  private push(bytes: Uint8Array | number[]): this {
    this.parts.push(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes));
    return this;
  }

  private key(field: number, wire: 0 | 2 | 5): this {
    return this.push(varint(BigInt(field * 8 + wire)));
  }

  /** int32, int64 and enum fields (wire type 0); negative values as two's complement in 64 bits. */
  int(field: number, value: number | bigint): this {
    const v = BigInt(value);
    return this.key(field, 0).push(varint(v < 0n ? v + (1n << 64n) : v));
  }

  /** A float field (wire type 5, little-endian). */
  float(field: number, value: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    return this.key(field, 5).push(b);
  }

  bytes(field: number, value: Uint8Array): this {
    return this.key(field, 2).push(varint(BigInt(value.length))).push(value);
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, value: Message): this {
    return this.bytes(field, value.encode());
  }

  encode(): Uint8Array {
    const out = new Uint8Array(this.parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

function varint(v: bigint): number[] {
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}
