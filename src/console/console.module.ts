import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@/config';
import { ConsoleController } from './console.controller';
import { ConsoleFiles } from './console-files';
import { CONSOLE_FILES } from './console.tokens';

/** Serves the built web console (dist/web) at `/`; see ConsoleController. */
@Module({
  controllers: [ConsoleController],
  providers: [
    {
      provide: CONSOLE_FILES,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ConsoleFiles.load(config.console.dir),
    },
  ],
})
export class ConsoleModule {}
