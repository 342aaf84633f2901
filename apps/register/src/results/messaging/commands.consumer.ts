import { Controller, Inject, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { CommandError } from '@rod/contracts';
import { RegisterResultV1 } from '@rod/contracts';
import type { UnroutableMessage } from '@rod/messaging';
import { AmqpContext, UNROUTABLE_PATTERN } from '@rod/messaging';
import { RegisterConfig } from '../../config/register.config';
import { rejected } from '../domain/replies';
import { RegisterResultUseCase } from '../register-result.use-case';
import { amqpCommandMeta } from './amqp-command-meta';
import { ReplyPublisher } from './reply.publisher';

const describeUnroutable: Record<UnroutableMessage['reason'], string> = {
  'not-json': 'the message body is not JSON',
  'no-handler': 'the routing key names no known command',
  'too-large': 'the message is larger than 64 KiB',
};

/** Institution back-ends' commands over AMQP: thin glue from the queue to the use cases. */
@Controller()
export class CommandsConsumer {
  private readonly logger = new Logger(CommandsConsumer.name);

  constructor(
    private readonly registerResult: RegisterResultUseCase,
    private readonly replies: ReplyPublisher,
    @Inject(RegisterConfig) private readonly config: RegisterConfig,
  ) {}

  @EventPattern(RegisterResultV1.type)
  async onRegisterResult(@Payload() body: unknown, @Ctx() context: AmqpContext): Promise<void> {
    const read = amqpCommandMeta(context, this.config.REGISTER_REQUIRE_USER_ID);
    if (!read.ok) {
      await this.reject(read.institutionCode, read.meta, RegisterResultV1.type, read.error);
      return;
    }
    const reply = await this.registerResult.execute(body, read.meta);
    this.logger.log({
      msg: 'command handled',
      command: RegisterResultV1.type,
      commandId: read.meta.commandId,
      correlationId: read.meta.correlationId,
      resultId: reply.resultId,
      status: reply.status,
    });
  }

  /** Not JSON, too large, or no known command: answered when an institution is named, kept in the DLQ. */
  @EventPattern(UNROUTABLE_PATTERN)
  async onUnroutable(
    @Payload() body: UnroutableMessage,
    @Ctx() context: AmqpContext,
  ): Promise<void> {
    const read = amqpCommandMeta(context, false);
    const institutionCode = read.ok ? read.meta.actingInstitution : read.institutionCode;
    const command =
      typeof context.message.properties.type === 'string'
        ? context.message.properties.type
        : 'unknown';
    await this.reject(institutionCode || null, read.meta, command, {
      code: 'malformed-message',
      field: null,
      message: describeUnroutable[body.reason],
    });
  }

  private async reject(
    institutionCode: string | null,
    meta: { commandId: string; correlationId: string; replyTo?: string },
    command: string,
    error: CommandError,
  ): Promise<void> {
    this.logger.warn({
      msg: 'command rejected',
      command,
      commandId: meta.commandId,
      code: error.code,
    });
    if (!institutionCode) return;
    await this.replies.send(
      rejected(meta.commandId, command, null, [error]),
      institutionCode,
      meta.correlationId,
      meta.replyTo,
    );
  }
}
