import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { pino } from 'pino';
import { AdminCredential, createLogger, JsonLogger, refuseStart } from '#common';
import { AppModule } from '../app.module.js';
import { loadConnectorConfig, type ConnectorConfig } from '../config/connector.config.js';
import { ContractCheckService } from '../system/index.js';
import { doctorExitCode, renderDoctorReport, DOCTOR_EXIT } from './doctor-report.js';

/**
 * `npm run doctor`: the live contract check once, as a deploy gate. Reads the connector's own
 * configuration (the same variables; demo mode against the simulator when nothing is configured),
 * boots the connector as an application context without HTTP, sync or background work (so it never
 * takes work from a running connector), runs the operation documents, ANYMARKET accounts and webhooks
 * checks, prints them, and exits 0 when everything passes, 1 when something fails, 2 when the documents
 * could not be checked (Marketplacer or the simulator unreachable, the key refused), 78 on bad configuration.
 * Logs go to stderr (warnings and up unless LOG_LEVEL says otherwise); the report to stdout.
 */
async function main(): Promise<number> {
  let config: ConnectorConfig;
  try {
    config = loadConnectorConfig();
  } catch (error) {
    refuseStart(error);
  }
  const logger = createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn', 'doctor', pino.destination({ dest: 2, sync: true }));
  const { credential } = AdminCredential.fromConfig(config.adminToken);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, syncEnabled: false }, credential, [], { runsBackgroundWork: false }), {
    logger: new JsonLogger(logger),
    abortOnError: false,
  });
  try {
    const report = await app.get(ContractCheckService).run('doctor');
    process.stdout.write(renderDoctorReport(report, { simulatorUrl: config.demoMode ? config.simulatorUrl : undefined }));
    return doctorExitCode(report);
  } finally {
    await app.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`doctor failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = DOCTOR_EXIT.unchecked;
  },
);
