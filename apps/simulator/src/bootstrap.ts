import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureHttpApp, createLogger, JsonLogger } from '#common';
import type { Logger as PinoLogger } from 'pino';
import type { SimulatorConfig } from './config/simulator.config.js';
import { SimulatorModule } from './simulator.module.js';

export interface SimulatorApp {
  app: NestExpressApplication;
  logger: PinoLogger;
}

/** Builds the simulator (not yet listening); main.ts, the launcher and the tests share it. */
export async function createSimulatorApp(config: SimulatorConfig, logger = createLogger(config.logLevel, 'simulator')): Promise<SimulatorApp> {
  const app = await NestFactory.create<NestExpressApplication>(SimulatorModule.forRoot(config), {
    logger: new JsonLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  configureHttpApp(app, {
    title: 'Simulator: Marketplacer Operator API and ANYMARKET marketplace API',
    description: 'Stateful stand-ins for the two remote systems, for the demo, the tests and the benchmarks.',
    version: '0.1.0',
    bodyLimit: config.bodyLimit,
    logger,
  });
  return { app, logger };
}
