import 'reflect-metadata';
import { runService } from '@rod/platform';
import { loadReportingConfig } from './config/reporting.config';
import { reportingService } from './reporting.service';

runService(reportingService, loadReportingConfig);
