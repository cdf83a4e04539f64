import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '@/users/users.module';
import { AuthGuard } from './auth.guard';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { RegionScopeService } from './region-scope.service';

@Global()
@Module({
  imports: [UsersModule],
  providers: [AuthService, AuthResolver, RegionScopeService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, RegionScopeService],
})
export class AuthModule {}
