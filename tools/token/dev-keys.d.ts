// Types of dev-keys.js, for the TypeScript tests that call it.
export declare const DEV_ISSUER: 'rod-local';
export declare const DEV_AUDIENCE: 'rod';

export interface DevAuthKeys {
  /** The public JWKS: what AUTH_JWKS_FILE names. */
  jwksFile: string;
  /** The private JWK (mode 0600). */
  signingKeyFile: string;
  keysDir: string;
}

/** `<rootDir>/.data/dev-keys`, or ROD_DEV_KEYS_DIR when set. */
export declare function devKeysDir(rootDir: string): string;

/** Makes sure the development signing key and its public JWKS exist; returns their paths. */
export declare function ensureDevAuthKeys(rootDir: string): DevAuthKeys;

/**
 * Makes sure the register's development extract signing keys exist
 * (`extract-signing-keys.json`, mode 0600); returns the path for EXTRACT_SIGNING_KEYS_FILE.
 */
export declare function ensureDevExtractKeys(rootDir: string): string;

/** A new private Ed25519 JWK, its `kid` the RFC 7638 thumbprint. */
export declare function createSigningKey(): {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
};

/** The private Ed25519 JWK the token command signs with. */
export declare function readDevSigningKey(rootDir: string): {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
};
