import { BaseServiceConfig, loadConfig } from '@rod/platform';
import { IsBoolean, IsInt, IsOptional, IsUrl, Matches, Max, Min } from 'class-validator';
import { SigningKeysSetting } from '../extracts/keys/signing-keys-setting.decorator';

export class RegisterConfig extends BaseServiceConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  REGISTER_PORT: number = 3001;

  /** Accept a command only when its broker-validated `user_id` is `inst-<code>`. */
  @IsBoolean()
  REGISTER_REQUIRE_USER_ID: boolean = false;

  /**
   * A JSON file `{ "keys": [ <private Ed25519 JWK>, … ] }`: the first key signs digital
   * extracts and status lists, every key's public part is published. Or EXTRACT_SIGNING_KEYS.
   */
  @SigningKeysSetting()
  EXTRACT_SIGNING_KEYS_FILE?: string;

  /** The same JSON as EXTRACT_SIGNING_KEYS_FILE holds, given as an environment secret. */
  @SigningKeysSetting()
  EXTRACT_SIGNING_KEYS?: string;

  /**
   * Where verifiers reach the register: the issuer of extracts and the base of status list
   * URLs. Default `http://127.0.0.1:<REGISTER_PORT>`.
   */
  @IsOptional()
  @IsUrl(
    { protocols: ['https', 'http'], require_protocol: true, require_tld: false },
    { message: 'REGISTER_PUBLIC_URL must be an https:// or http:// URL' },
  )
  @Matches(/^[^?#]*$/, { message: 'REGISTER_PUBLIC_URL must have no query or fragment' })
  REGISTER_PUBLIC_URL?: string;

  /** REGISTER_PUBLIC_URL (or its default) without a trailing slash. */
  get publicUrl(): string {
    const url = this.REGISTER_PUBLIC_URL || `http://127.0.0.1:${this.REGISTER_PORT}`;
    return url.replace(/\/+$/, '');
  }
}

export const loadRegisterConfig = (): RegisterConfig => loadConfig(RegisterConfig);
