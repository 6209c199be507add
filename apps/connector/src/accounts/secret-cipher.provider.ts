import { Logger, type Provider } from '@nestjs/common';
import { APP_CONFIG, resolveEncryptionKeys, SecretCipher } from '#common';
import type { AccountsConfig } from './accounts.config.js';

/** The cipher for secrets at rest, from ENCRYPTION_KEY, or the demo key in DATA_DIR (said loudly). */
export const secretCipherProvider: Provider = {
  provide: SecretCipher,
  inject: [APP_CONFIG],
  useFactory: (config: AccountsConfig): SecretCipher => {
    const keys = resolveEncryptionKeys(config);
    if (keys.demoKeyFile) {
      new Logger('Accounts').warn({
        msg: 'DEMO MODE: ENCRYPTION_KEY is not set; ANYMARKET tokens are encrypted with a generated demo key kept beside the data. Set ENCRYPTION_KEY for any real use',
        path: keys.demoKeyFile,
      });
    }
    return new SecretCipher(keys.current, keys.previous);
  },
};
