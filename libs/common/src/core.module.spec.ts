import { AdminCredential } from './auth/admin-credential.js';
import { CoreModule } from './core.module.js';
import { providesHeapAfterBursts } from './testing/heap-after-bursts-provided.js';

describe('CoreModule', () => {
  const adminCredential = AdminCredential.fromConfig(undefined).credential;

  it('gives the heap back after bursts only where the deployable asks for it (ADR 0026)', () => {
    expect(providesHeapAfterBursts(CoreModule.forRoot({ config: {}, adminCredential, giveBackHeapAfterBursts: true }))).toBe(true);
    expect(providesHeapAfterBursts(CoreModule.forRoot({ config: {}, adminCredential }))).toBe(false);
  });
});
