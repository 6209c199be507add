import { type DynamicModule, Global, Module } from '@nestjs/common';

/**
 * Whether this process runs background work: the WorkQueue's workers, scheduled sync runs and
 * scheduled contract checks. The server does; a one-shot command that boots the app to ask it
 * something (`npm run doctor`) does not, so it never takes work from the running connector.
 */
export const RUNS_BACKGROUND_WORK = 'RUNS_BACKGROUND_WORK';

@Global()
@Module({})
export class BackgroundWorkModule {
  static forRoot(runs: boolean): DynamicModule {
    return { module: BackgroundWorkModule, providers: [{ provide: RUNS_BACKGROUND_WORK, useValue: runs }], exports: [RUNS_BACKGROUND_WORK] };
  }
}
