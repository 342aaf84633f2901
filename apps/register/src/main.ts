import 'reflect-metadata';
import { runService } from '@rod/platform';
import { loadRegisterConfig } from './config/register.config';
import { registerService } from './register.service';

runService(registerService, loadRegisterConfig);
