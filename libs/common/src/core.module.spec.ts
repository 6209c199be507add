import type { Provider } from '@nestjs/common';
import { AdminCredential } from './auth/admin-credential.js';
import { CoreModule } from './core.module.js';
import { HeapAfterBursts } from './process/heap-after-bursts.js';

const providesHeapAfterBursts = (providers: Provider[] | undefined) =>
  (providers ?? []).some((provider) => typeof provider === 'object' && 'provide' in provider && provider.provide === HeapAfterBursts);

describe('CoreModule', () => {
  const adminCredential = AdminCredential.fromConfig(undefined).credential;

  it('gives the heap back after bursts only where the deployable asks for it (ADR 0026)', () => {
    expect(providesHeapAfterBursts(CoreModule.forRoot({ config: {}, adminCredential, giveBackHeapAfterBursts: true }).providers)).toBe(true);
    expect(providesHeapAfterBursts(CoreModule.forRoot({ config: {}, adminCredential }).providers)).toBe(false);
  });
});
