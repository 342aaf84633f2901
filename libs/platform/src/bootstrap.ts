import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AmqpTransportOptions } from '@rod/messaging';
import {
  AmqpConnection,
  AmqpTransport,
  MessagingLifecycle,
  MessagingMetrics,
} from '@rod/messaging';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { openApiComponentSchemas } from '@rod/contracts';
import { Logger } from 'nestjs-pino';

/** The largest JSON request body, as for messages on the broker (CONTRACT.md). */
export const MAX_JSON_BODY = '64kb';

/** An HTTP connection with no traffic for this long is closed. */
export const IDLE_CONNECTION_TIMEOUT_MS = 120_000;
import type { BaseServiceConfig } from './config/load-config';
import { ConfigError } from './config/load-config';
import { ServiceExceptionFilter } from './service-exception.filter';
import { QueryOperatorGuard } from './http/query-operator.guard';
import { securityHeaders } from './http/security-headers';
import { trustProxySetting } from './http/trust-proxy';

export interface ServiceDefinition<C extends BaseServiceConfig> {
  name: string;
  description: string;
  module: (config: C) => unknown;
  port: (config: C) => number;
  /** The queues the service consumes; none for a service without consumers. */
  transport?: (
    app: INestApplication,
    config: C,
  ) => Omit<AmqpTransportOptions, 'connection' | 'metrics'>;
}

/** Creates, wires and starts a service: HTTP (with OpenAPI at /docs) and its AMQP consumers. */
export async function startService<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  config: C,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(definition.module(config) as never, {
    bufferLogs: true,
  });
  // The client's address (rate limit of anonymous clients) as HTTP_TRUST_PROXY's proxies tell it.
  app.set('trust proxy', trustProxySetting(config.HTTP_TRUST_PROXY));
  // First, so that every answer has them, errors of the body parser included.
  app.use(securityHeaders());
  // No message of the contract is larger than 64 KiB; the batch endpoint streams its own body.
  app.useBodyParser('json', { limit: MAX_JSON_BODY });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.useGlobalFilters(new ServiceExceptionFilter(app.get(HttpAdapterHost).httpAdapter));
  app.useGlobalGuards(new QueryOperatorGuard());

  const openApi = new DocumentBuilder()
    .setTitle(`${definition.name} service`)
    .setDescription(definition.description)
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = () => {
    const created = SwaggerModule.createDocument(app, openApi);
    created.components = {
      ...created.components,
      schemas: { ...openApiComponentSchemas(), ...created.components?.schemas } as never,
    };
    return created;
  };
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
  });

  if (definition.transport) {
    const options = definition.transport(app, config);
    const transport = new AmqpTransport({
      ...options,
      connection: app.get(AmqpConnection),
      metrics: app.get(MessagingMetrics),
    });
    app.get(MessagingLifecycle).addConsumer(transport);
    app.connectMicroservice({ strategy: transport }, { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  const server: Server = app.getHttpServer();
  // A streamed batch upload is read only as fast as its lines are registered, so it may
  // take longer than Node's default 5-minute limit on a whole request. Instead, a
  // connection with no traffic either way for 2 minutes is closed; headers must still
  // arrive within Node's headersTimeout.
  server.requestTimeout = 0;
  server.setTimeout(IDLE_CONNECTION_TIMEOUT_MS);
  await app.listen(definition.port(config), config.HTTP_HOST);
  return app;
}

/** main.ts of a service: load settings, start, and stop with a clear message on bad ones. */
export function runService<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  loadServiceConfig: () => C,
): void {
  let config: C;
  try {
    config = loadServiceConfig();
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : String(error);
    process.stderr.write(`${definition.name}: ${message}\n`);
    process.exit(1);
  }
  startService(definition, config).catch((error: unknown) => {
    process.stderr.write(
      `${definition.name}: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  });
}
