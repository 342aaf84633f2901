import { Controller, Inject, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { CommandError, CommandReplyV1 } from '@rod/contracts';
import {
  CorrectResultV1,
  DeleteResultV1,
  Exchanges,
  RegisterResultV1,
  ReportFraudV1,
} from '@rod/contracts';
import type { UnroutableMessage } from '@rod/messaging';
import { AmqpContext, PoisonMessageError, UNROUTABLE_PATTERN } from '@rod/messaging';
import { RegisterConfig } from '../../config/register.config';
import { ChangeResultUseCase } from '../change-result.use-case';
import type { CommandMeta } from '../domain/command-meta';
import { rejected } from '../domain/replies';
import { RegisterResultUseCase } from '../register-result.use-case';
import { ResultCommands } from '../result-commands';
import { amqpCommandMeta } from './amqp-command-meta';
import { CommandAnswers } from './command-answers';

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
    private readonly changeResult: ChangeResultUseCase,
    private readonly answers: CommandAnswers,
    @Inject(RegisterConfig) private readonly config: RegisterConfig,
  ) {}

  @EventPattern(RegisterResultV1.type)
  onRegisterResult(@Payload() body: unknown, @Ctx() context: AmqpContext): Promise<void> {
    return this.handle(RegisterResultV1.type, context, async (meta) => {
      return (await this.registerResult.execute(body, meta)).reply;
    });
  }

  @EventPattern(CorrectResultV1.type)
  onCorrectResult(@Payload() body: unknown, @Ctx() context: AmqpContext): Promise<void> {
    return this.change(CorrectResultV1.type, body, context);
  }

  @EventPattern(DeleteResultV1.type)
  onDeleteResult(@Payload() body: unknown, @Ctx() context: AmqpContext): Promise<void> {
    return this.change(DeleteResultV1.type, body, context);
  }

  @EventPattern(ReportFraudV1.type)
  onReportFraud(@Payload() body: unknown, @Ctx() context: AmqpContext): Promise<void> {
    return this.change(ReportFraudV1.type, body, context);
  }

  /** Not JSON, too large, or no known command: answered when an institution is named, kept in the DLQ. */
  @EventPattern(UNROUTABLE_PATTERN)
  async onUnroutable(
    @Payload() body: UnroutableMessage,
    @Ctx() context: AmqpContext,
  ): Promise<void> {
    refuseForeignExchange(context);
    const read = amqpCommandMeta(context, false);
    const command =
      typeof context.message.properties.type === 'string'
        ? context.message.properties.type
        : 'unknown';
    await this.reject(read.meta, command, {
      code: 'malformed-message',
      field: null,
      message: describeUnroutable[body.reason],
    });
  }

  private change(
    type: keyof typeof ResultCommands,
    body: unknown,
    context: AmqpContext,
  ): Promise<void> {
    const spec = ResultCommands[type] as Parameters<ChangeResultUseCase['execute']>[0];
    return this.handle(type, context, (meta) => this.changeResult.execute(spec, body, meta));
  }

  private async handle(
    command: string,
    context: AmqpContext,
    execute: (meta: CommandMeta) => Promise<CommandReplyV1>,
  ): Promise<void> {
    refuseForeignExchange(context);
    const read = amqpCommandMeta(context, this.config.REGISTER_REQUIRE_USER_ID);
    if (!read.ok) {
      await this.reject(read.meta, command, read.error);
      return;
    }
    const reply = await execute(read.meta);
    this.logger.log({
      msg: 'command handled',
      command,
      commandId: read.meta.commandId,
      correlationId: read.meta.correlationId,
      resultId: reply.resultId,
      status: reply.status,
      errors: reply.errors.map((e) => e.code),
    });
  }

  private async reject(meta: CommandMeta, command: string, error: CommandError): Promise<void> {
    this.logger.warn({
      msg: 'command rejected',
      command,
      commandId: meta.commandId,
      code: error.code,
    });
    if (!meta.actingInstitution) return;
    await this.answers.send(rejected(meta.commandId, command, null, [error]), meta);
  }
}

/**
 * Only what was published to the commands exchange is a command. A message that reached the
 * queue another way (an exchange-to-exchange binding from the replies exchange would loop the
 * register's own replies back) is kept in the dead-letter queue and never answered.
 */
function refuseForeignExchange(context: AmqpContext): void {
  const exchange = context.message.fields.exchange;
  if (exchange !== Exchanges.registerCommands) {
    throw new PoisonMessageError(
      `not a command: published to ${exchange || 'the default exchange'}`,
    );
  }
}
