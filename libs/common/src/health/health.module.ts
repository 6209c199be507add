import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseHealth } from './database-health.js';
import { HealthController } from './health.controller.js';
import { Readiness } from './readiness.js';
import { RemotesHealth } from './remotes-health.js';

/**
 * `/health/live` and `/health/ready` (also `/health`) on @nestjs/terminus. The HealthContributors registry
 * and RemoteActivity come from CoreModule (global); the remotes' contribution is registered here.
 */
@Module({ imports: [TerminusModule.forRoot()], controllers: [HealthController], providers: [DatabaseHealth, Readiness, RemotesHealth] })
export class HealthModule {}
