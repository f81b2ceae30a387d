// Watches WebCrypto PBKDF2 use. The worker under SELF runs in the test's isolate, so wrapping
// crypto.subtle here sees the worker's own calls: which passwords were imported as PBKDF2 key material,
// and the iterations of every deriveBits call. Passwords identify a request's hashing exactly, even if
// something else hashes at the same time.

export interface Pbkdf2Spy {
  /** Passwords imported as PBKDF2 key material, in order. */
  passwords: string[];
  /** Iterations of every PBKDF2 deriveBits call, in order. */
  iterations: number[];
  /** Whether `password` was fed to PBKDF2 since the spy started. */
  hashed(password: string): boolean;
  restore(): void;
}

export function spyOnPbkdf2(): Pbkdf2Spy {
  const subtle = crypto.subtle;
  const originalImport = subtle.importKey;
  const originalDerive = subtle.deriveBits;
  const spy: Pbkdf2Spy = {
    passwords: [],
    iterations: [],
    hashed: (password) => spy.passwords.includes(password),
    restore() {
      subtle.importKey = originalImport;
      subtle.deriveBits = originalDerive;
    },
  };
  const algName = (alg: unknown) => (typeof alg === 'string' ? alg : ((alg as { name?: string } | null)?.name ?? '')).toUpperCase();
  subtle.importKey = function (this: SubtleCrypto, ...args: unknown[]) {
    const [format, keyData, algorithm] = args;
    if (format === 'raw' && algName(algorithm) === 'PBKDF2') {
      const bytes = ArrayBuffer.isView(keyData)
        ? new Uint8Array(keyData.buffer, keyData.byteOffset, keyData.byteLength)
        : new Uint8Array(keyData as ArrayBuffer);
      spy.passwords.push(new TextDecoder().decode(bytes));
    }
    return (originalImport as (...a: unknown[]) => Promise<CryptoKey>).apply(this, args);
  } as typeof subtle.importKey;
  subtle.deriveBits = function (this: SubtleCrypto, ...args: unknown[]) {
    const [algorithm] = args;
    if (algName(algorithm) === 'PBKDF2') spy.iterations.push((algorithm as { iterations: number }).iterations);
    return (originalDerive as (...a: unknown[]) => Promise<ArrayBuffer>).apply(this, args);
  };
  return spy;
}
