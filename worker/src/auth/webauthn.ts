// WebAuthn primitives for passkeys (no business decisions: accounts/passkeys.ts owns the rules). The
// payloads are parsed with @oslojs/webauthn (CBOR attestation object, authenticator data, COSE keys,
// client data); every signature is checked with WebCrypto. Registration requests `attestation: 'none'`,
// so an attestation statement, if a browser sends one anyway, is not verified (nor trusted).
import { decodeCBORToNativeValueNoLeftoverBytes } from '@oslojs/cbor';
import {
  ClientDataType,
  COSEKeyType,
  coseAlgorithmES256,
  coseAlgorithmRS256,
  coseEllipticCurveP256,
  parseAuthenticatorData,
  parseClientDataJSON,
  type AuthenticatorData,
  type ClientData,
} from '@oslojs/webauthn';
import { ApiError } from '../errors';
import { base64url, fromBase64url } from '../shared/base64url';

/** The COSE algorithms we offer and accept: ES256 and RS256. */
export const SUPPORTED_ALGORITHMS = [coseAlgorithmES256, coseAlgorithmRS256] as const;

/** A credential's response fields as the browser's toJSON() gives them (base64url strings). */
export interface RegistrationResponseJSON {
  id: string;
  rawId: string;
  type: string;
  response: { clientDataJSON: string; attestationObject: string; transports?: string[] };
}

export interface AuthenticationResponseJSON {
  id: string;
  rawId: string;
  type: string;
  response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle?: string | null };
}

/** What the authenticator data's flags say (WebAuthn §6.1: UP, UV, BE, BS). */
export interface AuthenticatorFlags {
  userPresent: boolean;
  userVerified: boolean;
  backupEligible: boolean;
  backedUp: boolean;
}

/** What every ceremony checks: the client data (type, challenge, origin) and the authenticator data. */
export interface ParsedCeremony {
  clientData: { challenge: string; origin: string; crossOrigin: boolean };
  rpIdHash: Uint8Array;
  flags: AuthenticatorFlags;
  signCount: number;
}

export interface ParsedRegistration extends ParsedCeremony {
  credentialId: string;
  /** The public key as a JWK (JSON text), importable by WebCrypto. */
  publicKey: string;
  algorithm: number;
  transports: string[];
}

export interface ParsedAssertion extends ParsedCeremony {
  credentialId: string;
  userHandle: string | null;
  /** The bytes the signature covers (authenticatorData ‖ SHA-256(clientDataJSON)) and the signature. */
  authenticatorData: Uint8Array<ArrayBuffer>;
  clientDataJSON: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
}

const invalid = (detail: string) => new ApiError('passkey_invalid', { detail });

function bytesOf(text: string, what: string): Uint8Array<ArrayBuffer> {
  try {
    return fromBase64url(text);
  } catch {
    throw invalid(`${what} is not base64url`);
  }
}

const FLAG_BE = 0x08;
const FLAG_BS = 0x10;

function ceremonyOf(
  clientDataJSON: Uint8Array,
  authData: Uint8Array,
  type: ClientDataType,
): { parsed: ParsedCeremony; authenticator: AuthenticatorData } {
  let clientData: ClientData;
  let authenticator: AuthenticatorData;
  try {
    clientData = parseClientDataJSON(clientDataJSON);
    authenticator = parseAuthenticatorData(authData);
  } catch (err) {
    throw invalid(err instanceof Error ? err.message : 'unreadable client or authenticator data');
  }
  if (clientData.type !== type) throw invalid(`client data type is not webauthn.${type === ClientDataType.Create ? 'create' : 'get'}`);
  const flags = authData[32]!;
  return {
    authenticator,
    parsed: {
      clientData: { challenge: base64url(clientData.challenge), origin: clientData.origin, crossOrigin: clientData.crossOrigin === true },
      rpIdHash: authenticator.relyingPartyIdHash,
      flags: {
        userPresent: authenticator.userPresent,
        userVerified: authenticator.userVerified,
        backupEligible: (flags & FLAG_BE) !== 0,
        backedUp: (flags & FLAG_BS) !== 0,
      },
      signCount: authenticator.signatureCounter,
    },
  };
}

