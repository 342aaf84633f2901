import type { ArgumentsHost, RpcExceptionFilter } from '@nestjs/common';
import { Catch } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { throwError } from 'rxjs';

/**
 * Nest's default RPC filter turns every handler error into a generic "Internal server
 * error", which would hide a PoisonMessageError from the transport. This filter hands
 * the original error on, so the transport can tell poison (dead-letter now) from a
 * passing failure (retry). Use it on every microservice with an AmqpTransport.
 */
@Catch()
export class RethrowRpcErrorsFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
