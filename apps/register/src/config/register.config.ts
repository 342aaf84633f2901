import { BaseServiceConfig, loadConfig } from '@rod/platform';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';

export class RegisterConfig extends BaseServiceConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  REGISTER_PORT: number = 3001;

  /** Accept a command only when its broker-validated `user_id` is `inst-<code>`. */
  @IsBoolean()
  REGISTER_REQUIRE_USER_ID: boolean = false;
}

export const loadRegisterConfig = (): RegisterConfig => loadConfig(RegisterConfig);
