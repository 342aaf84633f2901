import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { AUTH_SETTINGS } from './auth-settings';
import type { AuthSettings } from './auth-settings';
import { TokenVerifier } from './token-verifier';

/**
 * Global, so that any controller of a service can use @Authenticated() with no imports:
 * the guard it applies finds the TokenVerifier from any module.
 */
@Module({})
export class AuthModule {
  static forRoot(settings: AuthSettings): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [{ provide: AUTH_SETTINGS, useValue: settings }, TokenVerifier],
      exports: [TokenVerifier],
    };
  }
}
