import type { ArgumentsHost } from '@nestjs/common';
import { Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { RethrowRpcErrorsFilter } from '@rod/messaging';
import type { Observable } from 'rxjs';

/**
 * One global filter for a hybrid service: HTTP errors as Nest answers them, and
 * message-handler errors handed on unchanged to the AMQP transport (which needs to
 * see a PoisonMessageError as such).
 */
@Catch()
export class ServiceExceptionFilter extends BaseExceptionFilter {
  private readonly rpc = new RethrowRpcErrorsFilter();

  override catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    if (host.getType() === 'rpc') return this.rpc.catch(exception, host);
    super.catch(exception, host);
  }
}
