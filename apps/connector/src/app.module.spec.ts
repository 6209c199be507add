import { AdminCredential } from '#common';
import { providesHeapAfterBursts } from '#common/testing';
import { AppModule } from './app.module.js';
import { loadConnectorConfig } from './config/connector.config.js';

describe('AppModule', () => {
  const credential = AdminCredential.fromConfig(undefined).credential;

  it('gives the heap back after bursts in the running connector, not in a one-shot command (ADR 0026)', () => {
    const config = loadConnectorConfig({});
    expect(providesHeapAfterBursts(AppModule.forRoot(config, credential))).toBe(true);
    expect(providesHeapAfterBursts(AppModule.forRoot(config, credential, [], { runsBackgroundWork: false }))).toBe(false);
  });
});
