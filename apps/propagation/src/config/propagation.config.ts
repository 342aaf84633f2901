import { BaseServiceConfig, loadConfig } from '@rod/platform';
import { IsInt, Max, Min } from 'class-validator';

export class PropagationConfig extends BaseServiceConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  PROPAGATION_PORT: number = 3002;
}

export const loadPropagationConfig = (): PropagationConfig => loadConfig(PropagationConfig);
