import 'reflect-metadata';
import { runService } from '@rod/platform';
import { loadPropagationConfig } from './config/propagation.config';
import { propagationService } from './propagation.service';

runService(propagationService, loadPropagationConfig);
