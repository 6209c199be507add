import { providesHeapAfterBursts } from '#common/testing';
import { loadSimulatorConfig } from './config/simulator.config.js';
import { SimulatorModule } from './simulator.module.js';

describe('SimulatorModule', () => {
  // Its full collections would stop the event loop for ~0.2 s while ANYMARKET calls keep arriving: the rate limiter
  // would count them bunched when the loop resumes (the full orders benchmark met 429s one window after each).
  it('does not give the heap back after bursts', () => {
    expect(providesHeapAfterBursts(SimulatorModule.forRoot(loadSimulatorConfig({})))).toBe(false);
  });
});