/** Unsigned big-endian bytes of `n`, left-padded to `length` when given. */
function bigIntBytes(n: bigint, length?: number): Uint8Array {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (length !== undefined) hex = hex.padStart(length * 2, '0');
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

/** The authenticator data inside a CBOR attestation object (`{fmt, attStmt, authData}`). */
function authDataOf(attestationObject: Uint8Array): Uint8Array {
  let decoded: unknown;
  try {
    decoded = decodeCBORToNativeValueNoLeftoverBytes(attestationObject, 4);
  } catch {
    throw invalid('attestationObject is not CBOR');
  }
  const object = decoded as { fmt?: unknown; attStmt?: unknown; authData?: unknown } | null;
  if (typeof object !== 'object' || object === null || typeof object.fmt !== 'string' || typeof object.attStmt !== 'object') {
    throw invalid('attestationObject lacks fmt or attStmt');
  }
  if (!(object.authData instanceof Uint8Array)) throw invalid('attestationObject lacks authData');
  return object.authData;
}

/** Parses a registration response (attestation object, client data); checks nothing but its form. */
export function parseRegistration(credential: RegistrationResponseJSON): ParsedRegistration {
  if (credential.type !== 'public-key') throw invalid('type is not public-key');
  const clientDataJSON = bytesOf(credential.response.clientDataJSON, 'clientDataJSON');
  const authData = authDataOf(bytesOf(credential.response.attestationObject, 'attestationObject'));
  const { parsed, authenticator } = ceremonyOf(clientDataJSON, authData, ClientDataType.Create);
  const attested = authenticator.credential;
  if (!attested) throw invalid('no attested credential data');
  const credentialId = base64url(attested.id);
  if (credential.id !== credentialId || credential.rawId !== credentialId) throw invalid('id and rawId must be the attested credential id');
  let publicKey: JsonWebKey;
  let algorithm: number;
  try {
    const key = attested.publicKey;
    algorithm = key.algorithm();
    if (algorithm === coseAlgorithmES256 && key.type() === COSEKeyType.EC2) {
      const ec = key.ec2();
      if (ec.curve !== coseEllipticCurveP256) throw new Error('ES256 key not on P-256');
      publicKey = { kty: 'EC', crv: 'P-256', x: base64url(bigIntBytes(ec.x, 32)), y: base64url(bigIntBytes(ec.y, 32)) };
    } else if (algorithm === coseAlgorithmRS256 && key.type() === COSEKeyType.RSA) {
      const rsa = key.rsa();
      publicKey = { kty: 'RSA', n: base64url(bigIntBytes(rsa.n)), e: base64url(bigIntBytes(rsa.e)) };
    } else {
      throw new Error(`unsupported algorithm ${algorithm}`);
    }
  } catch (err) {
    throw invalid(err instanceof Error ? err.message : 'unreadable public key');
  }
  const transports = Array.isArray(credential.response.transports)
    ? credential.response.transports.filter((t) => typeof t === 'string' && /^[a-z-]{1,20}$/.test(t)).slice(0, 8)
    : [];
  return { ...parsed, credentialId, publicKey: JSON.stringify(publicKey), algorithm, transports };
}

/** Parses an authentication response (assertion); checks nothing but its form. */
export function parseAssertion(credential: AuthenticationResponseJSON): ParsedAssertion {
  if (credential.type !== 'public-key') throw invalid('type is not public-key');
  if (credential.id !== credential.rawId) throw invalid('id and rawId differ');
  const clientDataJSON = bytesOf(credential.response.clientDataJSON, 'clientDataJSON');
  const authenticatorData = bytesOf(credential.response.authenticatorData, 'authenticatorData');
  const signature = bytesOf(credential.response.signature, 'signature');
  const { parsed } = ceremonyOf(clientDataJSON, authenticatorData, ClientDataType.Get);
  const userHandle = credential.response.userHandle ?? null;
  return { ...parsed, credentialId: credential.id, userHandle, authenticatorData, clientDataJSON, signature };
}

/** SHA-256 of the relying party id equals the authenticator data's rpIdHash. */
export async function rpIdHashMatches(rpIdHash: Uint8Array, rpId: string): Promise<boolean> {
  const expected = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(rpId)));
  return expected.length === rpIdHash.length && expected.every((b, i) => b === rpIdHash[i]);
}

/** An ECDSA signature in ASN.1 DER (as WebAuthn sends it) as the raw r‖s WebCrypto verifies; null when malformed. */
export function derToRawEcdsa(der: Uint8Array, size = 32): Uint8Array<ArrayBuffer> | null {
  let p = 0;
  if (der[p++] !== 0x30) return null;
  let seqLength = der[p++]!;
  if (seqLength === 0x81) seqLength = der[p++]!;
  else if (seqLength > 0x80) return null;
  if (p + seqLength !== der.length) return null;
  const out = new Uint8Array(size * 2);
  for (let k = 0; k < 2; k++) {
    if (der[p++] !== 0x02) return null;
    const length = der[p++]!;
    if (!length || length > size + 1 || p + length > der.length) return null;
    let int = der.subarray(p, p + length);
    p += length;
    while (int.length > size && int[0] === 0) int = int.subarray(1);
    if (int.length > size) return null;
    out.set(int, k * size + (size - int.length));
  }
  return p === der.length ? out : null;
}

/** Verifies an assertion's signature over authenticatorData ‖ SHA-256(clientDataJSON) with the stored key (WebCrypto). */
export async function verifyAssertionSignature(assertion: ParsedAssertion, stored: { publicKey: string; algorithm: number }): Promise<boolean> {
  const clientDataHash = new Uint8Array(await crypto.subtle.digest('SHA-256', assertion.clientDataJSON));
  const message = new Uint8Array(assertion.authenticatorData.length + clientDataHash.length);
  message.set(assertion.authenticatorData);
  message.set(clientDataHash, assertion.authenticatorData.length);
  const jwk = JSON.parse(stored.publicKey) as JsonWebKey;
  try {
    if (stored.algorithm === coseAlgorithmES256) {
      const raw = derToRawEcdsa(assertion.signature);
      if (!raw) return false;
      const key = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
      return await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, raw, message);
    }
    if (stored.algorithm === coseAlgorithmRS256) {
      const key = await crypto.subtle.importKey('jwk', jwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
      return await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, assertion.signature, message);
    }
  } catch {
    return false;
  }
  return false;
}

/** A fresh challenge: 32 random bytes, base64url. */
export const newChallenge = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
