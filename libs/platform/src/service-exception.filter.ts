import type { ArgumentsHost, HttpServer } from '@nestjs/common';
import { Catch, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { RethrowRpcErrorsFilter } from '@rod/messaging';
import type { Observable } from 'rxjs';
import { PROBLEM_CONTENT_TYPE } from './http/problem-details';
import { toProblem } from './http/to-problem';
import { logSafePath } from './logging/log-safe-path';

/**
 * One global filter for a hybrid service: every HTTP error answered as an RFC 9457
 * problem document, and message-handler errors handed on unchanged to the AMQP transport
 * (which needs to see a PoisonMessageError as such).
 */
@Catch()
export class ServiceExceptionFilter extends BaseExceptionFilter {
  private readonly rpc = new RethrowRpcErrorsFilter();
  private readonly logger = new Logger('HttpErrors');

  override catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    if (host.getType() === 'rpc') return this.rpc.catch(exception, host);
    const adapter = this.applicationRef ?? this.httpAdapterHost?.httpAdapter;
    if (host.getType() !== 'http' || !adapter) return super.catch(exception, host);
    this.answer(exception, host, adapter);
  }

  private answer(exception: unknown, host: ArgumentsHost, adapter: HttpServer): void {
    const http = host.switchToHttp();
    const request = http.getRequest<{ method?: string; originalUrl?: string; url?: string }>();
    const response = http.getResponse<unknown>();
    // Paths carry codes and sequences, never personal numbers; the query is left out.
    const instance = (request.originalUrl ?? request.url ?? '').split('?')[0];
    const { problem, headers, unexpected } = toProblem(exception);
    if (unexpected) {
      // The whole error for operations; the client gets only the generic problem.
      this.logger.error({
        msg: 'request failed',
        method: request.method,
        path: logSafePath(instance),
        err: exception,
      });
    }
    if (adapter.isHeadersSent(response)) {
      adapter.end(response);
      return;
    }
    for (const [name, value] of Object.entries(headers)) adapter.setHeader(response, name, value);
    adapter.setHeader(response, 'Content-Type', PROBLEM_CONTENT_TYPE);
    // A string, as the express adapter turns an error object's Content-Type back to JSON.
    adapter.reply(response, JSON.stringify({ ...problem, instance }), problem.status);
  }
}
