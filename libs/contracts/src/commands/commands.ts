import type { CommandKey } from '../topology';
import { CorrectResultV1 } from './correct-result.command.v1';
import { DeleteResultV1 } from './delete-result.command.v1';
import { RegisterResultV1 } from './register-result.command.v1';
import { ReportFraudV1 } from './report-fraud.command.v1';

/** The command classes by the name in their routing key. */
export const CommandClasses = {
  'register-result': RegisterResultV1,
  'correct-result': CorrectResultV1,
  'delete-result': DeleteResultV1,
  'report-fraud': ReportFraudV1,
} as const satisfies Record<CommandKey, { type: string }>;

export type CommandType = (typeof CommandClasses)[CommandKey]['type'];

export function commandKeyOfType(type: string): CommandKey | undefined {
  return (Object.keys(CommandClasses) as CommandKey[]).find((k) => CommandClasses[k].type === type);
}
