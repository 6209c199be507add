import type { DynamicModule } from '@nestjs/common';
import { AdminCredential, CoreModule, HeapAfterBursts } from '#common';
import { AppModule } from './app.module.js';
import { loadConnectorConfig } from './config/connector.config.js';

const coreOf = (app: DynamicModule) => app.imports?.find((imported) => (imported as DynamicModule).module === CoreModule) as DynamicModule;
const givesHeapBack = (core: DynamicModule) =>
  core.providers?.some((provider) => typeof provider === 'object' && 'provide' in provider && provider.provide === HeapAfterBursts) ?? false;

describe('AppModule', () => {
  const credential = AdminCredential.fromConfig(undefined).credential;

  it('gives the heap back after bursts in the running connector, not in a one-shot command (ADR 0026)', () => {
    const config = loadConnectorConfig({});
    expect(givesHeapBack(coreOf(AppModule.forRoot(config, credential)))).toBe(true);
    expect(givesHeapBack(coreOf(AppModule.forRoot(config, credential, [], { runsBackgroundWork: false })))).toBe(false);
  });
});
