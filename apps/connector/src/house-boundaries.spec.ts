import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester, type Rule } from 'eslint';
import tseslint from 'typescript-eslint';

/** The lint rule of ADR 0018 on code written for it: what it lets through, and what it refuses with which reason. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// A plain JS module outside the TypeScript project, hence the untyped import.
const RULE: string = '../../../eslint/house-boundaries.js';
const plugin = ((await import(RULE)) as { default: { rules: Record<string, Rule.RuleModule> } }).default;

const at = (path: string) => join(ROOT, path);
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser as never, ecmaVersion: 2023, sourceType: 'module' } });
const refused = (problem: string) => [{ messageId: 'crossed', data: { problem } }];

tester.run('house/import-boundaries', plugin.rules['import-boundaries'], {
  valid: [
    // A context's own files, and another context through its entry file.
    { filename: at('apps/connector/src/orders/order.store.ts'), code: "import { OrderEntity } from './entities/order.entity.js';" },
    { filename: at('apps/connector/src/orders/orders.module.ts'), code: "import { SyncModule } from '../sync/index.js';" },
    // A context may use the shared floor; the composition floor may use entry files and itself.
    { filename: at('apps/connector/src/sellers/dto/sellers.dto.ts'), code: "import { CursorPageQuery } from '../../http/cursor-page.dto.js';" },
    { filename: at('apps/connector/src/database/entities.ts'), code: "import { ListingEntity } from '../products/index.js';" },
    { filename: at('apps/connector/src/main.ts'), code: "import { loadConnectorConfig } from './config/connector.config.js';" },
    // Libraries and packages are below everyone.
    {
      filename: at('apps/connector/src/orders/orders.service.ts'),
      code: "import { DomainError } from '#common'; import { Injectable } from '@nestjs/common';",
    },
    // Tests are outside the house.
    {
      filename: at('apps/connector/src/orders/orders.spec.ts'),
      code: "import { SyncService } from '../sync/sync.service.js'; import { x } from '#test-support/connector/connector-test-app';",
    },
    { filename: at('libs/marketplacer/src/adapters/advert-mapper.spec.ts'), code: "import { x } from '../../../../apps/simulator/src/main.js';" },
  ],
  invalid: [
    {
      filename: at('apps/connector/src/orders/orders.module.ts'),
      code: "import { SyncService } from '../sync/sync.service.js';",
      errors: refused('imports an internal file of the context "sync"; import "sync/index.js"'),
    },
    {
      filename: at('apps/connector/src/orders/orders.module.ts'),
      code: "export { SyncService } from '../sync/sync.service.js';",
      errors: refused('imports an internal file of the context "sync"; import "sync/index.js"'),
    },
    {
      filename: at('apps/connector/src/webhooks/webhooks-admin.service.ts'),
      code: "import type { ConnectorConfig } from '../config/connector.config.js';",
      errors: refused('a context or the shared floor imports the composition floor (config, database, app module)'),
    },
    {
      filename: at('apps/connector/src/http/marketplacer-id.pipe.ts'),
      code: "import { SyncService } from '../sync/index.js';",
      errors: refused('the shared floor imports the context "sync"'),
    },
    {
      filename: at('libs/common/src/http/body.ts'),
      code: "import { AppModule } from '../../../../apps/connector/src/app.module.js';",
      errors: refused('a library imports an app or the test tier'),
    },
    {
      filename: at('apps/connector/src/orders/orders.service.ts'),
      code: "import { startSimulator } from '../../../simulator/src/bootstrap.js';",
      errors: refused('the connector imports the simulator'),
    },
    {
      filename: at('apps/connector/src/orders/orders.service.ts'),
      code: "import { kit } from '#test-support/connector/products/listings-test-kit';",
      errors: refused('the connector imports test support'),
    },
  ],
});
