import { IsBoolean, IsISO8601 } from 'class-validator';
import { ResultSnapshotV1 } from './result-snapshot';

export class ResultRegisteredDataV1 extends ResultSnapshotV1 {
  @IsISO8601({ strict: true })
  registeredAt: string;

  /** Registered more than 8 weeks after the exam date. */
  @IsBoolean()
  late: boolean;
}
