import type { DynamicModule } from '@nestjs/common';
import { CoreModule } from '../core.module.js';
import { HeapAfterBursts } from '../process/heap-after-bursts.js';

/** Whether `module` (CoreModule.forRoot's, or an app's that imports it) provides HeapAfterBursts (ADR 0026). */
export function providesHeapAfterBursts(module: DynamicModule): boolean {
  const core = module.module === CoreModule ? module : module.imports?.find((imported) => (imported as DynamicModule).module === CoreModule);
  if (!core) throw new Error(`${module.module.name} does not import CoreModule.forRoot`);
  return (
    (core as DynamicModule).providers?.some((provider) => typeof provider === 'object' && 'provide' in provider && provider.provide === HeapAfterBursts) ??
    false
  );
}
