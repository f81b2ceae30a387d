// A software authenticator: real WebAuthn payloads made with WebCrypto keys, the way a platform
// authenticator makes them (no mocked verification). ES256 (P-256) keys; authenticator data with the
// rpIdHash, flags (UP, UV, AT, BE, BS), the signature counter and, on registration, the attested credential
// data with the COSE key; the attestation object in CBOR with format "none"; assertion signatures in
// ASN.1 DER, as WebAuthn sends them (WebCrypto signs raw r‖s).
import { base64url, fromBase64url } from '../../worker/src/shared/base64url';

// ---- a tiny CBOR encoder (RFC 8949): what attestation objects and COSE keys need

type Cbor = number | string | Uint8Array | Map<Cbor, Cbor> | { [key: string]: Cbor };

function head(major: number, n: number): number[] {
  if (n < 24) return [(major << 5) | n];
  if (n < 0x100) return [(major << 5) | 24, n];
  if (n < 0x10000) return [(major << 5) | 25, n >> 8, n & 0xff];
  return [(major << 5) | 26, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

export function cbor(value: Cbor): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  const put = (v: Cbor) => {
    if (typeof v === 'number') {
      if (!Number.isInteger(v)) throw new Error('integers only');
      out.push(...(v >= 0 ? head(0, v) : head(1, -1 - v)));
    } else if (typeof v === 'string') {
      const bytes = new TextEncoder().encode(v);
      out.push(...head(3, bytes.length), ...bytes);
    } else if (v instanceof Uint8Array) {
      out.push(...head(2, v.length), ...v);
    } else {
      const entries: [Cbor, Cbor][] = v instanceof Map ? [...v.entries()] : Object.entries(v);
      out.push(...head(5, entries.length));
      for (const [k, val] of entries) {
        put(k);
        put(val);
      }
    }
  };
  put(value);
  return Uint8Array.from(out);
}

// ---- helpers

const concat = (...parts: Uint8Array[]): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const sha256 = async (bytes: Uint8Array<ArrayBuffer>) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
const utf8 = (s: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(s);

/** Raw r‖s (WebCrypto's ECDSA signature) → ASN.1 DER SEQUENCE { INTEGER r, INTEGER s }. */
export function rawToDer(raw: Uint8Array): Uint8Array {
  const int = (bytes: Uint8Array) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    let b = bytes.slice(i);
    if (b[0]! & 0x80) b = concat(Uint8Array.of(0), b);
    return concat(Uint8Array.of(0x02, b.length), b);
  };
  const half = raw.length / 2;
  const body = concat(int(raw.slice(0, half)), int(raw.slice(half)));
  return concat(Uint8Array.of(0x30, body.length), body);
}

export const FLAGS = { UP: 0x01, UV: 0x04, BE: 0x08, BS: 0x10, AT: 0x40 } as const;

export interface CeremonyOverrides {
  /** The origin the "browser" writes into clientDataJSON (default: the options' relying party on https). */
  origin?: string;
  /** The relying party id whose hash the authenticator signs for (default: the options'). */
  rpId?: string;
  /** The flags byte (default UP|UV|BE|BS, plus AT on registration). */
  flags?: number;
  /** The signature counter to report (default: one more than the last, starting at 1). */
  signCount?: number;
  /** The challenge to answer (default: the options'). */
  challenge?: string;
  /** clientData type (default webauthn.create / webauthn.get). */
  type?: string;
  /** The user handle to return in an assertion (default: the one given at registration). */
  userHandle?: string | null;
}

/** One credential of a software authenticator (a passkey). */
export class SoftAuthenticator {
  signCount = 0;
  userHandle: string | null = null;

  private constructor(
    readonly credentialId: string,
    private readonly keys: CryptoKeyPair,
  ) {}

  static async create(): Promise<SoftAuthenticator> {
    const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    return new SoftAuthenticator(base64url(crypto.getRandomValues(new Uint8Array(32))), keys);
  }

  /** The same credential id with another key: a forged copy of someone's passkey. */
  async withAnotherKey(): Promise<SoftAuthenticator> {
    const other = await SoftAuthenticator.create();
    const copy = new SoftAuthenticator(this.credentialId, other.keys);
    copy.userHandle = this.userHandle;
    return copy;
  }

  private async coseKey(): Promise<Uint8Array<ArrayBuffer>> {
    const jwk = await crypto.subtle.exportKey('jwk', this.keys.publicKey);
    return cbor(
      new Map<Cbor, Cbor>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, fromBase64url(jwk.x!)],
        [-3, fromBase64url(jwk.y!)],
      ]),
    );
  }

  private async authenticatorData(rpId: string, flags: number, signCount: number, attested: boolean): Promise<Uint8Array<ArrayBuffer>> {
    const counter = Uint8Array.of((signCount >>> 24) & 0xff, (signCount >> 16) & 0xff, (signCount >> 8) & 0xff, signCount & 0xff);
    const parts: Uint8Array[] = [await sha256(utf8(rpId)), Uint8Array.of(flags), counter];
    if (attested) {
      const id = fromBase64url(this.credentialId);
      parts.push(new Uint8Array(16), Uint8Array.of(id.length >> 8, id.length & 0xff), id, await this.coseKey());
    }
    return concat(...parts);
  }

  private nextCount(over: CeremonyOverrides): number {
    this.signCount = over.signCount ?? this.signCount + 1;
    return this.signCount;
  }

  /** `navigator.credentials.create()` answered, as `PublicKeyCredential.toJSON()` gives it. */
  async register(options: { challenge: string; rp: { id: string }; user: { id: string } }, over: CeremonyOverrides = {}) {
    const rpId = over.rpId ?? options.rp.id;
    const clientDataJSON = utf8(
      JSON.stringify({
        type: over.type ?? 'webauthn.create',
        challenge: over.challenge ?? options.challenge,
        origin: over.origin ?? `https://${options.rp.id}`,
        crossOrigin: false,
      }),
    );
    const flags = (over.flags ?? FLAGS.UP | FLAGS.UV | FLAGS.BE | FLAGS.BS) | FLAGS.AT;
    const authData = await this.authenticatorData(rpId, flags, this.nextCount(over), true);
    this.userHandle = options.user.id;
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: base64url(clientDataJSON),
        attestationObject: base64url(cbor({ fmt: 'none', attStmt: {}, authData })),
        transports: ['internal', 'hybrid'],
      },
    };
  }

  /** `navigator.credentials.get()` answered, as `PublicKeyCredential.toJSON()` gives it. */
  async assert(options: { challenge: string; rpId: string }, over: CeremonyOverrides = {}) {
    const rpId = over.rpId ?? options.rpId;
    const clientDataJSON = utf8(
      JSON.stringify({
        type: over.type ?? 'webauthn.get',
        challenge: over.challenge ?? options.challenge,
        origin: over.origin ?? `https://${options.rpId}`,
        crossOrigin: false,
      }),
    );
    const flags = over.flags ?? FLAGS.UP | FLAGS.UV | FLAGS.BE | FLAGS.BS;
    const authData = await this.authenticatorData(rpId, flags, this.nextCount(over), false);
    const signed = concat(authData, await sha256(clientDataJSON));
    const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, this.keys.privateKey, signed));
    const userHandle = over.userHandle === undefined ? this.userHandle : over.userHandle;
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: base64url(clientDataJSON),
        authenticatorData: base64url(authData),
        signature: base64url(rawToDer(raw)),
        userHandle,
      },
    };
  }
}
